"""Which streams can be rejoined, and the requests that rejoin them. Pure: no I/O.

The resource packages only hand the transport an `ApiRequest`; everything needed to resume is
derived from it and from the response headers:

- ``POST /threads/{t}/runs/stream`` (and ``/runs/stream``) creates a run and streams it; the
  response names the run in ``Location: /threads/{t}/runs/{r}/stream`` (or
  ``Content-Location: /threads/{t}/runs/{r}``). It is rejoined with ``GET`` on that path and
  no ``stream_mode`` filter: the server then sends exactly the modes the run was created with
  (the body's ``stream_mode`` and ``stream_subgraphs``), ``metadata`` included, which a
  filtered join would leave out. Stateless runs name no thread, and cannot be rejoined.
- ``GET /threads/{t}/runs/{r}/stream`` (a run join) and ``GET /threads/{t}/stream`` (a thread
  join) are rejoined with the same request: same query (stream modes), same headers.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote, unquote, urlsplit

import httpx

from lg_transport._request import ApiRequest

#: Run statuses in which the run may still produce events.
LIVE_STATUSES: Final = frozenset({"pending", "running"})

_RUN_CREATE = re.compile(r"^(?:/threads/(?P<thread>[^/]+))?/runs/stream/?$")
_RUN_JOIN = re.compile(r"^/threads/(?P<thread>[^/]+)/runs/(?P<run>[^/]+)/stream/?$")
_THREAD_JOIN = re.compile(r"^/threads/(?P<thread>[^/]+)/stream/?$")
# Anchored at the end only: a server mounted under a prefix puts more in front.
_RUN_IN_LOCATION = re.compile(r"/threads/(?P<thread>[^/]+)/runs/(?P<run>[^/]+)(?:/stream)?/?$")
_JOIN_IN_LOCATION = re.compile(r"/threads/(?P<thread>[^/]+)/runs/(?P<run>[^/]+)/join/?$")
_WAIT = re.compile(r"^(?:/threads/[^/]+)?/runs/wait/?$")
_JOIN = re.compile(r"^/threads/[^/]+/runs/[^/]+/join/?$")
_CANCEL = re.compile(r"^/threads/[^/]+/runs/[^/]+/cancel/?$")


class StreamKind(enum.Enum):
    RUN_CREATE = "run create"
    RUN_JOIN = "run join"
    THREAD_JOIN = "thread join"


@dataclass(frozen=True, slots=True)
class RunRef:
    """A run, by its (unencoded) thread and run ids."""

    thread_id: str
    run_id: str

    @property
    def path(self) -> str:
        return f"/threads/{quote(self.thread_id, safe='')}/runs/{quote(self.run_id, safe='')}"


@dataclass(frozen=True, slots=True)
class StreamPlan:
    """How one stream request can be resumed."""

    kind: StreamKind
    request: ApiRequest
    #: The run, when the path names it (run joins).
    run: RunRef | None
    thread_id: str | None
    #: The request itself says the run stores its events (``stream_resumable: true``).
    resumable: bool
    #: The ``Last-Event-ID`` the caller sent on the first request.
    caller_last_event_id: str | None
    #: Whether the original stream ends with the server's ``error`` event when the run fails
    #: (run creations and unfiltered run joins); a rejoin cannot replay it (it is not stored).
    error_expected: bool

    @property
    def detect_restarts(self) -> bool:
        # A run join subscribes before it replays (repeats possible); a thread join replays
        # first (no repeats).
        return self.kind is not StreamKind.THREAD_JOIN

    def rejoin_request(self, run: RunRef | None, last_event_id: str | None) -> ApiRequest:
        """The ``GET`` that resumes this stream after ``last_event_id``."""
        headers = _without_last_event_id(self.request.headers)
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        if self.kind is StreamKind.RUN_CREATE:
            if run is None:
                raise ValueError("a run stream is rejoined through its run")
            return ApiRequest(
                "GET", f"{run.path}/stream", headers=headers, retry="safe", follow_up=True
            )
        return ApiRequest(
            "GET",
            self.request.path,
            params=self.request.params,
            headers=headers,
            retry="safe",
            follow_up=True,
        )

    def authority_request(self, run: RunRef | None, last_event_id: str) -> ApiRequest:
        """A rejoin used only to read the stored log: it must never cancel the run on close."""
        request = self.rejoin_request(run, last_event_id)
        if request.params is None:
            return request
        params = httpx.QueryParams(request.params)
        if "cancel_on_disconnect" in params:
            params = params.set("cancel_on_disconnect", "false")
        return ApiRequest(
            "GET",
            request.path,
            params=params,
            headers=request.headers,
            retry="safe",
            follow_up=True,
        )


def _stream_match(request: ApiRequest) -> tuple[StreamKind, re.Match[str]] | None:
    """Which run or thread stream ``request`` opens, with its path's match; ``None`` for any
    other stream."""
    path = request.path
    if request.method == "POST":
        match = _RUN_CREATE.match(path)
        return (StreamKind.RUN_CREATE, match) if match else None
    if request.method != "GET":
        return None
    if match := _RUN_JOIN.match(path):
        return StreamKind.RUN_JOIN, match
    if match := _THREAD_JOIN.match(path):
        return StreamKind.THREAD_JOIN, match
    return None


def stream_kind(request: ApiRequest) -> StreamKind | None:
    """The kind of run or thread stream ``request`` opens; ``None`` for any other stream
    (decided without building the plan: a stream plans once it has its turn)."""
    found = _stream_match(request)
    return None if found is None else found[0]


def plan_stream(request: ApiRequest) -> StreamPlan | None:
    """The resume plan of a run or thread stream request; ``None`` for any other stream."""
    found = _stream_match(request)
    if found is None:
        return None
    kind, match = found
    if kind is StreamKind.RUN_CREATE:
        body = request.json if isinstance(request.json, Mapping) else {}
        thread = match.group("thread")
        return StreamPlan(
            kind=kind,
            request=request,
            run=None,
            thread_id=unquote(thread) if thread else None,
            resumable=body.get("stream_resumable") is True,
            caller_last_event_id=None,
            error_expected=True,
        )
    caller_last_id = _header(request.headers, "last-event-id")
    if kind is StreamKind.RUN_JOIN:
        run = RunRef(unquote(match.group("thread")), unquote(match.group("run")))
        return StreamPlan(
            kind=kind,
            request=request,
            run=run,
            thread_id=run.thread_id,
            resumable=False,
            caller_last_event_id=caller_last_id,
            error_expected=not _stream_mode_filter(request.params),
        )
    return StreamPlan(
        kind=kind,
        request=request,
        run=None,
        thread_id=unquote(match.group("thread")),
        resumable=True,  # thread stream events always carry ids
        caller_last_event_id=caller_last_id,
        error_expected=False,
    )


def run_from_headers(headers: httpx.Headers) -> RunRef | None:
    """The run a stream response names in ``Location`` or ``Content-Location``."""
    for name in ("location", "content-location"):
        value = headers.get(name)
        if value and (match := _RUN_IN_LOCATION.search(urlsplit(value).path)):
            return RunRef(unquote(match.group("thread")), unquote(match.group("run")))
    return None


def join_from_headers(headers: httpx.Headers) -> RunRef | None:
    """The run whose ``/join`` the response's ``Location`` points at (waits and cancels)."""
    value = headers.get("location")
    if value and (match := _JOIN_IN_LOCATION.search(urlsplit(value).path)):
        return RunRef(unquote(match.group("thread")), unquote(match.group("run")))
    return None


