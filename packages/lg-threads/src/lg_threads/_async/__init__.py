"""Async threads client: the source that scripts/unasync.py turns into the sync one."""
