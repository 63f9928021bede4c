"""The user guides, shipped in the package so Help works offline (read with importlib.resources)."""
