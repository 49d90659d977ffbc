"""Pure request builders for runs: arguments in, validated `ApiRequest` out, no I/O.

The three ways to start a run (`stream`, `create`, `wait`) take nearly the same arguments but
the official client writes their JSON bodies in three different key orders. Each order is kept
here as a tuple so that the bodies match the official ones byte for byte, and the arguments are
validated once, by the same checks, whichever way the run is started.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal, get_args

from lg_schema import (
    BulkCancelRunsStatus,
    CancelAction,
    DisconnectMode,
    Durability,
    IfNotExists,
    MultitaskStrategy,
    OnCompletionBehavior,
    QueryParamTypes,
    RunSelectField,
    RunStatus,
    StreamMode,
    StreamVersion,
)
from lg_transport import ApiRequest, build_path, merge_params
from lg_transport.validate import (
    check_bool,
    check_exclusive,
    check_int,
    check_interrupt_nodes,
    check_literal,
    check_literals,
    check_mapping,
    check_str,
    check_str_list,
)

Headers = Mapping[str, str] | None
RunKind = Literal["stream", "create", "wait"]

STREAM_MODES: Final = get_args(StreamMode)
STREAM_VERSIONS: Final = get_args(StreamVersion)
_MULTITASK_STRATEGIES: Final = get_args(MultitaskStrategy)
_DISCONNECT_MODES: Final = get_args(DisconnectMode)
_ON_COMPLETION: Final = get_args(OnCompletionBehavior)
_IF_NOT_EXISTS: Final = get_args(IfNotExists)
_DURABILITIES: Final = get_args(Durability)
_CANCEL_ACTIONS: Final = get_args(CancelAction)
_BULK_CANCEL_STATUSES: Final = get_args(BulkCancelRunsStatus)
_RUN_STATUSES: Final = get_args(RunStatus)
_RUN_SELECT_FIELDS: Final = get_args(RunSelectField)
# "graph" is not part of the API's Command but langgraph's `Command` dataclass has it, and
# `RemoteGraph` sends `dataclasses.asdict(command)`: the official client passes it through (left
# out when None), and so do we.
_COMMAND_KEYS: Final = frozenset({"goto", "update", "resume", "graph"})

# Body key order of each kind of run creation, as the official client sends it. Keys are the
# method's parameter names; `_BODY_KEYS` renames the ones the API spells differently.
_STREAM_ORDER: Final = (
    "input", "command", "config", "context", "metadata",
    "stream_mode", "stream_subgraphs", "stream_resumable", "assistant_id",
    "interrupt_before", "interrupt_after", "feedback_keys", "webhook",
    "checkpoint", "checkpoint_id", "checkpoint_during", "multitask_strategy", "if_not_exists",
    "on_disconnect", "on_completion", "after_seconds", "durability", "strict_resume",
    "langsmith_tracing",
)  # fmt: skip
_CREATE_ORDER: Final = (
    "input", "command", "stream_mode", "stream_subgraphs", "stream_resumable",
    "config", "context", "metadata", "assistant_id",
    "interrupt_before", "interrupt_after", "webhook",
    "checkpoint", "checkpoint_id", "checkpoint_during", "multitask_strategy", "if_not_exists",
    "on_completion", "after_seconds", "durability", "strict_resume", "langsmith_tracing",
)  # fmt: skip
_WAIT_ORDER: Final = (
    "input", "command", "config", "context", "metadata", "assistant_id",
    "interrupt_before", "interrupt_after", "webhook",
    "checkpoint", "checkpoint_id", "multitask_strategy", "checkpoint_during", "if_not_exists",
    "on_disconnect", "on_completion", "after_seconds", "durability", "strict_resume",
    "langsmith_tracing",
)  # fmt: skip
BODY_ORDER: Final[dict[RunKind, tuple[str, ...]]] = {
    "stream": _STREAM_ORDER,
    "create": _CREATE_ORDER,
    "wait": _WAIT_ORDER,
}
_BODY_KEYS: Final = {"langsmith_tracing": "langsmith_tracer"}
_PATH_SUFFIX: Final[dict[RunKind, str]] = {"stream": "/stream", "create": "", "wait": "/wait"}


# Run creation


def stream_run(
    thread_id: str | None,
    assistant_id: str,
    fields: Mapping[str, Any],
    version: StreamVersion,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    """``POST /threads/{thread_id}/runs/stream`` (or ``/runs/stream`` when stateless)."""
    check_literal("version", version, STREAM_VERSIONS, optional=False)
    return _run_request("stream", thread_id, assistant_id, fields, headers, params)


def create_run(
    thread_id: str | None,
    assistant_id: str,
    fields: Mapping[str, Any],
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    """``POST /threads/{thread_id}/runs`` (or ``/runs``): a background run."""
    return _run_request("create", thread_id, assistant_id, fields, headers, params)


def wait_run(
    thread_id: str | None,
    assistant_id: str,
    fields: Mapping[str, Any],
    raise_error: bool,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    """``POST /threads/{thread_id}/runs/wait`` (or ``/runs/wait``): the run's final output."""
    check_bool("raise_error", raise_error)
    return _run_request("wait", thread_id, assistant_id, fields, headers, params)


