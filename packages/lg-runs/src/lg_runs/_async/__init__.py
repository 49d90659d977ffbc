"""Async flavour of the runs client: scripts/unasync.py writes the sync one from it."""
