"""What one event means for the object it was routed to: pure state, no I/O.

The objects a projection hands out (a message, a tool call, a child graph) are filled in by
the events routed to them (`lg_threads._routing`). How they decode those events is the same
for the async and the sync client, so it is written once here, as base classes; the async and
sync classes (`lg_threads._async.messages`, ``tool_calls``, ``subgraphs`` and their generated
twins) add only how a reader waits for what is not there yet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from lg_threads import _protocol
from lg_threads._protocol import MessageStreamError, ToolCallError

T = TypeVar("T")

__all__ = [
    "ChildParts",
    "Feed",
    "MessageParts",
    "ToolCallParts",
    "custom_payload",
    "is_tool_call_block",
]


class Feed(Generic[T]):
    """An append-only list of items, finished once (with an error, or none).

    Readers go through the pulling subclass (`lg_threads._async.router.PulledFeed`), which
    routes more events while a reader waits."""

    def __init__(self) -> None:
        self.items: list[T] = []
        self.done = False
        self.error: BaseException | None = None

    def push(self, item: T) -> None:
        self.items.append(item)

    def finish(self, error: BaseException | None = None) -> None:
        if not self.done:
            self.done = True
            self.error = error


#: Makes the feeds of a handle (the flavour's pulling feed, bound to its router).
NewFeed = Callable[[], Feed[Any]]


def is_tool_call_block(block: Any) -> bool:
    return isinstance(block, dict) and block.get("type") in ("tool_call", "tool-call")


class _EndsWithFeed:
    """A handle that is over when its ``_ending`` feed is finished (with its error, if any)."""

    _ending: Feed[Any]

    @property
    def done(self) -> bool:
        return self._ending.done

    @property
    def error(self) -> BaseException | None:
        return self._ending.error


class MessageParts(_EndsWithFeed):
    """One chat-model message as its ``messages`` events (``data`` of each) arrive: its raw
    events, text and reasoning deltas, tool-call chunks, content blocks and usage."""

    def __init__(
        self,
        new_feed: NewFeed,
        *,
        message_id: str | None,
        role: str | None,
        namespace: list[str],
        node: str | None,
    ) -> None:
        self.message_id = message_id
        self.role = role
        self.namespace = namespace
        self.node = node
        self.usage: Any = None
        self._events: Feed[dict[str, Any]] = new_feed()
        self._text: Feed[str] = new_feed()
        self._reasoning: Feed[str] = new_feed()
        self._tool_chunks: Feed[dict[str, Any]] = new_feed()
        self._blocks: dict[int, Any] = {}
        self._ending = self._events

    def _feed(self, data: dict[str, Any]) -> None:
        self._events.push(data)
        kind = data.get("event")
        index = data.get("index", 0)
        if kind == "content-block-start" or kind == "content-block-finish":
            self._blocks[index if isinstance(index, int) else 0] = data.get("content")
        elif kind == "content-block-delta":
            delta = data.get("delta")
            if isinstance(delta, dict):
                self._feed_delta(delta)
        elif kind == "message-finish":
            self.usage = data.get("usage", self.usage)
            self._finish()
        elif kind == "error" or kind == "message-error":
            self._finish(MessageStreamError(str(data.get("message") or data)))

    def _feed_delta(self, delta: dict[str, Any]) -> None:
        kind = delta.get("type")
        if kind == "text-delta" and isinstance(delta.get("text"), str):
            self._text.push(delta["text"])
        elif kind == "reasoning-delta":
            text = delta.get("reasoning", delta.get("text"))
            if isinstance(text, str):
                self._reasoning.push(text)
        elif kind in ("tool-call-chunk", "tool_call_chunk", "tool-call-delta"):
            self._tool_chunks.push(delta)

    def _finish(self, error: BaseException | None = None) -> None:
        for feed in (self._text, self._reasoning, self._tool_chunks):
            feed.finish(error)
        self._events.finish(error)

    def _ordered_blocks(self) -> list[Any]:
        return [self._blocks[index] for index in sorted(self._blocks)]

    def _tool_call_blocks(self) -> list[Any]:
        return [block for block in self._ordered_blocks() if is_tool_call_block(block)]

    def _message(self) -> dict[str, Any]:
        """The message as read so far: ``{"type", "id", "content": [blocks], "text", ...}``."""
        message: dict[str, Any] = {
            "type": "ai" if self.role in (None, "ai", "assistant") else self.role,
            "id": self.message_id,
            "content": self._ordered_blocks(),
            "text": "".join(self._text.items),
        }
        tool_calls = [block for block in message["content"] if is_tool_call_block(block)]
        if tool_calls:
            message["tool_calls"] = tool_calls
        if self.usage is not None:
            message["usage"] = self.usage
        return message


class ToolCallParts(_EndsWithFeed):
    """One tool execution as its ``tools`` events arrive: output deltas, then its result or
    its error."""

    def __init__(
        self,
        new_feed: NewFeed,
        *,
        tool_call_id: str,
        name: str,
        input: Any,
        namespace: list[str] | None,
    ) -> None:
        self.tool_call_id = tool_call_id
        self.name = name
        self.input = input
        self.namespace = list(namespace or [])
        self._deltas: Feed[str] = new_feed()
        self._result: Any = None
        self._ending = self._deltas

    def _feed(self, data: dict[str, Any]) -> None:
        kind = data.get("event")
        if kind == "tool-output-delta" and isinstance(data.get("delta"), str):
            self._deltas.push(data["delta"])
        elif kind == "tool-finished":
            self._result = data.get("output")
            self._deltas.finish()
        elif kind == "tool-error":
            code = data.get("code")
            message = str(data.get("message") or "the tool failed")
            self._deltas.finish(
                ToolCallError(message, code=code if isinstance(code, str) else None)
            )

    def _abandon(self) -> None:
        self._deltas.finish(ToolCallError("the run ended before the tool call finished"))


class ChildParts:
    """One child graph invocation: where it runs, what started it, how it ended."""

    def __init__(
        self, *, path: tuple[str, ...], graph_name: str | None, trigger_call_id: str | None
    ) -> None:
        self.path = tuple(path)
        self.namespace = list(path)
        self.graph_name = graph_name
        #: The tool call that started this child, when a tool did.
        self.trigger_call_id = trigger_call_id
        #: ``started``, then ``completed``, ``failed`` or ``interrupted``.
        self.status = "started"
        self.error: str | None = None

    def _note_end(self, event: Mapping[str, Any] | None) -> None:
        data = _protocol.event_data(event) if event is not None else None
        if isinstance(data, dict) and data.get("event") in _protocol.TERMINAL_LIFECYCLE:
            self.status = data["event"]
            error = data.get("error")
            self.error = str(error) if error else None


def custom_payload(data: Any) -> Any:
    """What ``extensions["name"]`` yields for a custom event's data: its ``payload``."""
    return data.get("payload") if isinstance(data, dict) and "payload" in data else data