def _run_request(
    kind: RunKind,
    thread_id: str | None,
    assistant_id: str,
    fields: Mapping[str, Any],
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    order = BODY_ORDER[kind]
    unknown = set(fields) - set(order)
    if unknown:  # a bug in this package, not the caller's mistake
        raise AssertionError(f"no body position for {sorted(unknown)} in a {kind} request")
    check_str("assistant_id", assistant_id)
    values = _checked_run_fields({**fields, "assistant_id": assistant_id})
    body = {
        _BODY_KEYS.get(name, name): values[name] for name in order if values.get(name) is not None
    }
    if thread_id is None:
        path = "/runs"
    else:
        path = build_path("/threads/{thread_id}/runs", thread_id=thread_id)
    # No retry class given: a POST is "create", never resent once it may have reached the server
    # (a second run would start).
    return ApiRequest("POST", path + _PATH_SUFFIX[kind], json=body, params=params, headers=headers)


def _checked_run_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the run arguments present in ``fields``; return them ready for the body."""
    values = dict(fields)
    check_exclusive(input=fields.get("input"), command=fields.get("command"))
    values["command"] = _command(fields.get("command"))
    if "stream_mode" in fields:
        values["stream_mode"] = _stream_modes("stream_mode", fields["stream_mode"], optional=False)
    for name in ("stream_subgraphs", "stream_resumable"):
        if name in fields:
            check_bool(name, fields[name])
    for name in ("metadata", "config", "checkpoint", "langsmith_tracing"):
        check_mapping(name, fields.get(name))
    for name in ("checkpoint_id", "webhook"):
        check_str(name, fields.get(name), optional=True)
    for name in ("checkpoint_during", "strict_resume"):
        check_bool(name, fields.get(name), optional=True)
    for name in ("interrupt_before", "interrupt_after"):
        check_interrupt_nodes(name, fields.get(name))
        values[name] = _list_unless_str(fields.get(name))
    check_str_list("feedback_keys", fields.get("feedback_keys"))
    values["feedback_keys"] = _list_unless_str(fields.get("feedback_keys"))
    check_literal("multitask_strategy", fields.get("multitask_strategy"), _MULTITASK_STRATEGIES)
    check_literal("if_not_exists", fields.get("if_not_exists"), _IF_NOT_EXISTS)
    check_literal("on_disconnect", fields.get("on_disconnect"), _DISCONNECT_MODES)
    check_literal("on_completion", fields.get("on_completion"), _ON_COMPLETION)
    check_literal("durability", fields.get("durability"), _DURABILITIES)
    _check_seconds("after_seconds", fields.get("after_seconds"))
    if fields.get("checkpoint_during") is not None:
        # stacklevel 5: here, _run_request, the builder, the client method, then the caller.
        warnings.warn(
            "checkpoint_during is deprecated; pass durability instead "
            "('async' for checkpoint_during=True, 'exit' or 'sync' otherwise)",
            DeprecationWarning,
            stacklevel=5,
        )
    return values


def _command(command: object) -> dict[str, Any] | None:
    """The command as sent: unset (``None``) fields dropped, an empty command left out."""
    if command is None:
        return None
    if not isinstance(command, Mapping):
        raise TypeError(f"command must be a mapping (Command), got {type(command).__name__}")
    unknown = set(command) - _COMMAND_KEYS
    if unknown:
        raise ValueError(
            f"command has unknown keys {sorted(map(str, unknown))}; "
            "a Command holds only 'goto', 'update', 'resume' (and langgraph's 'graph')"
        )
    if not command:
        return None
    return {key: value for key, value in command.items() if value is not None}


def _stream_modes(name: str, value: object, *, optional: bool) -> Any:
    check_literals(name, value, STREAM_MODES, optional=optional)
    return _list_unless_str(value)


def _list_unless_str(value: Any) -> Any:
    """Sequences travel as JSON arrays; a str (``"*"``, one stream mode) stays a str."""
    if value is None or isinstance(value, str):
        return value
    return list(value)


def _check_seconds(name: str, value: object) -> None:
    # The API takes any number of seconds; the official signature says int, floats are harmless.
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")


def create_batch(
    payloads: Sequence[Mapping[str, Any]], headers: Headers, params: QueryParamTypes | None
) -> ApiRequest:
    """``POST /runs/batch``: several stateless background runs in one call."""
    if isinstance(payloads, (str, bytes, Mapping)) or not isinstance(payloads, Sequence):
        raise TypeError(
            f"payloads must be a list of RunCreate dicts, got {type(payloads).__name__}"
        )
    if not payloads:
        raise ValueError("payloads must hold at least one run")
    body = []
    for index, payload in enumerate(payloads):
        if not isinstance(payload, Mapping):
            raise TypeError(f"payloads[{index}] must be a mapping, got {type(payload).__name__}")
        check_str(f"payloads[{index}]['assistant_id']", payload.get("assistant_id"))
        # Unset fields are left out, as the official client does, rather than sent as null.
        body.append({key: value for key, value in payload.items() if value is not None})
    return ApiRequest("POST", "/runs/batch", json=body, params=params, headers=headers)


# Reading and managing runs


def _run_path(thread_id: str, run_id: str, suffix: str = "") -> str:
    return (
        build_path("/threads/{thread_id}/runs/{run_id}", thread_id=thread_id, run_id=run_id)
        + suffix
    )


def list_runs(
    thread_id: str,
    limit: int,
    offset: int,
    status: RunStatus | None,
    select: Sequence[RunSelectField] | None,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    """``GET /threads/{thread_id}/runs``."""
    path = build_path("/threads/{thread_id}/runs", thread_id=thread_id)
    check_int("limit", limit, minimum=0)
    check_int("offset", offset, minimum=0)
    check_literal("status", status, _RUN_STATUSES)
    query: dict[str, Any] = {"limit": limit, "offset": offset}
    if status is not None:
        query["status"] = status
    if select is not None:
        check_str_list("select", select)
        for index, field in enumerate(select):
            check_literal(f"select[{index}]", field, _RUN_SELECT_FIELDS, optional=False)
        if select:  # an empty selection means "every field", as no selection does
            query["select"] = list(select)
    return ApiRequest("GET", path, params=merge_params(query, params), headers=headers)


def get_run(
    thread_id: str, run_id: str, headers: Headers, params: QueryParamTypes | None
) -> ApiRequest:
    """``GET /threads/{thread_id}/runs/{run_id}``."""
    return ApiRequest("GET", _run_path(thread_id, run_id), params=params, headers=headers)


def cancel_run(
    thread_id: str,
    run_id: str,
    wait: bool,
    action: CancelAction,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    """``POST /threads/{thread_id}/runs/{run_id}/cancel``, no body."""
    path = _run_path(thread_id, run_id, "/cancel")
    check_bool("wait", wait)
    check_literal("action", action, _CANCEL_ACTIONS, optional=False)
    query = {"wait": 1 if wait else 0, "action": action}
    # "safe": cancelling a run twice leaves it exactly as cancelling it once, so a cancel whose
    # answer was lost may be resent. (If the lost one had worked, the resent one answers 404
    # "no matching runs": a misleading error, but never a second effect.)
    return ApiRequest(
        "POST", path, params=merge_params(query, params), headers=headers, retry="safe"
    )


def cancel_many(
    thread_id: str | None,
    run_ids: Sequence[str] | None,
    status: BulkCancelRunsStatus | None,
    action: CancelAction,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    """``POST /runs/cancel``: the runs of a thread, given runs, or all runs in a status."""
    check_str("thread_id", thread_id, optional=True)
    check_str_list("run_ids", run_ids)
    check_literal("status", status, _BULK_CANCEL_STATUSES)
    check_literal("action", action, _CANCEL_ACTIONS, optional=False)
    # Empty values are left out, as the official client does.
    body: dict[str, Any] = {}
    if thread_id:
        body["thread_id"] = thread_id
    if run_ids:
        body["run_ids"] = list(run_ids)
    if status:
        body["status"] = status
    # The server takes a status alone, or a thread with some of its runs (422 otherwise).
    if not status and not (thread_id and run_ids):
        raise ValueError("cancel_many needs status=, or thread_id= together with run_ids=")
    # "safe" for the same reason as `cancel_run`: cancelling again changes nothing.
    return ApiRequest(
        "POST",
        "/runs/cancel",
        json=body,
        params=merge_params({"action": action}, params),
        headers=headers,
        retry="safe",
    )


def join_run(
    thread_id: str, run_id: str, headers: Headers, params: QueryParamTypes | None
) -> ApiRequest:
    """``GET /threads/{thread_id}/runs/{run_id}/join``: wait for the run, return its output."""
    return ApiRequest("GET", _run_path(thread_id, run_id, "/join"), params=params, headers=headers)


def join_stream(
    thread_id: str,
    run_id: str,
    cancel_on_disconnect: bool,
    stream_mode: StreamMode | Sequence[StreamMode] | None,
    last_event_id: str | None,
    headers: Headers,
    params: QueryParamTypes | None,
) -> ApiRequest:
    """``GET /threads/{thread_id}/runs/{run_id}/stream``: follow (or replay) a run's events."""
    path = _run_path(thread_id, run_id, "/stream")
    check_bool("cancel_on_disconnect", cancel_on_disconnect)
    modes = _stream_modes("stream_mode", stream_mode, optional=True)
    check_str("last_event_id", last_event_id, optional=True, empty=True)
    # stream_mode=None is sent as an empty value (`stream_mode=`), as the official client does:
    # the server then streams the modes the run was created with.
    query = {"cancel_on_disconnect": cancel_on_disconnect, "stream_mode": modes}
    resume_from = {"Last-Event-ID": last_event_id} if last_event_id else {}
    return ApiRequest(
        "GET",
        path,
        params=merge_params(query, params),
        headers={**resume_from, **(headers or {})} or None,
    )


def delete_run(
    thread_id: str, run_id: str, headers: Headers, params: QueryParamTypes | None
) -> ApiRequest:
    """``DELETE /threads/{thread_id}/runs/{run_id}``."""
    return ApiRequest("DELETE", _run_path(thread_id, run_id), params=params, headers=headers)
