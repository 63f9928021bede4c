"""mtpm remote agent (stdlib only)."""
