"""Checks from this computer: FakeTLS probe, clock, all links. Imports core, models; link_check: service."""
