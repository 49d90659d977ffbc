"""The official module path of `AsyncThreadStream` and its parts (re-exported from lg_threads)."""

from lg_threads.decoders import (
    _event_namespace,
    _is_direct_child,
    _message_event_id,
    _message_route_key,
    _parse_namespace_segment,
    _terminal_from_tasks_result,
)
from lg_threads.filters import exact_namespace_filter as _exact_namespace_params
from lg_threads.filters import is_root_terminal_lifecycle as _is_root_terminal_lifecycle
from lg_threads.filters import subgraph_filter as _subgraph_subscription_params
from lg_threads.stream import (
    AsyncThreadStream,
    InterruptPayload,
    MessageStream,
    RunModule,
    ScopedStreamHandle,
    ToolCallHandle,
    _AgentModule,
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
    "_exact_namespace_params",
    "_is_root_terminal_lifecycle",
    "_subgraph_subscription_params",
    "_is_direct_child",
    "_message_event_id",
    "_message_route_key",
    "_parse_namespace_segment",
    "_terminal_from_tasks_result",
]
