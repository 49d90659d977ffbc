"""What the runs client makes of the server's answers, without I/O: the id of a run just created
(from its ``Content-Location`` header), typed v2 stream parts, and the error a waited run ended in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, cast
from urllib.parse import unquote, urlsplit

import httpx

from lg_schema import RunCreateMetadata, StreamPart, StreamPartV2
from lg_transport.errors import APIError, status_error_class

OnRunCreated = Callable[[RunCreateMetadata], None]

# `/threads/{thread_id}/runs/{run_id}`, or `/runs/{run_id}` for a stateless run; a server mounted
# under a prefix puts more in front, hence a search anchored only at the end.
_RUN_LOCATION: Final = re.compile(r"(?:/threads/(?P<thread_id>[^/]+))?/runs/(?P<run_id>[^/]+)/?$")


def run_created_metadata(response: httpx.Response) -> RunCreateMetadata | None:
    """The run and thread ids named by the response's ``Content-Location``, if it names a run."""
    location = response.headers.get("content-location")
    if not location:
        return None
    match = _RUN_LOCATION.search(urlsplit(location).path)
    if match is None:
        return None
    thread_id = match.group("thread_id")
    return RunCreateMetadata(
        run_id=unquote(match.group("run_id")),
        thread_id=unquote(thread_id) if thread_id else None,
    )


class RunResponseHook:
    """The ``on_response`` callback of a run creation.

    It tells ``on_run_created`` about the new run (once, even if called again) and, with
    ``keep_response``, keeps the response, so that an error found in the body later can point
    at it. A stream does not need it: its hook lives as long as the stream, and a response kept
    there would hold its headers and request until the stream's last call is over.
    """

    __slots__ = ("_keep", "_notified", "on_run_created", "response")

    def __init__(self, on_run_created: OnRunCreated | None, *, keep_response: bool = True) -> None:
        if on_run_created is not None and not callable(on_run_created):
            raise TypeError(f"on_run_created must be callable, got {type(on_run_created).__name__}")
        self.on_run_created = on_run_created
        self.response: httpx.Response | None = None
        self._keep = keep_response
        self._notified = False

    def __call__(self, response: httpx.Response) -> None:
        if self._keep:
            self.response = response
        if self.on_run_created is None or self._notified:
            return
        metadata = run_created_metadata(response)
        if metadata is not None:
            self._notified = True
            self.on_run_created(metadata)


def raise_for_run_error(result: Any, response: httpx.Response | None) -> None:
    """Raise if a waited run's output is the server's ``{"__error__": {...}}`` report.

    The HTTP call itself succeeded (200), so this is no status error: it is raised as the base
    `APIError`, which keeps the response and the whole body (``error.body["__error__"]`` holds
    the graph's exception name and message).
    """
    if not isinstance(result, dict):
        return
    error = result.get("__error__")
    if not isinstance(error, dict):
        return
    message = f"{error.get('error')}: {error.get('message')}"
    if response is None:  # the executor always reports the response before returning a body
        raise RuntimeError(message)
    raise APIError(message, response, body=result)


_HTTP_EXCEPTION = re.compile(r"(?P<status>[45]\d\d): (?P<detail>.*)", re.DOTALL)


def raise_for_join_status(result: Any, response: httpx.Response | None) -> None:
    """Raise the typed status error a join's ``200`` answer stands for.

    Joining a run the server cannot find answers ``200`` with
    ``{"__error__": {"error": "HTTPException", "message": "404: Run not found"}}``; the official
    client returns that as if it were the run's output, which hides the error. It is raised as
    the status error it names (`NotFoundError` for a 404), with the whole body. A failed graph's
    own ``__error__`` (any other ``error``) is the run's outcome and is returned, as before.
    """
    if response is None or not isinstance(result, dict):
        return
    error = result.get("__error__")
    if not isinstance(error, dict) or error.get("error") != "HTTPException":
        return
    match = _HTTP_EXCEPTION.fullmatch(str(error.get("message", "")))
    if match is None:
        return
    status = int(match.group("status"))
    request = response.request
    message = f"{status} for {request.method} {request.url.path}: {match.group('detail')}"
    exc = status_error_class(status)(message, response=response, body=result)
    exc.status_code = status
    raise exc


def to_v2_part(part: StreamPart) -> StreamPartV2 | None:
    """A v1 part as a typed v2 dict (``type``, ``ns``, ``data``, ``interrupts``): see
    `v2_from_event`."""
    return v2_from_event(part.event, part.data)


def v2_from_event(event: str, data: Any) -> StreamPartV2 | None:
    """An SSE event's name and data as a typed v2 dict (``type``, ``ns``, ``data``,
    ``interrupts``); the official SDK's ``_sse_to_v2_dict``.

    ``updates|child:<task_id>`` becomes ``type="updates"``, ``ns=["child:<task_id>"]`` (nested
    subgraphs add one ``|``-separated entry per level). A ``values`` part's pending interrupts move
    from ``data["__interrupt__"]`` to ``interrupts``; other parts carry an empty ``interrupts``,
    as the official client's do. An ``end`` event (which marks the end of the stream) gives
    ``None``. Other events (``error``, ``events``, ``feedback``...) keep their name as ``type``.
    """
    if event == "end":
        return None
    kind, *namespace = event.split("|")
    interrupts: Any = []
    if kind == "values" and isinstance(data, dict) and "__interrupt__" in data:
        # The data is freshly decoded and seen by no one else: taking the key out is safe.
        interrupts = data.pop("__interrupt__")
    return cast(
        StreamPartV2, {"type": kind, "ns": namespace, "data": data, "interrupts": interrupts}
    )
