"""Apply an `Auth`'s rules outside a LangGraph server: in a gateway, a proxy, a test.

Two steps, as a server takes them:

1. ``user = await authenticate(auth, RequestParts(...))`` calls the authenticate handler with
   the request parts its parameters name and turns its result into a user.
2. ``filters = await authorize(auth, user=user, resource="threads", action="read", value=...)``
   runs the most specific authorization handler and interprets its answer. ``None`` means
   allowed without restriction; a dict means allowed for resources whose metadata
   ``match_filter`` accepts.

Every refusal is raised as `lg_auth.exceptions.HTTPException`; answer the client with its
``status_code``, ``{"detail": detail}`` and ``headers``. How handler outcomes map:

- the handler raised ``HTTPException``: its status, detail and headers, unchanged;
- it raised another exception carrying an int ``status_code`` (Starlette's, FastAPI's
  ``HTTPException``): that status and ``detail``;
- an authorization handler failed an ``assert``: 403 with the assertion's message;
- an authorization handler returned ``False``: 403 ``Forbidden``;
- the handler returned something unusable (no identity, a malformed filter), or failed in any
  other way: 500, with the original exception as ``__cause__``.

Mistakes of the caller (an unknown resource or action, an `Auth` with no authenticate handler)
raise ``ValueError`` instead: they are not the client's fault.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lg_auth import types
from lg_auth._auth import Auth
from lg_auth._catalog import RESOURCE_ACTIONS, WILDCARD
from lg_auth._filters import match_filter, validate_filter
from lg_auth._user import AuthenticatedUser, InvalidUser, to_user
from lg_auth.exceptions import HTTPException

__all__ = [
    "AuthenticatedUser",
    "RequestParts",
    "authenticate",
    "authorize",
    "match_filter",
    "select_handler",
    "validate_filter",
]

Headers = Mapping[str, str] | Mapping[bytes, bytes] | Iterable[tuple[str | bytes, str | bytes]]


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestParts:
    """What an authenticate handler may ask for, by parameter name.

    Handlers receive these in the shapes a LangGraph server gives them, so one handler runs
    unchanged in both places:

    - ``authorization``: the ``Authorization`` header as ``str``, or None;
    - ``headers``: ``dict[bytes, bytes]`` with lower-case names, as in ASGI;
    - ``method`` (upper case), ``path``, ``path_params``, ``query_params`` (a query string is
      parsed into a dict; a mapping is passed as given), ``body``;
    - any name in ``extra`` (e.g. ``request``, ``scope``, ``scopes``): its value, as given.

    A handler parameter without a default that none of these provide is a 500.
    """

    method: str = "GET"
    path: str = "/"
    headers: Headers = ()
    query_params: Mapping[str, str] | str = field(default_factory=dict)
    path_params: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def arguments(self) -> dict[str, Any]:
        """Every part, by the parameter name a handler uses for it."""
        headers = _ascii_headers(self.headers)
        authorization = headers.get(b"authorization")
        query = self.query_params
        if isinstance(query, str):
            from urllib.parse import parse_qsl  # deferred: only when given a raw query string

            query = dict(parse_qsl(query.removeprefix("?"), keep_blank_values=True))
        return {
            **self.extra,
            "authorization": authorization.decode() if authorization is not None else None,
            "headers": headers,
            "method": self.method.upper(),
            "path": self.path,
            "path_params": self.path_params,
            "query_params": query,
            "body": self.body,
        }


async def authenticate(auth: Auth, request: RequestParts) -> AuthenticatedUser:
    """Run ``auth``'s authenticate handler on ``request`` and return the user it names.

    Raises `HTTPException` to refuse the request (see the module's table), ``ValueError`` when
    ``auth`` has no authenticate handler (servers refuse to start in that case).
    """
    handler = auth._authenticate_handler
    if handler is None:
        raise ValueError(
            "This Auth has no authenticate handler: register one with @auth.authenticate."
        )
    kwargs = _select_arguments(handler, request.arguments())
    try:
        result = await _call(handler, kwargs)
        return to_user(result)
    except HTTPException:
        raise
    except InvalidUser as exc:
        raise HTTPException(500, str(exc)) from exc
    except Exception as exc:
        raise _as_http_exception(exc) from exc


def select_handler(auth: Auth, resource: str, action: str) -> types.Handler | None:
    """The handler that decides ``resource``.``action``, or None when no rule covers it.

    The most specific registration wins: ``(resource, action)``, then ``(resource, "*")``,
    then ``("*", action)``, then the global handler. The answer is remembered in
    ``auth._handler_cache`` under ``(resource, action)``, where servers look it up too.
    """
    _check_dispatchable(resource, action)
    key = (resource, action)
    cached = auth._handler_cache.get(key)
    if cached is not None:
        return cached
    handler: types.Handler | None = None
    for candidate in (key, (resource, WILDCARD), (WILDCARD, action), (WILDCARD, WILDCARD)):
        if candidate in auth._handlers:
            handler = auth._handlers[candidate][-1]
            break
    else:
        if auth._global_handlers:
            handler = auth._global_handlers[-1]
    if handler is not None:
        auth._handler_cache[key] = handler
    return handler


async def authorize(
    auth: Auth,
    *,
    user: types.BaseUser,
    resource: str,
    action: str,
    value: Any,
    permissions: Sequence[str] | None = None,
) -> types.FilterType | None:
    """Decide whether ``user`` may perform ``action`` on ``resource`` with ``value``.

    Returns None when allowed without restriction (no handler, or it returned None/True), or
    the handler's filter: allowed for resources whose metadata ``match_filter`` accepts.
    ``value`` is passed as is, so changes the handler makes (stamping an owner, prefixing a
    store namespace) are visible to the caller afterwards. ``permissions`` default to the
    user's. Raises `HTTPException` to refuse, ``ValueError`` for an unknown resource or action.
    """
    handler = select_handler(auth, resource, action)
    if handler is None:
        return None
    ctx = types.AuthContext(
        permissions=list(user.permissions if permissions is None else permissions),
        user=user,
        # Checked by select_handler against the pairs servers dispatch.
        resource=typing.cast(Any, resource),
        action=typing.cast(Any, action),
    )
    try:
        result = await handler(ctx=ctx, value=value)
    except HTTPException:
        raise
    except AssertionError as exc:  # `assert` is an idiomatic way to deny inside a handler
        raise HTTPException(403, str(exc) or "Forbidden") from exc
    except Exception as exc:
        raise _as_http_exception(exc) from exc
    if result is None or result is True:
        return None
    if result is False:
        raise HTTPException(403, "Forbidden")
    if not isinstance(result, dict):
        raise HTTPException(
            500,
            "Auth handler returned an invalid result: expected None, a bool or a filter dict, "
            f"got {type(result).__name__}.",
        )
    validate_filter(result)
    return result or None


def _check_dispatchable(resource: str, action: str) -> None:
    if resource not in RESOURCE_ACTIONS:
        known = ", ".join(sorted(RESOURCE_ACTIONS))
        raise ValueError(f"Unknown resource {resource!r}; servers authorize {known}.")
    if action not in RESOURCE_ACTIONS[resource]:
        known = ", ".join(RESOURCE_ACTIONS[resource])
        raise ValueError(f"Unknown action {action!r} for {resource}; its actions are {known}.")


def _ascii_headers(headers: Headers) -> dict[bytes, bytes]:
    # ASGI's shape: byte strings, names in lower case. Servers pass headers to handlers this way.
    items = headers.items() if isinstance(headers, Mapping) else headers
    result: dict[bytes, bytes] = {}
    for name, value in items:
        raw_name = name if isinstance(name, bytes) else name.encode("latin-1")
        raw_value = value if isinstance(value, bytes) else value.encode("latin-1")
        result[raw_name.lower()] = raw_value
    return result


def _select_arguments(handler: Any, available: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments ``handler`` asks for, taken from ``available``."""
    import inspect

    kwargs: dict[str, Any] = {}
    for param in inspect.signature(handler).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.name in available and param.kind != param.POSITIONAL_ONLY:
            kwargs[param.name] = available[param.name]
        elif param.default is param.empty:
            offered = ", ".join(sorted(available))
            raise HTTPException(
                500,
                f"The authenticate handler asks for {param.name!r}, which this request does not "
                f"provide. It can ask for: {offered}.",
            )
    return kwargs


async def _call(handler: Any, kwargs: dict[str, Any]) -> Any:
    import inspect

    if inspect.iscoroutinefunction(handler):
        return await handler(**kwargs)
    # A plain `def` may block (e.g. fetching signing keys); servers run it off the event loop.
    import asyncio

    result = await asyncio.to_thread(handler, **kwargs)
    return await result if inspect.isawaitable(result) else result


def _as_http_exception(exc: Exception) -> HTTPException:
    # Other frameworks' HTTP errors (Starlette, FastAPI, ...) keep their status: raising one in a
    # handler expresses the same intent as raising ours.
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and 400 <= status <= 599:
        detail = getattr(exc, "detail", None)
        headers = getattr(exc, "headers", None)
        return HTTPException(
            status,
            detail if isinstance(detail, str) else None,
            headers if isinstance(headers, Mapping) else None,
        )
    return HTTPException(500, "Internal Server Error")
