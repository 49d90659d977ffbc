"""Async flavour of the transport: the source from which scripts/unasync.py writes the sync one."""
