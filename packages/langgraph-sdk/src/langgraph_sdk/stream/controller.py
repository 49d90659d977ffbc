"""``langgraph_sdk.stream.controller``: the official path of the shared-connection subscription
multiplexer. This SDK's thread streams give each subscription its own connection, resumed by
sequence number (`lg_threads._async.subscription`), so the official ``StreamController`` has no
counterpart here; docs/compatibility.md lists its names and why they are absent."""
