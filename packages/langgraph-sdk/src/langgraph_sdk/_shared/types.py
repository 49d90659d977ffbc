"""The official ``langgraph_sdk._shared.types`` path: the timeout type (from lg_transport)."""

from lg_transport import TimeoutTypes

__all__ = ["TimeoutTypes"]
