"""The official module path of `ThreadsClient` (re-exported from lg_threads)."""

from lg_threads import ThreadsClient

__all__ = ["ThreadsClient"]
