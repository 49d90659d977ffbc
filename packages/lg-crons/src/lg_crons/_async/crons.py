"""The cron client: runs scheduled by a cron expression, on one thread or a new one each time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any, cast

from lg_crons import _requests
from lg_crons._async.paging import CronsPaging
from lg_schema import (
    All,
    Config,
    Context,
    Cron,
    CronSelectField,
    CronSortBy,
    Durability,
    Input,
    Json,
    OnCompletionBehavior,
    QueryParamTypes,
    SortOrder,
    StreamMode,
)
from lg_transport import NOT_PROVIDED, HttpClient, NotGiven, ResourceClient


class CronClient(CronsPaging, ResourceClient):
    """Schedule recurring runs of an assistant; ``schedule`` is a cron expression, in UTC
    unless ``timezone`` names an IANA zone. The server checks schedules every few seconds and
    has minute granularity."""

    def __init__(self, http_client: HttpClient) -> None:
        # The official client names this parameter http_client (the other resources: http).
        super().__init__(http_client)

    async def create_for_thread(
        self,
        thread_id: str,
        assistant_id: str,
        *,
        schedule: str,
        input: Input | None = None,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | list[str] | None = None,
        interrupt_after: All | list[str] | None = None,
        webhook: str | None = None,
        multitask_strategy: str | None = None,
        end_time: datetime | None = None,
        enabled: bool | None = None,
        timezone: str | tzinfo | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] | None = None,
        stream_subgraphs: bool | None = None,
        stream_resumable: bool | None = None,
        durability: Durability | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Cron:
        """A cron that runs ``assistant_id`` (an id or a graph name) on ``thread_id``.

        Returns the new cron record (``cron_id``, ``schedule``, ``next_run_date``...), which
        is what the server sends; the official SDK annotates it as `Run` (docs/compatibility.md).

        Args:
            thread_id: The thread every scheduled run uses (its state carries over).
            assistant_id: The assistant to run: its UUID, or a graph's name for that graph's
                default assistant.
            schedule: A five-field cron expression (``"0 9 * * 1-5"``), in ``timezone``.
            input: The graph's input, e.g. ``{"messages": [...]}``. Not together with
                ``command``.
            metadata: Metadata to attach, a JSON object.
            config: The run's configuration (``configurable``, ``tags``, ``recursion_limit``,
                ...).
            context: The run's static context, for graphs with a context schema.
            checkpoint_during: Deprecated, use ``durability``: checkpoint during the run, not
                only at its end.
            interrupt_before: Nodes to pause before (``"*"``: all), as a breakpoint.
            interrupt_after: Nodes to pause after (``"*"``: all).
            webhook: A URL the server calls (POST, the run as body) when the run ends.
            multitask_strategy: What to do when the thread already has a run in progress:
                ``"reject"``, ``"interrupt"``, ``"rollback"`` or ``"enqueue"``.
            end_time: Stop scheduling after this time (a ``datetime``).
            enabled: Whether the cron schedules runs (``False``: paused).
            timezone: The schedule's IANA time zone (``"Europe/Paris"`` or a ``ZoneInfo``);
                default UTC.
            stream_mode: The stream modes each scheduled run keeps for a later `join_stream`.
            stream_subgraphs: Also keep subgraph events of each run.
            stream_resumable: Keep each run's events on the server for replay.
            durability: How often the graph's state is saved: ``"sync"``, ``"async"`` or
                ``"exit"``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The new cron (``cron_id``, ``schedule``, ``next_run_date``, ...).

        Raises:
            TypeError, ValueError: A bad argument (an empty id, an invalid time zone, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such thread or assistant.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.create_for_thread(
            thread_id,
            headers,
            params,
            schedule=schedule,
            input=input,
            metadata=metadata,
            config=config,
            context=context,
            assistant_id=assistant_id,
            checkpoint_during=checkpoint_during,
            interrupt_before=interrupt_before,
            interrupt_after=interrupt_after,
            webhook=webhook,
            multitask_strategy=multitask_strategy,
            end_time=end_time,
            enabled=enabled,
            timezone=timezone,
            stream_mode=stream_mode,
            stream_subgraphs=stream_subgraphs,
            stream_resumable=stream_resumable,
            durability=durability,
        )
        return cast(Cron, await self.http.send(request))

    async def create(
        self,
        assistant_id: str,
        *,
        schedule: str,
        input: Input | None = None,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | list[str] | None = None,
        interrupt_after: All | list[str] | None = None,
        webhook: str | None = None,
        on_run_completed: OnCompletionBehavior | None = None,
        multitask_strategy: str | None = None,
        end_time: datetime | None = None,
        enabled: bool | None = None,
        timezone: str | tzinfo | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] | None = None,
        stream_subgraphs: bool | None = None,
        stream_resumable: bool | None = None,
        durability: Durability | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Cron:
        """A cron that runs ``assistant_id`` on a new thread each time; ``on_run_completed``
        says whether that thread is deleted after the run (the server's default) or kept.

        Returns the new cron record, as the server sends it (the official SDK annotates it as
        `Run`: docs/compatibility.md).

        Args:
            assistant_id: The assistant to run: its UUID, or a graph's name for that graph's
                default assistant.
            schedule: A five-field cron expression (``"0 9 * * 1-5"``), in ``timezone``.
            input: The graph's input, e.g. ``{"messages": [...]}``. Not together with
                ``command``.
            metadata: Metadata to attach, a JSON object.
            config: The run's configuration (``configurable``, ``tags``, ``recursion_limit``,
                ...).
            context: The run's static context, for graphs with a context schema.
            checkpoint_during: Deprecated, use ``durability``: checkpoint during the run, not
                only at its end.
            interrupt_before: Nodes to pause before (``"*"``: all), as a breakpoint.
            interrupt_after: Nodes to pause after (``"*"``: all).
            webhook: A URL the server calls (POST, the run as body) when the run ends.
            on_run_completed: For runs on new threads: ``"delete"`` (default) or ``"keep"`` each
                thread after its run.
            multitask_strategy: What to do when the thread already has a run in progress:
                ``"reject"``, ``"interrupt"``, ``"rollback"`` or ``"enqueue"``.
            end_time: Stop scheduling after this time (a ``datetime``).
            enabled: Whether the cron schedules runs (``False``: paused).
            timezone: The schedule's IANA time zone (``"Europe/Paris"`` or a ``ZoneInfo``);
                default UTC.
            stream_mode: The stream modes each scheduled run keeps for a later `join_stream`.
            stream_subgraphs: Also keep subgraph events of each run.
            stream_resumable: Keep each run's events on the server for replay.
            durability: How often the graph's state is saved: ``"sync"``, ``"async"`` or
                ``"exit"``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The new cron (``cron_id``, ``schedule``, ``next_run_date``, ...).

        Raises:
            TypeError, ValueError: A bad argument (an empty id, an invalid time zone, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.create(
            headers,
            params,
            schedule=schedule,
            input=input,
            metadata=metadata,
            config=config,
            context=context,
            assistant_id=assistant_id,
            checkpoint_during=checkpoint_during,
            interrupt_before=interrupt_before,
            interrupt_after=interrupt_after,
            webhook=webhook,
            on_run_completed=on_run_completed,
            multitask_strategy=multitask_strategy,
            end_time=end_time,
            enabled=enabled,
            timezone=timezone,
            stream_mode=stream_mode,
            stream_subgraphs=stream_subgraphs,
            stream_resumable=stream_resumable,
            durability=durability,
        )
        return cast(Cron, await self.http.send(request))

    async def delete(
        self,
        cron_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Delete a cron; runs it already started are not affected.

        Args:
            cron_id: The cron's id.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, an invalid time zone, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such cron.
            APIConnectionError: The server could not be reached.
        """
        await self.http.send(_requests.delete(cron_id, headers, params))

    async def update(
        self,
        cron_id: str,
        *,
        schedule: str | None = None,
        end_time: datetime | None | NotGiven = NOT_PROVIDED,
        input: Input | None = None,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        webhook: str | None = None,
        interrupt_before: All | list[str] | None = None,
        interrupt_after: All | list[str] | None = None,
        on_run_completed: OnCompletionBehavior | None = None,
        enabled: bool | None = None,
        timezone: str | tzinfo | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] | None = None,
        stream_subgraphs: bool | None = None,
        stream_resumable: bool | None = None,
        durability: Durability | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Cron:
        """Change the given fields of a cron. ``end_time=None`` removes its end time; leaving
        ``end_time`` out keeps it.

        Args:
            cron_id: The cron's id.
            schedule: A five-field cron expression (``"0 9 * * 1-5"``), in ``timezone``.
            end_time: Stop scheduling after this time; ``None`` clears it; not given: unchanged.
            input: The graph's input, e.g. ``{"messages": [...]}``. Not together with
                ``command``.
            metadata: Metadata to attach, a JSON object.
            config: The run's configuration (``configurable``, ``tags``, ``recursion_limit``,
                ...).
            context: The run's static context, for graphs with a context schema.
            webhook: A URL the server calls (POST, the run as body) when the run ends.
            interrupt_before: Nodes to pause before (``"*"``: all), as a breakpoint.
            interrupt_after: Nodes to pause after (``"*"``: all).
            on_run_completed: For runs on new threads: ``"delete"`` (default) or ``"keep"`` each
                thread after its run.
            enabled: Whether the cron schedules runs (``False``: paused).
            timezone: The schedule's IANA time zone (``"Europe/Paris"`` or a ``ZoneInfo``);
                default UTC.
            stream_mode: The stream modes each scheduled run keeps for a later `join_stream`.
            stream_subgraphs: Also keep subgraph events of each run.
            stream_resumable: Keep each run's events on the server for replay.
            durability: How often the graph's state is saved: ``"sync"``, ``"async"`` or
                ``"exit"``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The updated cron.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, an invalid time zone, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such cron.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.update(
            cron_id,
            schedule=schedule,
            end_time=end_time,
            input=input,
            metadata=metadata,
            config=config,
            context=context,
            webhook=webhook,
            interrupt_before=interrupt_before,
            interrupt_after=interrupt_after,
            on_run_completed=on_run_completed,
            enabled=enabled,
            timezone=timezone,
            stream_mode=stream_mode,
            stream_subgraphs=stream_subgraphs,
            stream_resumable=stream_resumable,
            durability=durability,
            headers=headers,
            params=params,
        )
        return cast(Cron, await self.http.send(request))

    async def search(
        self,
        *,
        assistant_id: str | None = None,
        thread_id: str | None = None,
        enabled: bool | None = None,
        metadata: Json = None,
        limit: int = 10,
        offset: int = 0,
        sort_by: CronSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[CronSelectField] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> list[Cron]:
        """Crons matching the filters, a page of ``limit`` from ``offset``.

        Args:
            assistant_id: Only crons of this assistant (its UUID).
            thread_id: Only crons on this thread.
            enabled: Only enabled (``True``) or paused (``False``) crons.
            metadata: Only crons whose metadata contains these pairs.
            limit: The most crons to return (default 10).
            offset: Items to skip, for paging.
            sort_by: The field to sort by.
            sort_order: ``"asc"`` or ``"desc"``.
            select: Only these fields of each item.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The matching crons.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, an invalid time zone, an unknown
                literal), naming it, before anything is sent.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.search(
            assistant_id,
            thread_id,
            enabled,
            metadata,
            limit,
            offset,
            sort_by,
            sort_order,
            select,
            headers,
            params,
        )
        return cast("list[Cron]", await self.http.send(request))

    async def count(
        self,
        *,
        assistant_id: str | None = None,
        thread_id: str | None = None,
        metadata: Json = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> int:
        """How many crons match the filters.

        Args:
            assistant_id: Only crons of this assistant (its UUID).
            thread_id: Only crons on this thread.
            metadata: Only crons whose metadata contains these pairs.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The number of matching crons.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, an invalid time zone, an unknown
                literal), naming it, before anything is sent.
            APIConnectionError: The server could not be reached.
        """
        request = _requests.count(assistant_id, thread_id, metadata, headers, params)
        return cast(int, await self.http.send(request))
