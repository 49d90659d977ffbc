"""Async flavour of the store client: the source from which scripts/unasync.py writes the sync one."""
