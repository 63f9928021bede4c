"""mtpm: MTProto Proxy Manager, desktop edition."""

__version__ = "0.1.0"
