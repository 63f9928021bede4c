"""Reliability and security suite (issue 10): faults, concurrency, bad input, secrets."""
