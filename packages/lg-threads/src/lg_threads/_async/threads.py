"""The threads client: conversations whose state persists across runs, with checkpoints."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from lg_schema import (
    Checkpoint,
    Json,
    OnConflictBehavior,
    PruneStrategy,
    QueryParamTypes,
    SortOrder,
    StreamPart,
    Thread,
    ThreadSelectField,
    ThreadSortBy,
    ThreadState,
    ThreadStateSelectField,
    ThreadStatus,
    ThreadStreamMode,
    ThreadUpdateStateResponse,
)
from lg_threads import _requests
from lg_threads._async.paging import ThreadsPaging
from lg_transport import ResourceClient

if TYPE_CHECKING:
    # Thread streaming loads on first use: `import langgraph_sdk` should not pay for it.
    from lg_threads._async.thread_stream import AsyncThreadStream


class ThreadsClient(ThreadsPaging, ResourceClient):
    """Threads hold a graph's state between runs; each step of a run leaves a checkpoint."""

    async def get(
        self,
        thread_id: str,
        *,
        include: Sequence[str] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Thread:
        """The thread ``thread_id``; ``include=["ttl"]`` adds its time-to-live.

        Args:
            thread_id: The thread's id.
            include: Extra fields to return, e.g. ``["ttl"]``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The `Thread` (``thread_id``, ``status``, ``metadata``, ``values``, ...).

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.get_thread(thread_id, include, headers, params)
        return cast(Thread, await self.http.send(request))

    async def create(
        self,
        *,
        metadata: Json = None,
        thread_id: str | None = None,
        if_exists: OnConflictBehavior | None = None,
        supersteps: Sequence[dict[str, Sequence[dict[str, Any]]]] | None = None,
        graph_id: str | None = None,
        ttl: int | Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Thread:
        """Create a thread (under ``thread_id`` when given; a random UUID otherwise).

        ``if_exists="do_nothing"`` returns an existing thread instead of a 409. ``supersteps``
        pre-fill the state: each is ``{"updates": [{"values": ..., "as_node": ...}]}``.
        ``graph_id`` is stored in the metadata. ``ttl`` is minutes, or
        ``{"ttl": minutes, "strategy": "delete" | "keep_latest"}``.

        Args:
            metadata: Metadata to attach, a JSON object.
            thread_id: An id of your own (a UUID); default: generated.
            if_exists: When ``thread_id`` exists: ``"raise"`` (default, 409) or ``"do_nothing"``
                (return it).
            supersteps: Initial state, written as a sequence of steps: each ``{"updates":
                [{"values": ..., "as_node": ...}]}``.
            graph_id: The graph the thread is for (stored in its metadata).
            ttl: Minutes until the thread is deleted, or ``{"ttl": minutes, "strategy": "delete"
                | "keep_latest"}``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The new (or, with ``if_exists="do_nothing"``, the existing) `Thread`.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            ConflictError: ``thread_id`` exists and ``if_exists`` is ``"raise"``.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.create_thread(
            metadata, thread_id, if_exists, supersteps, graph_id, ttl, headers, params
        )
        return cast(Thread, await self.http.send(request))

    @overload
    async def update(
        self,
        thread_id: str,
        *,
        metadata: Mapping[str, Any],
        ttl: int | Mapping[str, Any] | None = None,
        return_minimal: Literal[False] = False,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Thread: ...

    @overload
    async def update(
        self,
        thread_id: str,
        *,
        metadata: Mapping[str, Any],
        ttl: int | Mapping[str, Any] | None = None,
        return_minimal: Literal[True],
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None: ...

    @overload
    async def update(
        self,
        thread_id: str,
        *,
        metadata: Mapping[str, Any],
        ttl: int | Mapping[str, Any] | None = None,
        return_minimal: bool,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Thread | None: ...

    async def update(
        self,
        thread_id: str,
        *,
        metadata: Mapping[str, Any],
        ttl: int | Mapping[str, Any] | None = None,
        return_minimal: bool = False,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Thread | None:
        """Merge ``metadata`` into the thread's (and reset its ``ttl``, when given).

        With ``return_minimal=True`` the server answers without a body and this returns None.

        Args:
            thread_id: The thread's id.
            metadata: Metadata to merge into the thread's.
            ttl: Minutes until the thread is deleted, or ``{"ttl": minutes, "strategy": "delete"
                | "keep_latest"}``.
            return_minimal: Ask the server for no body and return ``None`` (faster).
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The updated `Thread`, or ``None`` with ``return_minimal=True``.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.update_thread(thread_id, metadata, ttl, return_minimal, headers, params)
        thread = await self.http.send(request)
        return None if return_minimal else cast(Thread, thread)

    async def delete(
        self,
        thread_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Delete the thread, its runs and its checkpoints.

        Args:
            thread_id: The thread's id.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        await self.http.send(_requests.delete_thread(thread_id, headers, params))

    async def search(
        self,
        *,
        metadata: Json = None,
        values: Json = None,
        ids: Sequence[str] | None = None,
        status: ThreadStatus | None = None,
        limit: int = 10,
        offset: int = 0,
        sort_by: ThreadSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[ThreadSelectField] | None = None,
        extract: dict[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> list[Thread]:
        """Threads matching every filter given (metadata and values match by containment).

        ``select`` trims each thread to the named fields; ``extract`` maps aliases to paths in
        the thread (``{"last": "values.messages[-1]"}``), returned under ``extracted``.

        Args:
            metadata: Only threads whose metadata contains these pairs.
            values: Only threads whose state values contain these pairs.
            ids: Only these thread ids.
            status: Only threads in this status: ``"idle"``, ``"busy"``, ``"interrupted"`` or
                ``"error"``.
            limit: The most threads to return (default 10).
            offset: Items to skip, for paging.
            sort_by: The field to sort by (``"thread_id"``, ``"status"``, ``"created_at"``,
                ``"updated_at"``).
            sort_order: ``"asc"`` or ``"desc"``.
            select: Only these fields of each item.
            extract: Fields to pull out of each thread's values into the result, ``{name:
                path}``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The matching threads (a list of `Thread`).

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.search_threads(
            metadata,
            values,
            ids,
            status,
            limit,
            offset,
            sort_by,
            sort_order,
            select,
            extract,
            headers,
            params,
        )
        return cast("list[Thread]", await self.http.send(request))

    async def count(
        self,
        *,
        metadata: Json = None,
        values: Json = None,
        status: ThreadStatus | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> int:
        """How many threads match the filters.

        Args:
            metadata: Only threads whose metadata contains these pairs.
            values: Only threads whose state values contain these pairs.
            status: Only threads in this status: ``"idle"``, ``"busy"``, ``"interrupted"`` or
                ``"error"``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The number of matching threads.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.count_threads(metadata, values, status, headers, params)
        return cast(int, await self.http.send(request))

    async def copy(
        self,
        thread_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Thread:
        """Copy the thread, with its state and history, under a new id; returns the copy.

        The official 0.4.14 signature says ``None`` but its client returns the server's answer,
        the new thread: code that uses that value keeps working here, and is typed.

        Args:
            thread_id: The thread's id.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The copy, a new `Thread`.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        return cast(Thread, await self.http.send(_requests.copy_thread(thread_id, headers, params)))

    async def prune(
        self,
        thread_ids: Sequence[str],
        *,
        strategy: PruneStrategy = "delete",
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> dict[str, Any]:
        """Delete threads (``"delete"``) or only their older checkpoints (``"keep_latest"``).

        Returns ``{"pruned_count": n}``.

        Args:
            thread_ids: The threads to prune.
            strategy: ``"delete"`` (default) the threads, or ``"keep_latest"``: keep only their
                latest checkpoint.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The server's report: ``{"pruned_count": n}``.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.prune_threads(thread_ids, strategy, headers, params)
        return cast("dict[str, Any]", await self.http.send(request))

    async def get_state(
        self,
        thread_id: str,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        *,
        subgraphs: bool = False,
        select: list[ThreadStateSelectField] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ThreadState:
        """The thread's current state, or its state at ``checkpoint`` / ``checkpoint_id``.

        ``subgraphs=True`` includes the states of subgraphs; ``select`` limits the fields
        returned (``"values.<key>"`` picks one key of the values).

        Args:
            thread_id: The thread's id.
            checkpoint: The state at this checkpoint instead of the current one.
            checkpoint_id: The state at the checkpoint with this id.
            subgraphs: Include the states of subgraphs that are running or interrupted.
            select: Only these fields of each item.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The `ThreadState`: ``values``, ``next`` (nodes still to run), ``tasks`` (with
            pending ``interrupts``), ``checkpoint``, ``metadata``, ...

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.get_state(
            thread_id, checkpoint, checkpoint_id, subgraphs, select, headers, params
        )
        return cast(ThreadState, await self.http.send(request))

    async def update_state(
        self,
        thread_id: str,
        values: dict[str, Any] | Sequence[dict[str, Any]] | None,
        *,
        as_node: str | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> ThreadUpdateStateResponse:
        """Write ``values`` to the state as if node ``as_node`` had produced them.

        The update starts from the latest checkpoint, or from ``checkpoint`` /
        ``checkpoint_id``; the answer names the checkpoint it created.

        Args:
            thread_id: The thread's id.
            values: The values to write, as if node ``as_node`` returned them (a list: several
                updates).
            as_node: The node the update comes from (decides what runs next); default: the last
                node that ran.
            checkpoint: Update from this checkpoint instead of the latest (a fork).
            checkpoint_id: Update from the checkpoint with this id.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            ``{"checkpoint": ...}``: the checkpoint the update created.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.update_state(
            thread_id, values, as_node, checkpoint, checkpoint_id, headers, params
        )
        return cast(ThreadUpdateStateResponse, await self.http.send(request))

    async def get_history(
        self,
        thread_id: str,
        *,
        limit: int = 10,
        before: str | Checkpoint | None = None,
        metadata: Mapping[str, Any] | None = None,
        checkpoint: Checkpoint | None = None,
        select: list[ThreadStateSelectField] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> list[ThreadState]:
        """Past states, newest first: at most ``limit``, older than ``before``, whose
        checkpoint metadata contains ``metadata``; ``checkpoint`` selects a subgraph.

        Args:
            thread_id: The thread's id.
            limit: The most states to return (default 10).
            before: Only states older than this checkpoint (an id or a `Checkpoint`).
            metadata: Only states whose checkpoint metadata contains these pairs.
            checkpoint: Only states of this checkpoint's namespace (subgraphs).
            select: Only these fields of each item.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The past states (`ThreadState`), newest first.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.get_history(
            thread_id, limit, before, metadata, checkpoint, select, headers, params
        )
        return cast("list[ThreadState]", await self.http.send(request))

    def stream(
        self,
        thread_id: str | None = None,
        *,
        assistant_id: str,
        headers: Mapping[str, str] | None = None,
        run_start_timeout: float | None = None,
        transport: Literal["sse", "websocket"] = "sse",
    ) -> AsyncThreadStream:
        """A live session on a thread: start runs, answer interrupts, read what they stream.

        Without ``thread_id`` a new id is chosen (the server creates the thread with the first
        run). ``transport="websocket"`` reads events over WebSockets (the ``websocket`` extra);
        commands go over HTTP either way. ``run_start_timeout`` bounds each ``run.start`` /
        ``run.respond`` call (seconds; default: the client's timeout). Use it as
        ``async with threads.stream(...) as t:``.

        Args:
            thread_id: An existing thread to follow and run on; ``None``: a new one (created
                with the first run).
            assistant_id: The assistant the session's runs use (its id or a graph name).
            headers: Extra headers for the session's requests.
            run_start_timeout: Seconds each ``run.start`` / ``run.respond`` may take; default:
                the client's timeout.
            transport: ``"sse"`` (default) or ``"websocket"`` (the ``websocket`` extra) to read
                events; commands use HTTP either way.

        Returns:
            The `AsyncThreadStream` session, to use as ``async with threads.stream(...) as thread:``.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
        """
        from lg_threads._async.thread_stream import AsyncThreadStream, new_thread_id

        explicit = thread_id is not None
        return AsyncThreadStream(
            http=self.http,
            thread_id=thread_id if thread_id is not None else new_thread_id(),
            assistant_id=assistant_id,
            headers=headers,
            run_start_timeout=run_start_timeout,
            explicit_thread_id=explicit,
            transport_kind=transport,
        )

    async def join_stream(
        self,
        thread_id: str,
        *,
        last_event_id: str | None = None,
        stream_mode: ThreadStreamMode | Sequence[ThreadStreamMode] = "run_modes",
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> AsyncIterator[StreamPart]:
        """Follow the events of every run on the thread, as they happen.

        The stream stays open until the caller stops reading. ``last_event_id`` resumes after
        that event (``"-"``: from the start); ``stream_mode`` picks run events
        (``"run_modes"``), run starts and ends (``"lifecycle"``) or state updates
        (``"state_update"``). Awaiting this method opens nothing yet: iterating does.

        Args:
            thread_id: The thread's id.
            last_event_id: Resume after this event id.
            stream_mode: ``"run_modes"`` (default: the runs' own stream modes), ``"lifecycle"``
                or ``"state_update"``, or a list.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            An iterator of `StreamPart` events; it stays open for the thread's next runs
            until you stop reading.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal, two exclusive arguments), naming it, before anything is sent.
            NotFoundError: No such thread.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.join_thread_stream(
            thread_id, last_event_id, stream_mode, headers, params
        )
        return self.http.stream_request(request)
