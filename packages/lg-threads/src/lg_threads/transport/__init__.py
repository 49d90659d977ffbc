"""Protocol transports of thread streaming: commands and event streams of one thread, over
SSE or WebSockets, async and sync (``langgraph_sdk.stream.transport``)."""

from lg_threads.transport.base import (
    AsyncProtocolTransport,
    EventStreamHandle,
    SyncEventStreamHandle,
    SyncProtocolTransport,
    build_event_stream_body,
    build_websocket_url,
)
from lg_threads.transport.sse import ProtocolSseTransport
from lg_threads.transport.sync_sse import SyncProtocolSseTransport
from lg_threads.transport.sync_ws import SyncProtocolWebSocketTransport
from lg_threads.transport.ws import ProtocolWebSocketTransport

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