def is_long_wait(request: ApiRequest) -> bool:
    """Whether the call waits for a run to end (``/wait``, ``/join``, ``cancel?wait=1``): the
    server keeps such answers alive with a newline every 5 s, so the idle window applies."""
    path = request.path
    if "/runs/" not in path:  # every long wait is under /runs/: most calls stop here
        return False
    if request.method == "GET":
        return _JOIN.match(path) is not None
    if request.method != "POST":
        return False
    if _WAIT.match(path):
        return True
    if _CANCEL.match(path) and request.params is not None:
        try:
            wait = httpx.QueryParams(request.params).get("wait")
        except (TypeError, ValueError):
            return False
        return wait in ("1", "true", "True")
    return False


def run_status_request(run: RunRef, headers: Mapping[str, str] | None) -> ApiRequest:
    return ApiRequest(
        "GET", run.path, headers=_without_last_event_id(headers) or None, follow_up=True
    )


def join_request(run: RunRef, headers: Mapping[str, str] | None) -> ApiRequest:
    return ApiRequest(
        "GET", f"{run.path}/join", headers=_without_last_event_id(headers) or None, follow_up=True
    )


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def _without_last_event_id(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {k: v for k, v in (headers or {}).items() if k.lower() != "last-event-id"}


def _stream_mode_filter(params: Any) -> bool:
    """Whether a join's query filters stream modes (an empty ``stream_mode=`` does not)."""
    if params is None:
        return False
    try:
        values = httpx.QueryParams(params).get_list("stream_mode")
    except (TypeError, ValueError):
        return True
    return any(value for value in values)
