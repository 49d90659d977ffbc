"""The official module path of `AsyncThreadStream` and its parts (re-exported from lg_threads)."""

from lg_threads._async.messages import MessageStream
from lg_threads._async.subgraphs import ScopedStreamHandle
from lg_threads._async.thread_stream import AsyncThreadStream, RunModule
from lg_threads._async.tool_calls import ToolCallHandle
from lg_threads._protocol import InterruptPayload

__all__ = [
    "AsyncThreadStream",
    "InterruptPayload",
    "MessageStream",
    "RunModule",
    "ScopedStreamHandle",
    "ToolCallHandle",
]
