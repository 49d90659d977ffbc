"""`AsyncThreadStream`: one thread's live session (``client.threads.stream(...)``).

    async with client.threads.stream(assistant_id="agent") as thread:
        await thread.run.start(input={"messages": [...]})
        async for message in thread.messages:
            print(await message.text)
        state = await thread.output

Commands go over HTTP; every subscription (``events``, ``subscribe``, the projections) is a
connection of its own that replays the current run from its start and ends when the run ends
(`lg_threads._async.subscription`). ``interrupted``/``interrupts`` reflect the events read
so far; ``output``, and ``run.respond`` without an id, read up to the run's end first.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any

from lg_schema import QueryParamTypes
from lg_threads import _aio_views as _views
from lg_threads import _protocol
from lg_threads._async.event_source import (
    TRANSPORT_KINDS,
    TransportKind,
    send_command,
    websocket_connector,
)
from lg_threads._async.projections import (
    ExtensionsProjection,
    MessagesProjection,
    SubgraphsProjection,
    ToolCallsProjection,
    interleave,
    validate_interleave_channels,
)
from lg_threads._async.subscription import StreamSession
from lg_transport import ApiRequest, HttpClient, build_path, merge_params, path_id
from lg_transport.validate import check_mapping

if TYPE_CHECKING:
    from lg_threads.transport import ProtocolSseTransport, ProtocolWebSocketTransport

__all__ = ["AsyncThreadStream", "RunModule"]


class AsyncThreadStream:
    """A thread's streaming session; enter it with ``async with`` before use."""

    def __init__(
        self,
        *,
        http: HttpClient,
        thread_id: str,
        assistant_id: str,
        headers: Mapping[str, str] | None = None,
        max_queue_size: int = 1024,
        run_start_timeout: float | None = None,
        explicit_thread_id: bool = False,
        transport_kind: TransportKind = "sse",
    ) -> None:
        path_id(thread_id, "thread_id")
        path_id(assistant_id, "assistant_id")
        if transport_kind not in TRANSPORT_KINDS:
            raise ValueError(f"transport must be 'sse' or 'websocket', got {transport_kind!r}")
        _protocol.check_seconds("run_start_timeout", run_start_timeout)
        self.thread_id = thread_id
        self.assistant_id = assistant_id
        self._http = http
        self._headers = dict(headers) if headers else None
        self._transport_kind: TransportKind = transport_kind
        self._explicit_thread_id = explicit_thread_id
        self._run_start_timeout = run_start_timeout
        # Accepted for the official signature; nothing is queued here (events are pulled).
        self._max_queue_size = max_queue_size
        # What the projections and subscriptions share; they never see the stream itself.
        self._session = StreamSession(
            http=http,
            thread_id=thread_id,
            headers=self._headers,
            transport_kind=transport_kind,
            explicit_thread_id=explicit_thread_id,
            owner_name=type(self).__name__,
        )
        self._tracker = self._session.tracker
        self._command_ids = 0
        # The official attribute code inspects (``isinstance(thread._transport, ...)``): a
        # transport bound to this thread on the same client, made on enter, closed on close.
        # The session's own traffic goes through `event_source`, not through it.
        self._transport: ProtocolSseTransport | ProtocolWebSocketTransport | None = None
        self.run = RunModule(self)
        self.agent = _AgentModule(self)
        self.values = _views.StreamView(self._values_snapshots, self._final_values)
        self.messages = MessagesProjection(self._session, [])
        self.tool_calls = ToolCallsProjection(self._session, [])
        self.subgraphs = SubgraphsProjection(self._session, ())
        #: Same as `subgraphs` (the name agent frameworks use for delegated agents).
        self.subagents = self.subgraphs
        self.extensions = ExtensionsProjection(self._session, [])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} thread_id={self.thread_id!r} assistant_id={self.assistant_id!r}>"

    async def __aenter__(self) -> AsyncThreadStream:
        if self._session.closed:
            raise RuntimeError(f"{type(self).__name__} is closed; open a new one")
        if self._transport_kind == "websocket":
            websocket_connector()  # fail now, not at the first subscription, if it is missing
        # Imported here: only an entered session needs it, `import langgraph_sdk` never does.
        from lg_threads.transport import ProtocolSseTransport, ProtocolWebSocketTransport

        transport_cls = (
            ProtocolWebSocketTransport
            if self._transport_kind == "websocket"
            else ProtocolSseTransport
        )
        self._transport = transport_cls(
            client=self._http.client, thread_id=self.thread_id, headers=self._headers
        )
        self._session.entered = True
        return self

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        await self.close()

    async def close(self) -> None:
        """End every open subscription. Idempotent; the client's connection pool stays open."""
        await self._session.close()
        if self._transport is not None:
            await self._transport.close()

    # What the session knows.

    @property
    def interrupted(self) -> bool:
        """Whether the current run stopped at an interrupt (as far as the events read tell)."""
        return self._tracker.status == "interrupted"

    @property
    def interrupts(self) -> list[_protocol.InterruptPayload]:
        """Interrupts of the current run waiting for `run.respond`."""
        return self._tracker.interrupts

    @property
    def output(self) -> Any:
        """The thread's state once the current run has ended (a failed run raises)."""
        self._require_entered()
        return _views.output_view(self._fetch_output)

    @property
    def events(self) -> AsyncIterator[dict[str, Any]]:
        """Every event of the current run, on every channel; a new subscription each time."""
        return self.subscribe(list(_protocol.ALL_CHANNELS))

    def subscribe(
        self,
        channels: list[str],
        *,
        namespaces: list[list[str]] | None = None,
        depth: int | None = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Raw events of ``channels`` (under ``namespaces`` prefixes, ``depth`` levels deep).

        Starts with the current run's first event (or waits for the next run) and ends with
        the run. Channel names: ``values``, ``updates``, ``messages``, ``tools``,
        ``lifecycle``, ``input``, ``checkpoints``, ``tasks``, ``custom``, ``custom:<name>``.
        """
        channels = _protocol.validate_channels(channels)
        _protocol.validate_namespaces(namespaces, depth)
        return self._session.subscribe(channels, namespaces, depth)

    def interleave_projections(self, channels: list[str]) -> AsyncIterator[tuple[str, Any]]:
        """``(name, item)`` pairs of several projections in the order the server sent them.

        Names: ``values``, ``updates``, ``messages``, ``tool_calls``, ``subgraphs``,
        ``checkpoints``, ``tasks``, ``custom``, ``custom:<name>``.
        """
        names = validate_interleave_channels(channels)
        self._require_entered()
        return interleave(self._session, names)

    def observe_applied_through_seq(self, seq: Any) -> None:
        """Record that the server has applied events up to ``seq`` (kept for compatibility)."""
        if isinstance(seq, int) and not isinstance(seq, bool):
            self._tracker.cursor = max(self._tracker.cursor, seq)

    # Internals shared with the modules and projections.

    def _require_entered(self) -> None:
        self._session.require_entered()

    async def _command(
        self, method: str, params: Mapping[str, Any], http: HttpClient | None = None
    ) -> dict[str, Any]:
        self._require_entered()
        self._command_ids += 1
        body = _protocol.command(self._command_ids, method, params)
        answer = await send_command(http or self._http, self.thread_id, body, self._headers)
        result, _ = _protocol.command_result(method, answer)
        return result

    async def _run_command(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """A command that starts or resumes a run: the stream moves on to that run."""
        self._require_entered()
        saved = self._tracker.begin_run()
        try:
            http = None
            if self._run_start_timeout is not None:
                http = self._http.with_options(timeout=self._run_start_timeout)
            result = await self._command(method, params, http)
        except BaseException:
            self._tracker.abort_run(saved)
            raise
        run_id = result.get("run_id")
        if isinstance(run_id, str):
            self._tracker.run_id = run_id
        return result

    async def _read_to_run_end(self) -> None:
        """Read the control channels until the current run has ended."""
        if self._tracker.run_over():
            return
        subscription = self._session.subscribe(list(_protocol.CONTROL_CHANNELS))
        try:
            while await subscription.next_event() is not None:
                if self._tracker.run_over():
                    break
        finally:
            await subscription.close()

    async def _read_until_idle(self) -> None:
        """Follow a thread busy with runs this stream did not start until none is left.

        The replay starts with the oldest run the server still holds: an end seen in it
        only counts once the thread itself says it is idle.
        """
        subscription = self._session.subscribe(list(_protocol.CONTROL_CHANNELS))
        try:
            while (event := await subscription.next_event()) is not None:
                ended = _protocol.root_lifecycle(event) in _protocol.TERMINAL_LIFECYCLE
                if ended and await self._thread_is_idle():
                    break
        finally:
            await subscription.close()

    async def _fetch_output(self) -> Any:
        tracker = self._tracker
        if tracker.epoch == 0 and not self._explicit_thread_id:
            raise RuntimeError("no run was started on this stream: call `run.start(...)` first")
        if tracker.epoch:
            await self._read_to_run_end()
        elif not await self._thread_is_idle():
            await self._read_until_idle()
        if tracker.status == "failed":
            raise _protocol.ThreadRunError(
                tracker.error or "the run failed", tracker.terminal_event
            )
        state = await self._get_state()
        return state.get("values") if isinstance(state, dict) else state

    async def _thread_is_idle(self) -> bool:
        # The thread's status, not its state: a run just created may not have started yet.
        request = ApiRequest(
            "GET",
            build_path("/threads/{thread_id}", thread_id=self.thread_id),
            headers=self._headers,
        )
        thread = await self._http.send(request)
        return not (isinstance(thread, dict) and thread.get("status") == "busy")

    async def _get_state(self) -> Any:
        request = ApiRequest(
            "GET",
            build_path("/threads/{thread_id}/state", thread_id=self.thread_id),
            headers=self._headers,
        )
        return await self._http.send(request)

    async def _final_values(self) -> Any:
        return await self._fetch_output()

    async def _values_snapshots(self) -> AsyncIterator[Any]:
        # As the official client: the thread's state when the loop starts, then the run's
        # states as they come, from the root graph and its subgraphs alike.
        subscription = self._session.subscribe(["values"])
        try:
            state = await self._get_state()
            yield state.get("values") if isinstance(state, dict) else None
            async for event in subscription:
                data = _protocol.event_data(event)
                if data is not None:
                    yield data
        finally:
            await subscription.close()


class RunModule:
    """``thread.run``: start a run on the thread, answer its interrupts."""

    def __init__(self, owner: AsyncThreadStream) -> None:
        self._owner = owner

    async def start(
        self,
        *,
        input: Any = None,
        config: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        langsmith_tracing: Any = None,
    ) -> dict[str, Any]:
        """Start a run of the stream's assistant; returns ``{"run_id": ...}``."""
        check_mapping("config", config)
        check_mapping("metadata", metadata)
        params = _protocol.run_start_params(
            self._owner.assistant_id,
            input=input,
            config=config,
            metadata=metadata,
            langsmith_tracing=langsmith_tracing,
        )
        return await self._owner._run_command("run.start", params)

    async def respond(self, response: Any, *, interrupt_id: str | None = None) -> dict[str, Any]:
        """Answer an interrupt and resume the run.

        Without ``interrupt_id`` the run must be waiting on exactly one interrupt (this reads
        the run up to its pause if needed); with several, name the one answered.
        """
        owner = self._owner
        if interrupt_id is not None:
            path_id(interrupt_id, "interrupt_id")
        owner._require_entered()
        tracker = owner._tracker
        if interrupt_id is None and not tracker.interrupts and tracker.epoch:
            await owner._read_to_run_end()
        chosen = tracker.interrupt_to_answer(interrupt_id)
        params = _protocol.respond_params(chosen, response)
        return await owner._run_command("input.respond", params)


class _AgentModule:
    """``thread.agent``: the assistant's graph."""

    def __init__(self, owner: AsyncThreadStream) -> None:
        self._owner = owner

    async def get_tree(
        self,
        *,
        xray: int | bool = False,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> dict[str, list[dict[str, Any]]]:
        """The graph of the stream's assistant (``nodes`` and ``edges``)."""
        _check_xray(xray)
        owner = self._owner
        query = {"xray": xray} if xray else None
        merged_headers = {**(owner._headers or {}), **(headers or {})} or None
        request = ApiRequest(
            "GET",
            build_path("/assistants/{assistant_id}/graph", assistant_id=owner.assistant_id),
            params=merge_params(query, params),
            headers=merged_headers,
        )
        result: dict[str, list[dict[str, Any]]] = await owner._http.send(request)
        return result


def _check_xray(xray: object) -> None:
    if not isinstance(xray, (bool, int)):
        raise TypeError(f"xray must be a bool or an int, got {type(xray).__name__}")


def new_thread_id() -> str:
    return str(uuid.uuid4())
