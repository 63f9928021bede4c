"""Rules about the shape of the code, derived from its own imports (no hand-kept module lists)."""
