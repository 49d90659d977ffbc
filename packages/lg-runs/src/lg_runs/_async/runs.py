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

        Args:
            thread_id: The thread to run on; ``None`` for a stateless run on a temporary thread.
            assistant_id: The assistant to run: its UUID, or a graph's name for that graph's
                default assistant.
            input: The graph's input, e.g. ``{"messages": [...]}``. Not together with
                ``command``.
            command: Resume or steer an interrupted thread instead of giving input, e.g.
                ``Command(resume="yes")`` (``resume``, ``update``, ``goto``).
            stream_mode: What to stream: ``"values"`` (the state after each step, default),
                ``"updates"``, ``"messages-tuple"`` (LLM tokens), ``"custom"``, ``"events"``,
                ``"debug"``, ``"tasks"``, ``"checkpoints"``, or a list of them.
            stream_subgraphs: Also stream the events of subgraphs (their event names carry
                ``|<namespace>``).
            stream_resumable: Keep the run's events on the server so that a dropped stream
                resumes without loss and `join_stream` can replay it.
            metadata: Metadata to attach, a JSON object.
            config: The run's configuration (``configurable``, ``tags``, ``recursion_limit``,
                ...).
            context: The run's static context, for graphs with a context schema.
            checkpoint: Start from this checkpoint of the thread (``{"checkpoint_id": ...}``)
                instead of the latest.
            checkpoint_id: Start from the checkpoint with this id instead of the latest.
            checkpoint_during: Deprecated, use ``durability``: checkpoint during the run, not
                only at its end.
            interrupt_before: Nodes to pause before (``"*"``: all), as a breakpoint.
            interrupt_after: Nodes to pause after (``"*"``: all).
            feedback_keys: LangSmith feedback keys to create tokens for.
            on_disconnect: What the server does with the run when the client disconnects:
                ``"cancel"`` or ``"continue"``.
            on_completion: For a stateless run: ``"delete"`` (default) or ``"keep"`` its
                temporary thread afterwards.
            webhook: A URL the server calls (POST, the run as body) when the run ends.
            multitask_strategy: What to do when the thread already has a run in progress:
                ``"reject"``, ``"interrupt"``, ``"rollback"`` or ``"enqueue"``.
            if_not_exists: ``"create"`` to create the thread when ``thread_id`` does not exist
                yet; ``"reject"`` (default) answers 404.
            after_seconds: Start the run this many seconds from now.
            langsmith_tracing: Where to send the run's LangSmith trace (``project_name``,
                ``example_id``).
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.
            on_run_created: Called with the new run's metadata (``run_id``, ``thread_id``) as
                soon as the server has created it.
            durability: How often the graph's state is saved: ``"sync"``, ``"async"`` or
                ``"exit"``.
            strict_resume: Refuse a ``command`` whose resume values do not match the pending
                interrupts.
            version: ``"v1"`` yields `StreamPart` tuples ``(event, data, id)``; ``"v2"`` yields
                typed dicts with ``type``, ``ns``, ``data``.

        Returns:
            An iterator of the run's events: `StreamPart` ``(event, data, id)``, the first
            one ``metadata`` with the run id; typed dicts with ``version="v2"``.

        Raises:
            TypeError, ValueError: A bad argument, naming it, before anything is sent (an empty
                id, an unknown stream mode, ``input`` with ``command``).
            NotFoundError: No such thread or assistant.
            APIStatusError: Another refusal by the server.
            APIConnectionError: The server could not be reached.
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
        hook = RunResponseHook(on_run_created, keep_response=False)
        parts = self.http.stream_request(request, hook)
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

        Args:
            thread_id: The thread to run on; ``None`` for a stateless run on a temporary thread.
            assistant_id: The assistant to run: its UUID, or a graph's name for that graph's
                default assistant.
            input: The graph's input, e.g. ``{"messages": [...]}``. Not together with
                ``command``.
            command: Resume or steer an interrupted thread instead of giving input, e.g.
                ``Command(resume="yes")`` (``resume``, ``update``, ``goto``).
            stream_mode: The stream modes to keep for a later `join_stream`.
            stream_subgraphs: Also stream the events of subgraphs (their event names carry
                ``|<namespace>``).
            stream_resumable: Keep the run's events on the server so that a dropped stream
                resumes without loss and `join_stream` can replay it.
            metadata: Metadata to attach, a JSON object.
            config: The run's configuration (``configurable``, ``tags``, ``recursion_limit``,
                ...).
            context: The run's static context, for graphs with a context schema.
            checkpoint: Start from this checkpoint of the thread (``{"checkpoint_id": ...}``)
                instead of the latest.
            checkpoint_id: Start from the checkpoint with this id instead of the latest.
            checkpoint_during: Deprecated, use ``durability``: checkpoint during the run, not
                only at its end.
            interrupt_before: Nodes to pause before (``"*"``: all), as a breakpoint.
            interrupt_after: Nodes to pause after (``"*"``: all).
            webhook: A URL the server calls (POST, the run as body) when the run ends.
            multitask_strategy: What to do when the thread already has a run in progress:
                ``"reject"``, ``"interrupt"``, ``"rollback"`` or ``"enqueue"``.
            if_not_exists: ``"create"`` to create the thread when ``thread_id`` does not exist
                yet; ``"reject"`` (default) answers 404.
            on_completion: For a stateless run: ``"delete"`` (default) or ``"keep"`` its
                temporary thread afterwards.
            after_seconds: Start the run this many seconds from now.
            langsmith_tracing: Where to send the run's LangSmith trace (``project_name``,
                ``example_id``).
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.
            on_run_created: Called with the new run's metadata (``run_id``, ``thread_id``) as
                soon as the server has created it.
            durability: How often the graph's state is saved: ``"sync"``, ``"async"`` or
                ``"exit"``.
            strict_resume: Refuse a ``command`` whose resume values do not match the pending
                interrupts.

        Returns:
            The new `Run` (status ``pending``).

        Raises:
            TypeError, ValueError: A bad argument, naming it, before anything is sent (an empty
                id, an unknown stream mode, ``input`` with ``command``).
            NotFoundError: No such thread or assistant.
            APIStatusError: Another refusal by the server.
            APIConnectionError: The server could not be reached.
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
        hook = RunResponseHook(on_run_created, keep_response=False)
        return cast(Run, await self.http.send(request, hook))

    async def create_batch(
        self,
        payloads: builtins.list[RunCreate],
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> builtins.list[Run]:
        """Start several stateless background runs in one call; unset (``None``) fields are
        left out of each.

        Args:
            payloads: One dict per run, with the keys of `create` (``assistant_id``, ``input``,
                ...).
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The new runs, in the order of ``payloads``.

        Raises:
            TypeError, ValueError: A bad argument, naming it, before anything is sent (an empty
                id, an unknown stream mode, ``input`` with ``command``).
            NotFoundError: No such thread or assistant.
            APIStatusError: Another refusal by the server.
            APIConnectionError: The server could not be reached.
        """
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

        Args:
            thread_id: The thread to run on; ``None`` for a stateless run on a temporary thread.
            assistant_id: The assistant to run: its UUID, or a graph's name for that graph's
                default assistant.
            input: The graph's input, e.g. ``{"messages": [...]}``. Not together with
                ``command``.
            command: Resume or steer an interrupted thread instead of giving input, e.g.
                ``Command(resume="yes")`` (``resume``, ``update``, ``goto``).
            metadata: Metadata to attach, a JSON object.
            config: The run's configuration (``configurable``, ``tags``, ``recursion_limit``,
                ...).
            context: The run's static context, for graphs with a context schema.
            checkpoint: Start from this checkpoint of the thread (``{"checkpoint_id": ...}``)
                instead of the latest.
            checkpoint_id: Start from the checkpoint with this id instead of the latest.
            checkpoint_during: Deprecated, use ``durability``: checkpoint during the run, not
                only at its end.
            interrupt_before: Nodes to pause before (``"*"``: all), as a breakpoint.
            interrupt_after: Nodes to pause after (``"*"``: all).
            webhook: A URL the server calls (POST, the run as body) when the run ends.
            on_disconnect: What the server does with the run when the client disconnects:
                ``"cancel"`` or ``"continue"``.
            on_completion: For a stateless run: ``"delete"`` (default) or ``"keep"`` its
                temporary thread afterwards.
            multitask_strategy: What to do when the thread already has a run in progress:
                ``"reject"``, ``"interrupt"``, ``"rollback"`` or ``"enqueue"``.
            if_not_exists: ``"create"`` to create the thread when ``thread_id`` does not exist
                yet; ``"reject"`` (default) answers 404.
            after_seconds: Start the run this many seconds from now.
            langsmith_tracing: Where to send the run's LangSmith trace (``project_name``,
                ``example_id``).
            raise_error: When the graph failed, raise `APIError` with the server's error
                (default) instead of returning ``{"__error__": ...}``.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.
            on_run_created: Called with the new run's metadata (``run_id``, ``thread_id``) as
                soon as the server has created it.
            durability: How often the graph's state is saved: ``"sync"``, ``"async"`` or
                ``"exit"``.
            strict_resume: Refuse a ``command`` whose resume values do not match the pending
                interrupts.

        Returns:
            The run's final state (the thread's values), or the server's ``__error__`` object
            when ``raise_error=False``.

        Raises:
            TypeError, ValueError: A bad argument, naming it, before anything is sent (an empty
                id, an unknown stream mode, ``input`` with ``command``).
            NotFoundError: No such thread or assistant.
            APIStatusError: Another refusal by the server.
            APIConnectionError: The server could not be reached.
            APIError: The graph failed (with ``raise_error=True``).
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
        """The thread's runs, newest first; ``select`` limits the fields returned.

        Args:
            thread_id: The thread whose runs to list.
            limit: The most runs to return (default 10).
            offset: Items to skip, for paging.
            status: Only runs in this status (``"pending"``, ``"running"``, ``"success"``,
                ``"error"``, ``"timeout"``, ``"interrupted"``).
            select: Only these fields of each item.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The runs, newest first.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type), naming it, before
                anything is sent.
            NotFoundError: No such thread.
        """
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
        """One run of the thread.

        Args:
            thread_id: The run's thread.
            run_id: The run's id.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The `Run`.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type), naming it, before
                anything is sent.
            NotFoundError: No such run on this thread.
        """
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
        checkpoints, ``wait=True`` returns only once the run has stopped.

        Args:
            thread_id: The run's thread.
            run_id: The run's id.
            wait: Return only once the run has actually stopped.
            action: ``"interrupt"`` (default) stops the run and keeps its checkpoints;
                ``"rollback"`` also deletes the run and what it wrote.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type), naming it, before
                anything is sent.
            NotFoundError: No such run on this thread.
        """
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
        """Cancel the given runs of a thread, or every run in a status (``"all"`` included).

        Args:
            thread_id: The thread whose runs ``run_ids`` names.
            run_ids: The runs to cancel (with ``thread_id``).
            status: Cancel every run in this status instead: ``"pending"``, ``"running"`` or
                ``"all"``.
            action: ``"interrupt"`` (default) stops the run and keeps its checkpoints;
                ``"rollback"`` also deletes the run and what it wrote.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type), naming it, before
                anything is sent.
            NotFoundError: No run matched.
        """
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

        Args:
            thread_id: The run's thread.
            run_id: The run's id.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The thread's state once the run has ended.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type), naming it, before
                anything is sent.
            NotFoundError: No such run on this thread.
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

        Args:
            thread_id: The run's thread.
            run_id: The run's id.
            cancel_on_disconnect: Cancel the run if this stream is closed before it ends.
            stream_mode: Only these stream modes (among those the run was created with).
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.
            last_event_id: Replay events after this id (``"-1"``: from the start); needs a run
                created with ``stream_resumable=True``.

        Returns:
            An iterator of `StreamPart` events, ending when the run ends.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type), naming it, before
                anything is sent.
            NotFoundError: No such run on this thread.
            StreamGapError: The stream broke and the run cannot replay the gap (not created with
                ``stream_resumable=True``).
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
        """Delete a run that is no longer pending or running.

        Args:
            thread_id: The run's thread.
            run_id: The run's id.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type), naming it, before
                anything is sent.
            NotFoundError: No such run on this thread.
            ConflictError: The run is still pending or running.
        """
        await self.http.send(_requests.delete_run(thread_id, run_id, headers, params))
