"""Fixtures of the reliability suite (defined in helpers.py so test modules can import their types too)."""

from tests.reliability.helpers import relayed

__all__ = ["relayed"]
