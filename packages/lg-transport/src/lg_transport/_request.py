"""The pure description of one API call: built by resource code, executed by a transport.

Resource clients never touch I/O: they turn arguments into an `ApiRequest`, which the async
and sync `HttpClient` send. This is what lets one request builder serve both clients and be
unit-tested without a network.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from lg_schema import QueryParamTypes
from lg_transport._sentinel import NOT_PROVIDED, NotGiven

#: How a call may be retried after a failure (see `lg_transport.retries`).
#: "safe": reading or idempotent; retried on transport errors and transient statuses.
#: "create": creates work (a run, a cron); retried only when the server provably never got it.
RetryClass = Literal["safe", "create"]

NO_BODY: Final = NOT_PROVIDED


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """Method, path, query, JSON body and headers of one call, plus its retry class."""

    method: str
    path: str
    json: Any | NotGiven = NO_BODY
    params: QueryParamTypes | None = None
    headers: Mapping[str, str] | None = None
    #: None: GET, PUT, PATCH and DELETE are "safe", POST is "create" unless the builder says the
    #: POST only reads (search, count, history...). Defaulting POST to "create" errs on the side
    #: of never duplicating work.
    retry: RetryClass | None = None
    #: A call a stream makes to finish what it started (a rejoin, its run's status or join):
    #: when it has to wait for a connection, it goes ahead of calls that start something new,
    #: so that streams already under way end first (`lg_transport._internals.pool_gate`).
    follow_up: bool = False

    @property
    def has_body(self) -> bool:
        return not isinstance(self.json, NotGiven)

    @property
    def retry_class(self) -> RetryClass:
        if self.retry is not None:
            return self.retry
        return "create" if self.method == "POST" else "safe"


def drop_none(**fields: Any) -> dict[str, Any]:
    """A JSON object of the given fields, leaving out the ones that are ``None``."""
    return {key: value for key, value in fields.items() if value is not None}


def merge_params(base: Mapping[str, Any] | None, extra: QueryParamTypes | None) -> Any:
    """Query parameters built by a method, followed by the caller's ``params=`` extras."""
    if extra is None:
        return dict(base) if base else None
    if not base:
        return extra
    if isinstance(extra, Mapping):
        return {**base, **extra}
    if isinstance(extra, (str, bytes)):
        raise TypeError(
            "params must be a mapping or a list of pairs when combined with a call's own query"
        )
    return [*base.items(), *extra]
