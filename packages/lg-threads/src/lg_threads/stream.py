"""Thread streaming (``threads.stream(...)``): the public names, async and sync.

See `lg_threads._async.thread_stream` for how a session works. Events are plain dicts shaped
like `Event`; errors are `ProtocolCommandError` (a refused command), `ThreadRunError` (the run
failed), `ToolCallError` and `MessageStreamError`, all `RuntimeError`s.
"""

from lg_threads._async.messages import MessageStream
from lg_threads._async.subgraphs import ScopedStreamHandle
from lg_threads._async.thread_stream import AsyncThreadStream, RunModule
from lg_threads._async.thread_stream import _AgentModule as _AgentModule
from lg_threads._async.tool_calls import ToolCallHandle
from lg_threads._protocol import (
    ALL_CHANNELS,
    Channel,
    Event,
    InterruptPayload,
    MessageStreamError,
    Namespace,
    ProtocolCommandError,
    SubscribeParams,
    ThreadRunError,
    ToolCallError,
    channel_of,
    event_matches,
    namespace_matches,
    normalize_segment,
)
from lg_threads._sync.messages import SyncMessageStream
from lg_threads._sync.subgraphs import SyncScopedStreamHandle
from lg_threads._sync.thread_stream import SyncRunModule, SyncThreadStream
from lg_threads._sync.thread_stream import _SyncAgentModule as _SyncAgentModule
from lg_threads._sync.tool_calls import SyncToolCallHandle

__all__ = [
    "ALL_CHANNELS",
    "AsyncThreadStream",
    "Channel",
    "Event",
    "InterruptPayload",
    "MessageStream",
    "MessageStreamError",
    "Namespace",
    "ProtocolCommandError",
    "RunModule",
    "ScopedStreamHandle",
    "SubscribeParams",
    "SyncMessageStream",
    "SyncRunModule",
    "SyncScopedStreamHandle",
    "SyncThreadStream",
    "SyncToolCallHandle",
    "ThreadRunError",
    "ToolCallError",
    "ToolCallHandle",
    "channel_of",
    "event_matches",
    "namespace_matches",
    "normalize_segment",
]
