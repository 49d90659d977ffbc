"""``langgraph_sdk.stream.transport``: the protocol transports of `lg_threads.transport`."""

from lg_threads.transport import (
    AsyncProtocolTransport,
    EventStreamHandle,
    ProtocolSseTransport,
    ProtocolWebSocketTransport,
    SyncEventStreamHandle,
    SyncProtocolSseTransport,
    SyncProtocolTransport,
    SyncProtocolWebSocketTransport,
    build_event_stream_body,
    build_websocket_url,
)

__all__ = [
    "AsyncProtocolTransport",
    "EventStreamHandle",
    "ProtocolSseTransport",
    "ProtocolWebSocketTransport",
    "SyncEventStreamHandle",
    "SyncProtocolSseTransport",
    "SyncProtocolTransport",
    "SyncProtocolWebSocketTransport",
    "build_event_stream_body",
    "build_websocket_url",
]
