"""``thread.messages``: one stream per chat-model message, while it streams.

The server sends a message as ``message-start``, ``content-block-start``/``-delta``/``-finish``
per content block, then ``message-finish``. With langchain-core installed each message is its
``AsyncChatModelStream``, as in the official SDK (`lg_threads._chat_streams`), fed the events
and pulling more through the router when read. Without it, a `MessageStream` gathers them:
``text`` and ``reasoning`` (iterate the deltas, or wait for the whole), ``tool_calls`` (chunks)
and ``output``, the assembled message as a dict.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from lg_threads import _aio_views as _views
from lg_threads import _chat_streams, _protocol
from lg_threads._async.router import Feed, Router, yield_as_found
from lg_threads._protocol import MessageStreamError

if TYPE_CHECKING:
    from lg_threads._async.thread_stream import AsyncThreadStream


class MessageStream(_views.AwaitsOutput):
    """One message from a chat model, filled in as its events arrive."""

    def __init__(
        self,
        router: Router,
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
        self._events: Feed[dict[str, Any]] = Feed(router)
        self._text: Feed[str] = Feed(router)
        self._reasoning: Feed[str] = Feed(router)
        self._tool_chunks: Feed[dict[str, Any]] = Feed(router)
        self._blocks: dict[int, Any] = {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} id={self.message_id!r} done={self.done}>"

    @property
    def done(self) -> bool:
        return self._events.done

    @property
    def error(self) -> BaseException | None:
        return self._events.error

    @property
    def text(self) -> _views.StreamView:
        """The text deltas as they come; awaiting it gives the whole text."""
        return _views.StreamView(self._text.iterate, self._joined(self._text))

    @property
    def reasoning(self) -> _views.StreamView:
        """Like `text`, for reasoning content."""
        return _views.StreamView(self._reasoning.iterate, self._joined(self._reasoning))

    @property
    def tool_calls(self) -> _views.StreamView:
        """Tool-call chunks as they come; awaiting it gives the finished tool-call blocks."""
        return _views.StreamView(self._tool_chunks.iterate, self._finished_tool_calls)

    @property
    def output(self) -> Any:
        """The whole message: ``{"type", "id", "content": [blocks], "text", ...}``."""
        return _views.output_view(self._assembled)

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        """The message's raw protocol events (``data`` of each), from its start."""
        return self._events.iterate()

    def _joined(self, feed: Feed[str]) -> Callable[[], Any]:
        async def whole() -> str:
            await self._settle()
            return "".join(feed.items)

        return whole

    async def _finished_tool_calls(self) -> list[Any]:
        await self._settle()
        return [b for b in self._ordered_blocks() if _block_type(b) in ("tool_call", "tool-call")]

    async def _assembled(self) -> dict[str, Any]:
        await self._settle()
        message: dict[str, Any] = {
            "type": "ai" if self.role in (None, "ai", "assistant") else self.role,
            "id": self.message_id,
            "content": self._ordered_blocks(),
            "text": "".join(self._text.items),
        }
        tool_calls = [b for b in message["content"] if _block_type(b) in ("tool_call", "tool-call")]
        if tool_calls:
            message["tool_calls"] = tool_calls
        if self.usage is not None:
            message["usage"] = self.usage
        return message

    async def _settle(self) -> None:
        await self._events.wait_done()
        if self.error is not None:
            raise self.error

    def _ordered_blocks(self) -> list[Any]:
        return [self._blocks[index] for index in sorted(self._blocks)]

    # Fed by the projection.

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


def _block_type(block: Any) -> Any:
    return block.get("type") if isinstance(block, dict) else None


class MessagesProjection:
    """``thread.messages`` (and a subgraph handle's ``messages``): messages of one namespace."""

    def __init__(self, thread: AsyncThreadStream, namespace: list[str]) -> None:
        self._thread = thread
        self._namespace = list(namespace)

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._messages()

    def _messages(self) -> AsyncIterator[Any]:
        namespace = self._namespace
        subscription = self._thread._subscribe(
            ["messages"], [namespace], 0, scope=namespace or None
        )
        router_box: list[Router] = []
        started: list[Any] = []
        routes = MessageRoutes(lambda: router_box[0], started.append)
        router = Router(subscription, routes.dispatch, routes.end)
        router_box.append(router)
        return yield_as_found(router, started)


class MessageRoutes:
    """Sends ``messages`` events to the message stream they belong to."""

    def __init__(self, router: Callable[[], Router], on_start: Callable[[Any], None]) -> None:
        self._router = router
        self._on_start = on_start
        # One message at a time streams per (namespace, node): content events carry no id.
        self._active: dict[tuple[tuple[str, ...], str | None], Any] = {}

    def dispatch(self, event: dict[str, Any]) -> None:
        if event.get("method") != "messages":
            return
        data = _protocol.event_data(event)
        if not isinstance(data, dict):
            return
        namespace = _protocol.event_namespace(event)
        params = event.get("params") or {}
        node = params.get("node") if isinstance(params, dict) else None
        key = (tuple(namespace), node if isinstance(node, str) else None)
        if data.get("event") == "message-start":
            previous = self._active.pop(key, None)
            if previous is not None:
                _fail(previous, MessageStreamError("a new message started before this one ended"))
            stream = self._new_stream(data, namespace, key[1])
            self._active[key] = stream
            _feed(stream, data)
            self._on_start(stream)
            return
        stream_or_none = self._active.get(key)
        if stream_or_none is None:
            return  # the start was before this subscription's run
        _feed(stream_or_none, data)
        if stream_or_none.done:
            del self._active[key]

    def end(self) -> None:
        for stream in self._active.values():
            _fail(stream, MessageStreamError("the run ended before this message finished"))
        self._active.clear()

    def _new_stream(self, data: dict[str, Any], namespace: list[str], node: str | None) -> Any:
        message_id = data.get("id") if isinstance(data.get("id"), str) else None
        langchain_stream = _chat_streams.langchain_stream_class("AsyncChatModelStream")
        if langchain_stream is None:
            role = data.get("role") if isinstance(data.get("role"), str) else None
            return MessageStream(
                self._router(), message_id=message_id, role=role, namespace=namespace, node=node
            )
        if node is None:
            # Where the official client looks for it.
            metadata = data.get("metadata")
            found = metadata.get("langgraph_node") if isinstance(metadata, dict) else None
            node = found if isinstance(found, str) else None
        stream = langchain_stream(namespace=list(namespace), node=node, message_id=message_id)
        # Reading the message pulls the next events, as this package's streams do.
        stream.set_arequest_more(self._router().pump_once)
        return stream


def _feed(stream: Any, data: dict[str, Any]) -> None:
    if isinstance(stream, MessageStream):
        stream._feed(data)
    else:
        stream.dispatch(data)


def _fail(stream: Any, error: BaseException) -> None:
    if isinstance(stream, MessageStream):
        stream._finish(error)
    else:
        stream.fail(error)
