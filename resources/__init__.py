"""Packaged resources: domain pool, icons, theme, translations."""
