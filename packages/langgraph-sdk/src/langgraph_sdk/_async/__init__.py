"""Async flavour of the composed client: the source from which scripts/unasync.py writes the sync one."""
