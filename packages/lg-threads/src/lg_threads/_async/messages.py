"""``thread.messages``: one stream per chat-model message, while it streams.

The server sends a message as ``message-start``, ``content-block-start``/``-delta``/``-finish``
per content block, then ``message-finish``. With langchain-core installed each message is its
``AsyncChatModelStream``, as in the official SDK (`lg_threads._chat_streams`), fed the events
and pulling more through the router when read. Without it, a `MessageStream` gathers them
(decoding in `lg_threads._decoding.MessageParts`): ``text`` and ``reasoning`` (iterate the
deltas, or wait for the whole), ``tool_calls`` (chunks) and ``output``, the assembled message
as a dict.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

from lg_threads import _aio_views as _views
from lg_threads import _chat_streams
from lg_threads._async.router import PulledFeed, Router, yield_as_found
from lg_threads._async.subscription import StreamSession
from lg_threads._decoding import MessageParts
from lg_threads._routing import MessageRoutes


class MessageStream(MessageParts, _views.AwaitsOutput):
    """One message from a chat model, filled in as its events arrive."""

    _events: PulledFeed[dict[str, Any]]
    _text: PulledFeed[str]
    _reasoning: PulledFeed[str]
    _tool_chunks: PulledFeed[dict[str, Any]]

    def __init__(
        self,
        router: Router,
        *,
        message_id: str | None,
        role: str | None,
        namespace: list[str],
        node: str | None,
    ) -> None:
        super().__init__(
            partial(PulledFeed, router),
            message_id=message_id,
            role=role,
            namespace=namespace,
            node=node,
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} id={self.message_id!r} done={self.done}>"

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

    def _joined(self, feed: PulledFeed[str]) -> Callable[[], Any]:
        async def whole() -> str:
            await self._settle()
            return "".join(feed.items)

        return whole

    async def _finished_tool_calls(self) -> list[Any]:
        await self._settle()
        return self._tool_call_blocks()

    async def _assembled(self) -> dict[str, Any]:
        await self._settle()
        return self._message()

    async def _settle(self) -> None:
        await self._events.wait_done()
        if self.error is not None:
            raise self.error


def new_message_stream(
    router: Router, data: dict[str, Any], namespace: list[str], node: str | None
) -> Any:
    """The stream of the message ``data`` (its ``message-start``) begins, pulling through
    ``router``: langchain-core's when it is installed, else a `MessageStream`."""
    message_id = data.get("id") if isinstance(data.get("id"), str) else None
    langchain_stream = _chat_streams.langchain_stream_class("AsyncChatModelStream")
    if langchain_stream is None:
        role = data.get("role") if isinstance(data.get("role"), str) else None
        return MessageStream(
            router, message_id=message_id, role=role, namespace=namespace, node=node
        )
    if node is None:
        # Where the official client looks for it.
        metadata = data.get("metadata")
        found = metadata.get("langgraph_node") if isinstance(metadata, dict) else None
        node = found if isinstance(found, str) else None
    stream = langchain_stream(namespace=list(namespace), node=node, message_id=message_id)
    # Reading the message pulls the next events, as this package's streams do.
    stream.set_arequest_more(router.pump_once)
    return stream


class MessagesProjection:
    """``thread.messages`` (and a subgraph handle's ``messages``): messages of one namespace."""

    def __init__(self, session: StreamSession, namespace: list[str]) -> None:
        self._session = session
        self._namespace = list(namespace)

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._messages()

    def _messages(self) -> AsyncIterator[Any]:
        namespace = self._namespace
        subscription = self._session.subscribe(
            ["messages"], [namespace], 0, scope=namespace or None
        )
        started: list[Any] = []

        def routes(router: Router) -> MessageRoutes:
            return MessageRoutes(partial(new_message_stream, router), started.append)

        return yield_as_found(Router(subscription, routes), started)
