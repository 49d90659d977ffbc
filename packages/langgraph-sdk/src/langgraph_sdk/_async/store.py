"""The official module path of `StoreClient` (re-exported from lg_store)."""

from lg_store import StoreClient

__all__ = ["StoreClient"]
