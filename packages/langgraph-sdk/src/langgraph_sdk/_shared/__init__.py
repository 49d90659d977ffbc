"""The official ``langgraph_sdk._shared`` package path (helpers shared by async and sync)."""
