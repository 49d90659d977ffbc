"""`Auth`: where an application registers its authenticate handler and authorization rules.

The server contract. A LangGraph server loads the `Auth` instance named in `langgraph.json` and
reads four attributes; their names, shapes and meaning are fixed:

- ``_authenticate_handler``: the function given to ``@auth.authenticate``, or None. Servers may
  assign a wrapped version back to it, so it stays writable.
- ``_handlers``: ``{(resource, action): [handler]}``; either side may be ``"*"``
  (``@auth.on.threads`` stores ``("threads", "*")``, ``@auth.on(actions="read")`` stores
  ``("*", "read")``). The list always holds one handler; readers take the last.
- ``_global_handlers``: ``[handler]`` from ``@auth.on`` (or ``resources="*", actions="*"``).
- ``_handler_cache``: ``{(resource, action): handler}``, filled by whoever resolves handlers
  (a server, or `lg_auth.evaluate`); emptied here whenever a handler is registered.

Server code also walks ``auth.on``: it lists ``type(auth.on).__slots__`` and, in each resource
namespace, the public attributes carrying ``.action`` (and ``.resource``) strings, to find the
pairs no rule covers. The registrar objects below keep those attributes for that reason.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from lg_auth import exceptions, types
from lg_auth._catalog import WILDCARD, check_pair
from lg_auth._user import AuthenticatedUser

__all__ = ["Auth", "is_studio_user"]

TH = typing.TypeVar("TH", bound=types.Handler)
AH = typing.TypeVar("AH", bound=types.Authenticator)
T = typing.TypeVar("T")
V = typing.TypeVar("V", contravariant=True)
VCreate = typing.TypeVar("VCreate", covariant=True)
VRead = typing.TypeVar("VRead", covariant=True)
VUpdate = typing.TypeVar("VUpdate", covariant=True)
VDelete = typing.TypeVar("VDelete", covariant=True)
VSearch = typing.TypeVar("VSearch", covariant=True)
ResourceActionT = typing.TypeVar("ResourceActionT", bound=str)


class _ActionHandler(typing.Protocol[V]):
    """The shape of an authorization handler whose value has type ``V``."""

    async def __call__(self, *, ctx: types.AuthContext, value: V) -> types.HandlerResult: ...


# Kept for name parity with the official module; decorators taking any handler use TH.
AHO = typing.TypeVar("AHO", bound=_ActionHandler[dict[str, Any]])

_ResourceAction = typing.Literal["create", "read", "update", "delete", "search"]
_ThreadAction = _ResourceAction | typing.Literal["create_run"]
_StoreAction = typing.Literal["put", "get", "search", "list_namespaces", "delete"]


class Auth:
    """Authentication and authorization rules for a LangGraph server.

    ``@auth.authenticate`` turns a request into a user; ``@auth.on...`` handlers decide, per
    resource and action, whether that user may proceed, possibly rewriting the value or
    returning a metadata filter. The most specific handler wins: resource and action, then
    resource, then action, then global. An action no handler covers is allowed.
    """

    __slots__ = ("_authenticate_handler", "_global_handlers", "_handler_cache", "_handlers", "on")

    types = types
    exceptions = exceptions

    def __init__(self) -> None:
        self.on = _On(self)
        # Read by servers: see the module docstring before changing names or shapes.
        self._handlers: dict[tuple[str, str], list[types.Handler]] = {}
        self._global_handlers: list[types.Handler] = []
        self._authenticate_handler: types.Authenticator | None = None
        self._handler_cache: dict[tuple[str, str], types.Handler] = {}

    def authenticate(self, fn: AH) -> AH:
        """Register the function that turns a request into a user (only one per `Auth`).

        It asks for request parts by parameter name (``authorization``, ``headers``,
        ``method``, ``path``, ``path_params``, ``query_params``, ``body``, ...) and returns the
        user: an identity string, a dict with ``identity``, an object with an ``identity``
        property, or ``(permissions, user)``. Raise ``exceptions.HTTPException`` to reject.
        Servers also accept a plain ``def`` here (they run it in a thread), so this does too.
        """
        if not callable(fn):
            raise TypeError(f"@auth.authenticate needs a function, got {type(fn).__name__}.")
        if self._authenticate_handler is not None:
            raise ValueError(
                f"An authenticate handler is already set: "
                f"{_name(self._authenticate_handler)}. An Auth takes exactly one."
            )
        self._authenticate_handler = fn
        return fn


class _ActionOn(typing.Generic[T]):
    """``@auth.on.<resource>.<action>``: registers a handler for one (resource, action)."""

    def __init__(self, auth: Auth, resource: str, action: str, value: type[T]) -> None:
        self.auth = auth
        self.resource = resource
        self.action = action
        self.value = value

    def __call__(self, fn: _ActionHandler[T]) -> _ActionHandler[T]:
        _register(self.auth, [(self.resource, self.action)], fn)
        return fn


class _ResourceOn(typing.Generic[VCreate, VRead, VUpdate, VDelete, VSearch, ResourceActionT]):
    """``@auth.on.<resource>``: every action of the resource, or those named by ``actions``."""

    value: Any
    Create: type[VCreate]
    Read: type[VRead]
    Update: type[VUpdate]
    Delete: type[VDelete]
    Search: type[VSearch]

    def __init__(self, auth: Auth, resource: typing.Literal["threads", "crons", "assistants"]):
        self.auth = auth
        self.resource = resource
        self.create: _ActionOn[VCreate] = _ActionOn(auth, resource, "create", self.Create)
        self.read: _ActionOn[VRead] = _ActionOn(auth, resource, "read", self.Read)
        self.update: _ActionOn[VUpdate] = _ActionOn(auth, resource, "update", self.Update)
        self.delete: _ActionOn[VDelete] = _ActionOn(auth, resource, "delete", self.Delete)
        self.search: _ActionOn[VSearch] = _ActionOn(auth, resource, "search", self.Search)

    # Resource-wide handlers see a different value type per action, so any handler is accepted
    # here; the per-action registrars check the value type.
    @typing.overload
    def __call__(self, fn: TH) -> TH: ...

    @typing.overload
    def __call__(
        self,
        *,
        resources: str | Sequence[str] | None = None,
        actions: ResourceActionT | Sequence[ResourceActionT] | None = None,
    ) -> Callable[[TH], TH]: ...

    def __call__(
        self,
        fn: TH | None = None,
        *,
        resources: str | Sequence[str] | None = None,
        actions: str | Sequence[str] | None = None,
    ) -> TH | Callable[[TH], TH]:
        # `resources` exists for signature parity with `auth.on(...)`; here it may only name
        # this resource (as the official SDK rules: not even "*"), anything else is a mistake
        # better reported than ignored. Every wrong value is a ValueError, as there.
        if resources is not None:
            named = [resources] if isinstance(resources, str) else list(resources)
            if named != [self.resource]:
                raise ValueError(
                    f"@auth.on.{self.resource}(...) registers handlers for {self.resource} only, "
                    f"not {named!r}. Use @auth.on(resources=...) for other or several resources."
                )
        pairs = [(self.resource, action) for action in _names(actions, "actions")]

        def decorator(handler: TH) -> TH:
            _register(self.auth, pairs, handler)
            return handler

        return decorator if fn is None else decorator(fn)


class _AssistantsOn(
    _ResourceOn[
        types.AssistantsCreate,
        types.AssistantsRead,
        types.AssistantsUpdate,
        types.AssistantsDelete,
        types.AssistantsSearch,
        _ResourceAction,
    ]
):
    value = types.on.assistants.value
    Create = types.AssistantsCreate
    Read = types.AssistantsRead
    Update = types.AssistantsUpdate
    Delete = types.AssistantsDelete
    Search = types.AssistantsSearch


class _ThreadsOn(
    _ResourceOn[
        types.ThreadsCreate,
        types.ThreadsRead,
        types.ThreadsUpdate,
        types.ThreadsDelete,
        types.ThreadsSearch,
        _ThreadAction,
    ]
):
    value = types.on.threads.value | types.RunsCreate
    Create = types.ThreadsCreate
    Read = types.ThreadsRead
    Update = types.ThreadsUpdate
    Delete = types.ThreadsDelete
    Search = types.ThreadsSearch
    CreateRun = types.RunsCreate

    def __init__(self, auth: Auth, resource: typing.Literal["threads", "crons", "assistants"]):
        super().__init__(auth, resource)
        self.create_run: _ActionOn[types.RunsCreate] = _ActionOn(
            auth, resource, "create_run", self.CreateRun
        )


class _CronsOn(
    _ResourceOn[
        types.CronsCreate,
        types.CronsRead,
        types.CronsUpdate,
        types.CronsDelete,
        types.CronsSearch,
        _ResourceAction,
    ]
):
    value = types.on.crons.value
    Create = types.CronsCreate
    Read = types.CronsRead
    Update = types.CronsUpdate
    Delete = types.CronsDelete
    Search = types.CronsSearch


class _StoreOn:
    """``@auth.on.store``: every store operation, or those named by ``actions``."""

    value = types.on.store.value

    def __init__(self, auth: Auth) -> None:
        self._auth = auth
        self.put = _ActionOn(auth, "store", "put", types.StorePut)
        self.get = _ActionOn(auth, "store", "get", types.StoreGet)
        self.search = _ActionOn(auth, "store", "search", types.StoreSearch)
        self.delete = _ActionOn(auth, "store", "delete", types.StoreDelete)
        self.list_namespaces = _ActionOn(
            auth, "store", "list_namespaces", types.StoreListNamespaces
        )

    @typing.overload
    def __call__(
        self, *, actions: _StoreAction | Sequence[_StoreAction] | None = None
    ) -> Callable[[TH], TH]: ...

    @typing.overload
    def __call__(self, fn: TH) -> TH: ...

    def __call__(
        self, fn: TH | None = None, *, actions: str | Sequence[str] | None = None
    ) -> TH | Callable[[TH], TH]:
        pairs = [("store", action) for action in _names(actions, "actions")]

        def decorator(handler: TH) -> TH:
            _register(self._auth, pairs, handler)
            return handler

        return decorator if fn is None else decorator(fn)


class _On:
    """``auth.on``: the entry point of authorization rules.

    - ``@auth.on``: a global handler, for every resource and action no other handler covers.
    - ``@auth.on.threads`` / ``.assistants`` / ``.crons`` / ``.store``: one resource.
    - ``@auth.on.threads.create`` (and each action of each resource): one pair.
    - ``@auth.on(resources=[...], actions=[...])``: every listed pair.

    Handlers are ``async def handler(ctx, value)`` and return ``None``/``True`` (allow),
    ``False`` (deny) or a metadata filter. Unknown names, duplicates and non-async handlers
    are rejected when registering, not when the first request arrives.
    """

    # Servers list these to find the resource namespaces: keep every resource here.
    __slots__ = ("_auth", "assistants", "crons", "store", "threads", "value")

    def __init__(self, auth: Auth) -> None:
        self._auth = auth
        self.assistants = _AssistantsOn(auth, "assistants")
        self.threads = _ThreadsOn(auth, "threads")
        self.crons = _CronsOn(auth, "crons")
        self.store = _StoreOn(auth)
        self.value = dict[str, Any]

    @typing.overload
    def __call__(
        self,
        *,
        resources: str | Sequence[str] | None = None,
        actions: str | Sequence[str] | None = None,
    ) -> Callable[[TH], TH]: ...

    @typing.overload
    def __call__(self, fn: TH) -> TH: ...

    def __call__(
        self,
        fn: TH | None = None,
        *,
        resources: str | Sequence[str] | None = None,
        actions: str | Sequence[str] | None = None,
    ) -> TH | Callable[[TH], TH]:
        resource_list = _names(resources, "resources")
        action_list = _names(actions, "actions")
        pairs = [(r, a) for r in resource_list for a in action_list]

        def decorator(handler: TH) -> TH:
            _register(self._auth, pairs, handler)
            return handler

        return decorator if fn is None else decorator(fn)


def _names(value: str | Iterable[str] | None, what: str) -> list[str]:
    """Normalize a ``resources=``/``actions=`` argument; None means the wildcard."""
    if value is None:
        return [WILDCARD]
    if isinstance(value, str):
        return [value]
    # Any iterable (list, tuple, set) is accepted, as servers' users pass all of them.
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a string or a sequence of strings, got {value!r}.")
    names = list(value)
    if not names:
        raise ValueError(f"{what} must not be empty; omit it to mean all.")
    if not all(isinstance(name, str) for name in names):
        raise TypeError(f"{what} must be a string or a sequence of strings, got {names!r}.")
    if len(set(names)) != len(names):
        raise ValueError(f"{what} must not repeat a name, got {names!r}.")
    return names


def _register(auth: Auth, pairs: Sequence[tuple[str, str]], fn: Any) -> None:
    """Add ``fn`` for every pair, or for none: everything is checked before anything changes."""
    _check_handler(fn)
    for resource, action in pairs:
        check_pair(resource, action)
        if (resource, action) == (WILDCARD, WILDCARD):
            if auth._global_handlers:
                raise ValueError(
                    f"A global handler is already set: {_name(auth._global_handlers[-1])}."
                )
        elif (resource, action) in auth._handlers:
            existing = _name(auth._handlers[(resource, action)][-1])
            raise ValueError(
                f"A handler is already set for {resource}.{action}: {existing}. "
                "Each (resource, action) takes one handler."
            )
    for pair in pairs:
        if pair == (WILDCARD, WILDCARD):
            auth._global_handlers.append(fn)
        else:
            auth._handlers[pair] = [fn]
    # A new handler can change what any pair resolves to.
    auth._handler_cache.clear()


def _check_handler(fn: Any) -> None:
    """Reject, at registration, handlers a server could not call as ``fn(ctx=..., value=...)``."""
    import inspect  # deferred: only rule definitions pay for it, not `import lg_auth`

    name = _name(fn)
    if not inspect.iscoroutinefunction(fn):
        raise ValueError(
            f"Auth handler {name!r} must be an async function (`async def`): servers await it "
            "on the event loop, where blocking I/O would stall every request."
        )
    params = inspect.signature(fn).parameters
    keyword = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    for required in ("ctx", "value"):
        param = params.get(required)
        if param is None or param.kind not in keyword:
            raise ValueError(
                f"Auth handler {name!r} must take a {required!r} parameter (passed by keyword): "
                "handlers are called as handler(ctx=AuthContext, value=<the operation's data>)."
            )
    extra = [
        p.name
        for p in params.values()
        if p.name not in ("ctx", "value")
        and p.default is p.empty
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if extra:
        raise ValueError(
            f"Auth handler {name!r} has required parameters {extra!r} that no server passes; "
            "give them defaults or remove them."
        )


def _name(fn: object) -> str:
    return str(getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn))


def is_studio_user(user: types.MinimalUser | types.BaseUser | types.MinimalUserDict) -> bool:
    """Whether ``user`` is LangGraph Studio's user rather than one your handler authenticated."""
    if isinstance(user, AuthenticatedUser):  # the evaluator's wrapper around what was returned
        return is_studio_user(user.unwrapped)
    if isinstance(user, types.StudioUser):
        return True
    return isinstance(user, dict) and user.get("kind") == "StudioUser"
