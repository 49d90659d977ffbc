"""The runs client: start runs (streamed, in the background, or waited for) and manage them.

A run executes an assistant once, on a thread (its state persists there) or stateless
(``thread_id=None``: the server makes a temporary thread). Requests are built and checked by
`lg_runs._requests`; this class only sends them and shapes the answers.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, Literal, cast, overload

from lg_runs import _requests
from lg_runs._async.paging import RunsPaging
from lg_runs._responses import (
    OnRunCreated,
    RunResponseHook,
    raise_for_join_status,
    raise_for_run_error,
    v2_from_event,
)
from lg_schema import (
    All,
    BulkCancelRunsStatus,
    CancelAction,
    Checkpoint,
    Command,
    Config,
    Context,
    DisconnectMode,
    Durability,
    IfNotExists,
    Input,
    LangSmithTracing,
    MultitaskStrategy,
    OnCompletionBehavior,
    QueryParamTypes,
    Run,
    RunCreate,
    RunSelectField,
    RunStatus,
    StreamMode,
    StreamPart,
    StreamPartV2,
    StreamVersion,
)
from lg_transport import ResourceClient


async def _v2_parts(parts: AsyncIterator[StreamPart]) -> AsyncIterator[StreamPartV2]:
    """The v2 dicts of a v1 stream (``end`` dropped); the official ``_wrap_stream_v2``."""
    async for part in parts:
        converted = v2_from_event(part.event, part.data)
        if converted is not None:
            yield converted


class RunsClient(RunsPaging, ResourceClient):
    """Runs of assistants: stateful on a thread, or stateless with ``thread_id=None``."""

    @overload
    def stream(
        self,
        thread_id: str,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        feedback_keys: Sequence[str] | None = None,
        on_disconnect: DisconnectMode | None = None,
        webhook: str | None = None,
        multitask_strategy: MultitaskStrategy | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        strict_resume: bool | None = None,
        version: Literal["v1"] = "v1",
    ) -> AsyncIterator[StreamPart]: ...

    @overload
    def stream(
        self,
        thread_id: str,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        feedback_keys: Sequence[str] | None = None,
        on_disconnect: DisconnectMode | None = None,
        webhook: str | None = None,
        multitask_strategy: MultitaskStrategy | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        strict_resume: bool | None = None,
        version: Literal["v2"],
    ) -> AsyncIterator[StreamPartV2]: ...

    @overload
    def stream(
        self,
        thread_id: None,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        feedback_keys: Sequence[str] | None = None,
        on_disconnect: DisconnectMode | None = None,
        on_completion: OnCompletionBehavior | None = None,
        if_not_exists: IfNotExists | None = None,
        webhook: str | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        version: Literal["v1"] = "v1",
    ) -> AsyncIterator[StreamPart]: ...

    @overload
    def stream(
        self,
        thread_id: None,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        feedback_keys: Sequence[str] | None = None,
        on_disconnect: DisconnectMode | None = None,
        on_completion: OnCompletionBehavior | None = None,
        if_not_exists: IfNotExists | None = None,
        webhook: str | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        version: Literal["v2"],
    ) -> AsyncIterator[StreamPartV2]: ...

    def stream(
        self,
        thread_id: str | None,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        feedback_keys: Sequence[str] | None = None,
        on_disconnect: DisconnectMode | None = None,
        on_completion: OnCompletionBehavior | None = None,
        webhook: str | None = None,
        multitask_strategy: MultitaskStrategy | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        strict_resume: bool | None = None,
        version: StreamVersion = "v1",
    ) -> AsyncIterator[StreamPart | StreamPartV2]:
        """Start a run and iterate over its events as they come.

        Arguments are checked now; the request is sent when iteration starts (so is
        ``on_run_created``, with the new run's ids). ``version="v2"`` yields typed dicts
        (``type``, ``ns``, ``data``, ``interrupts``) instead of `StreamPart` tuples.
        """
        fields = {
            "input": input,
            "command": command,
            "stream_mode": stream_mode,
            "stream_subgraphs": stream_subgraphs,
            "stream_resumable": stream_resumable,
            "metadata": metadata,
            "config": config,
            "context": context,
            "checkpoint": checkpoint,
            "checkpoint_id": checkpoint_id,
            "checkpoint_during": checkpoint_during,
            "interrupt_before": interrupt_before,
            "interrupt_after": interrupt_after,
            "feedback_keys": feedback_keys,
            "on_disconnect": on_disconnect,
            "on_completion": on_completion,
            "webhook": webhook,
            "multitask_strategy": multitask_strategy,
            "if_not_exists": if_not_exists,
            "after_seconds": after_seconds,
            "langsmith_tracing": langsmith_tracing,
            "durability": durability,
            "strict_resume": strict_resume,
        }
        request = _requests.stream_run(thread_id, assistant_id, fields, version, headers, params)
        parts = self.http.stream_request(request, RunResponseHook(on_run_created))
        if version == "v2":
            return _v2_parts(parts)
        return parts

    @overload
    async def create(
        self,
        thread_id: None,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        checkpoint_during: bool | None = None,
        config: Config | None = None,
        context: Context | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        webhook: str | None = None,
        on_completion: OnCompletionBehavior | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
    ) -> Run: ...

    @overload
    async def create(
        self,
        thread_id: str,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        webhook: str | None = None,
        multitask_strategy: MultitaskStrategy | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        strict_resume: bool | None = None,
    ) -> Run: ...

    async def create(
        self,
        thread_id: str | None,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        stream_mode: StreamMode | Sequence[StreamMode] = "values",
        stream_subgraphs: bool = False,
        stream_resumable: bool = False,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        webhook: str | None = None,
        multitask_strategy: MultitaskStrategy | None = None,
        if_not_exists: IfNotExists | None = None,
        on_completion: OnCompletionBehavior | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        strict_resume: bool | None = None,
    ) -> Run:
        """Start a background run and return it (status ``pending``) without waiting.

        ``stream_mode`` and ``stream_resumable`` decide what `join_stream` can replay later.
        """
        fields = {
            "input": input,
            "command": command,
            "stream_mode": stream_mode,
            "stream_subgraphs": stream_subgraphs,
            "stream_resumable": stream_resumable,
            "metadata": metadata,
            "config": config,
            "context": context,
            "checkpoint": checkpoint,
            "checkpoint_id": checkpoint_id,
            "checkpoint_during": checkpoint_during,
            "interrupt_before": interrupt_before,
            "interrupt_after": interrupt_after,
            "webhook": webhook,
            "multitask_strategy": multitask_strategy,
            "if_not_exists": if_not_exists,
            "on_completion": on_completion,
            "after_seconds": after_seconds,
            "langsmith_tracing": langsmith_tracing,
            "durability": durability,
            "strict_resume": strict_resume,
        }
        request = _requests.create_run(thread_id, assistant_id, fields, headers, params)
        return cast(Run, await self.http.send(request, RunResponseHook(on_run_created)))

    async def create_batch(
        self,
        payloads: builtins.list[RunCreate],
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> builtins.list[Run]:
        """Start several stateless background runs in one call; unset (``None``) fields are
        left out of each."""
        request = _requests.create_batch(payloads, headers, params)
        return cast("builtins.list[Run]", await self.http.send(request))

    @overload
    async def wait(
        self,
        thread_id: str,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        webhook: str | None = None,
        on_disconnect: DisconnectMode | None = None,
        multitask_strategy: MultitaskStrategy | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        raise_error: bool = True,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        strict_resume: bool | None = None,
    ) -> builtins.list[dict[str, Any]] | dict[str, Any]: ...

    @overload
    async def wait(
        self,
        thread_id: None,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        webhook: str | None = None,
        on_disconnect: DisconnectMode | None = None,
        on_completion: OnCompletionBehavior | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        raise_error: bool = True,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
    ) -> builtins.list[dict[str, Any]] | dict[str, Any]: ...

    async def wait(
        self,
        thread_id: str | None,
        assistant_id: str,
        *,
        input: Input | None = None,
        command: Command | None = None,
        metadata: Mapping[str, Any] | None = None,
        config: Config | None = None,
        context: Context | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_id: str | None = None,
        checkpoint_during: bool | None = None,
        interrupt_before: All | Sequence[str] | None = None,
        interrupt_after: All | Sequence[str] | None = None,
        webhook: str | None = None,
        on_disconnect: DisconnectMode | None = None,
        on_completion: OnCompletionBehavior | None = None,
        multitask_strategy: MultitaskStrategy | None = None,
        if_not_exists: IfNotExists | None = None,
        after_seconds: int | None = None,
        langsmith_tracing: LangSmithTracing | None = None,
        raise_error: bool = True,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        on_run_created: OnRunCreated | None = None,
        durability: Durability | None = None,
        strict_resume: bool | None = None,
    ) -> builtins.list[dict[str, Any]] | dict[str, Any]:
        """Start a run, wait for it to end and return its final state (its output).

        When the graph failed the server still answers 200, with ``{"__error__": {...}}``:
        ``raise_error=True`` turns that into an `APIError`; ``False`` returns it as is.
        """
        fields = {
            "input": input,
            "command": command,
            "metadata": metadata,
            "config": config,
            "context": context,
            "checkpoint": checkpoint,
            "checkpoint_id": checkpoint_id,
            "checkpoint_during": checkpoint_during,
            "interrupt_before": interrupt_before,
            "interrupt_after": interrupt_after,
            "webhook": webhook,
            "on_disconnect": on_disconnect,
            "on_completion": on_completion,
            "multitask_strategy": multitask_strategy,
            "if_not_exists": if_not_exists,
            "after_seconds": after_seconds,
            "langsmith_tracing": langsmith_tracing,
            "durability": durability,
            "strict_resume": strict_resume,
        }
        request = _requests.wait_run(thread_id, assistant_id, fields, raise_error, headers, params)
        hook = RunResponseHook(on_run_created)
        result = await self.http.send(request, hook)
        if raise_error:
            raise_for_run_error(result, hook.response)
        return cast("builtins.list[dict[str, Any]] | dict[str, Any]", result)

    async def list(
        self,
        thread_id: str,
        *,
        limit: int = 10,
        offset: int = 0,
        status: RunStatus | None = None,
        select: builtins.list[RunSelectField] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> builtins.list[Run]:
        """The thread's runs, newest first; ``select`` limits the fields returned."""
        request = _requests.list_runs(thread_id, limit, offset, status, select, headers, params)
        return cast("builtins.list[Run]", await self.http.send(request))

    async def get(
        self,
        thread_id: str,
        run_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Run:
        """One run of the thread."""
        request = _requests.get_run(thread_id, run_id, headers, params)
        return cast(Run, await self.http.send(request))

    async def cancel(
        self,
        thread_id: str,
        run_id: str,
        *,
        wait: bool = False,
        action: CancelAction = "interrupt",
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Cancel a pending or running run; ``action="rollback"`` also deletes the run and its
        checkpoints, ``wait=True`` returns only once the run has stopped."""
        request = _requests.cancel_run(thread_id, run_id, wait, action, headers, params)
        await self.http.send(request)

    async def cancel_many(
        self,
        *,
        thread_id: str | None = None,
        run_ids: Sequence[str] | None = None,
        status: BulkCancelRunsStatus | None = None,
        action: CancelAction = "interrupt",
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Cancel the given runs of a thread, or every run in a status (``"all"`` included)."""
        request = _requests.cancel_many(thread_id, run_ids, status, action, headers, params)
        await self.http.send(request)

    async def join(
        self,
        thread_id: str,
        run_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> dict[str, Any]:
        """Wait for a run to end and return the thread's final state.

        A failed run's ``{"__error__": {...}}`` report is returned as is; a run the server
        cannot find raises `NotFoundError` (the server answers 200 with an ``HTTPException``
        report, which the official client returns as a result).
        """
        request = _requests.join_run(thread_id, run_id, headers, params)
        hook = RunResponseHook(None)
        result = await self.http.send(request, hook)
        raise_for_join_status(result, hook.response)
        return cast("dict[str, Any]", result)

    def join_stream(
        self,
        thread_id: str,
        run_id: str,
        *,
        cancel_on_disconnect: bool = False,
        stream_mode: StreamMode | Sequence[StreamMode] | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
        last_event_id: str | None = None,
    ) -> AsyncIterator[StreamPart]:
        """Follow the events of a run already started.

        A run created with ``stream_resumable=True`` can be replayed: ``last_event_id="-1"``
        from the start, another id from just after that event.
        """
        request = _requests.join_stream(
            thread_id, run_id, cancel_on_disconnect, stream_mode, last_event_id, headers, params
        )
        return self.http.stream_request(request)

    async def delete(
        self,
        thread_id: str,
        run_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Delete a run that is no longer pending or running."""
        await self.http.send(_requests.delete_run(thread_id, run_id, headers, params))
