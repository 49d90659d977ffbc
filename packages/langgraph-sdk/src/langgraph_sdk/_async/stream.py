"""The official module path of `AsyncThreadStream` and its parts (re-exported from lg_threads)."""

from lg_threads.stream import (
    AsyncThreadStream,
    InterruptPayload,
    MessageStream,
    RunModule,
    ScopedStreamHandle,
    ToolCallHandle,
)

__all__ = [
    "AsyncThreadStream",
    "InterruptPayload",
    "MessageStream",
    "RunModule",
    "ScopedStreamHandle",
    "ToolCallHandle",
]
