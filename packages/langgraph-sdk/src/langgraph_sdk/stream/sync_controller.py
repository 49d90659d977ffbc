"""``langgraph_sdk.stream.sync_controller``: the official path of the sync shared-connection
multiplexer; as ``langgraph_sdk.stream.controller``, it has no counterpart in this SDK
(docs/compatibility.md lists the names and why)."""
