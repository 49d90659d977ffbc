"""The official module path of `AsyncThreadStream` and its parts (re-exported from lg_threads)."""

from lg_threads._async.messages import MessageStream
from lg_threads._async.subgraphs import ScopedStreamHandle
from lg_threads._async.thread_stream import AsyncThreadStream, RunModule, _AgentModule
from lg_threads._async.tool_calls import ToolCallHandle
from lg_threads._protocol import InterruptPayload
from lg_threads.decoders import (
    _event_namespace,
    _is_direct_child,
    _message_event_id,
    _message_route_key,
    _parse_namespace_segment,
    _terminal_from_tasks_result,
)

__all__ = [
    "AsyncThreadStream",
    "InterruptPayload",
    "MessageStream",
    "RunModule",
    "ScopedStreamHandle",
    "ToolCallHandle",
    "_AgentModule",
    "_event_namespace",
    "_is_direct_child",
    "_message_event_id",
    "_message_route_key",
    "_parse_namespace_segment",
    "_terminal_from_tasks_result",
]
