"""The shapes auth handlers see: users, the authorization context, and the value of each action.

An authorization handler is called as ``handler(ctx=AuthContext(...), value=...)``; the value is
the mutable payload of the operation (``ThreadsCreate`` for ``threads.create``, ``StorePut`` for
``store.put``, ...). ``on.<resource>.<action>.value`` names that payload's type, for annotations:

    async def stamp(ctx: AuthContext, value: on.threads.create.value) -> None: ...

A handler answers with a ``HandlerResult``: ``None`` or ``True`` to allow, ``False`` to deny, or
a ``FilterType`` dict that the server applies to the resource's metadata.
"""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable, Sequence

# Real imports, not TYPE_CHECKING ones: `typing.get_type_hints()` on the TypedDicts below must work.
from datetime import datetime
from uuid import UUID

if typing.TYPE_CHECKING:
    from lg_auth._context import AuthContext as AuthContext
    from lg_auth._context import BaseAuthContext as BaseAuthContext

__all__ = [
    "AssistantsCreate",
    "AssistantsDelete",
    "AssistantsRead",
    "AssistantsSearch",
    "AssistantsUpdate",
    "MetadataInput",
    "RunsCreate",
    "StoreDelete",
    "StoreGet",
    "StoreListNamespaces",
    "StorePut",
    "StoreSearch",
    "ThreadsCreate",
    "ThreadsDelete",
    "ThreadsRead",
    "ThreadsSearch",
    "ThreadsUpdate",
    "on",
]

RunStatus = typing.Literal["pending", "error", "success", "timeout", "interrupted"]
MultitaskStrategy = typing.Literal["reject", "rollback", "interrupt", "enqueue"]
OnConflictBehavior = typing.Literal["raise", "do_nothing"]
IfNotExists = typing.Literal["create", "reject"]
ThreadStatus = typing.Literal["idle", "busy", "interrupted", "error"]
MetadataInput = dict[str, typing.Any]

FilterType = (
    dict[
        str,
        str
        | dict[typing.Literal["$eq", "$contains"], str]
        | dict[typing.Literal["$contains"], list[str]],
    ]
    | dict[str, str]
)
"""Metadata conditions, all of which must hold: ``{"owner": "alice"}`` (equality),
``{"owner": {"$eq": "alice"}}``, ``{"members": {"$contains": "alice"}}`` (list membership) or
``{"members": {"$contains": ["alice", "bob"]}}`` (every element present)."""

HandlerResult = None | bool | FilterType
"""``None``/``True``: allow. ``False``: deny with 403. A dict: allow, restricted by the filter."""

Handler = Callable[..., Awaitable[HandlerResult]]
"""An authorization handler: ``async def handler(ctx: AuthContext, value) -> HandlerResult``."""

T = typing.TypeVar("T")


@typing.runtime_checkable
class MinimalUser(typing.Protocol):
    """The least an authenticated user object must offer: a stable identity."""

    @property
    def identity(self) -> str:
        """The user's unique id (a subject, an email, an API key's owner)."""
        ...


class _UserIdentity(typing.TypedDict):
    # A separate base so `identity` is required and the rest optional, without
    # `typing.Required` (3.11+) or typing_extensions.
    identity: str


class MinimalUserDict(_UserIdentity, total=False):
    """A user as a plain dict; only ``identity`` is required."""

    display_name: str
    is_authenticated: bool
    permissions: Sequence[str]


@typing.runtime_checkable
class BaseUser(typing.Protocol):
    """The user handlers receive as ``ctx.user``: properties plus read-only mapping access."""

    @property
    def is_authenticated(self) -> bool:
        """Whether the request carried valid credentials."""
        ...

    @property
    def display_name(self) -> str:
        """A human-readable name; defaults to the identity."""
        ...

    @property
    def identity(self) -> str:
        """The user's unique id."""
        ...

    @property
    def permissions(self) -> Sequence[str]:
        """The permissions the authenticate handler granted."""
        ...

    def __getitem__(self, key: str) -> typing.Any:
        """Any field of the user as the authenticate handler returned it."""
        ...

    def __contains__(self, key: str) -> bool:
        """Whether the user has that field."""
        ...

    def __iter__(self) -> typing.Iterator[str]:
        """The user's field names."""
        ...


class StudioUser:
    """The user a LangGraph Studio request (``x-auth-scheme: langsmith``) is authenticated as."""

    __slots__ = ("_is_authenticated", "_permissions", "username")

    def __init__(self, username: str, is_authenticated: bool = False) -> None:
        self.username = username
        self._is_authenticated = is_authenticated
        self._permissions = ["authenticated"] if is_authenticated else []

    @property
    def is_authenticated(self) -> bool:
        return self._is_authenticated

    @property
    def display_name(self) -> str:
        return self.username

    @property
    def identity(self) -> str:
        return self.username

    @property
    def permissions(self) -> Sequence[str]:
        return self._permissions


Authenticator = Callable[
    ...,
    Awaitable[MinimalUser | str | BaseUser | MinimalUserDict | typing.Mapping[str, typing.Any]],
]
"""An authenticate handler: takes the request parts it names, returns the user.

It may return a string (the identity), a ``MinimalUserDict``, any object with an ``identity``
property, or a ``(permissions, user)`` pair; it rejects a request by raising
``exceptions.HTTPException``.
"""


# ---- Threads ---------------------------------------------------------------------------------


class ThreadTTL(typing.TypedDict, total=False):
    """When a thread expires."""

    strategy: typing.Literal["delete"]
    ttl: int


class ThreadsCreate(typing.TypedDict, total=False):
    """``threads.create``: stamp metadata here (e.g. the owner) before the thread is stored."""

    thread_id: UUID
    metadata: MetadataInput
    if_exists: OnConflictBehavior
    ttl: ThreadTTL


class ThreadsRead(typing.TypedDict, total=False):
    """``threads.read``: reading a thread, its state, history or runs."""

    thread_id: UUID
    run_id: UUID | None


class ThreadsUpdate(typing.TypedDict, total=False):
    """``threads.update``: changing a thread, its state, or cancelling its runs."""

    thread_id: UUID
    metadata: MetadataInput
    action: typing.Literal["interrupt", "rollback"] | None


class ThreadsDelete(typing.TypedDict, total=False):
    """``threads.delete``: deleting a thread or one of its runs."""

    thread_id: UUID
    run_id: UUID | None


class ThreadsSearch(typing.TypedDict, total=False):
    """``threads.search``: listing threads; a returned filter narrows the results."""

    metadata: MetadataInput
    values: MetadataInput
    status: ThreadStatus | None
    limit: int
    offset: int
    ids: Sequence[UUID] | None
    thread_id: UUID | None


class RunsCreate(typing.TypedDict, total=False):
    """``threads.create_run``: starting a run (stateful, stateless, or by a cron)."""

    assistant_id: UUID | None
    thread_id: UUID | None
    run_id: UUID | None
    status: RunStatus | None
    metadata: MetadataInput
    prevent_insert_if_inflight: bool
    multitask_strategy: MultitaskStrategy
    if_not_exists: IfNotExists
    after_seconds: int
    kwargs: dict[str, typing.Any]
    action: typing.Literal["interrupt", "rollback"] | None


# ---- Assistants ------------------------------------------------------------------------------


class AssistantsCreate(typing.TypedDict, total=False):
    """``assistants.create``."""

    assistant_id: UUID
    graph_id: str
    config: dict[str, typing.Any]
    context: dict[str, typing.Any]
    metadata: MetadataInput
    if_exists: OnConflictBehavior
    name: str


class AssistantsRead(typing.TypedDict, total=False):
    """``assistants.read``."""

    assistant_id: UUID
    metadata: MetadataInput


class AssistantsUpdate(typing.TypedDict, total=False):
    """``assistants.update``."""

    assistant_id: UUID
    graph_id: str | None
    config: dict[str, typing.Any]
    context: dict[str, typing.Any]
    metadata: MetadataInput
    name: str | None
    version: int | None


class AssistantsDelete(typing.TypedDict):
    """``assistants.delete``."""

    assistant_id: UUID


class AssistantsSearch(typing.TypedDict):
    """``assistants.search``."""

    graph_id: str | None
    metadata: MetadataInput
    limit: int
    offset: int


# ---- Crons -----------------------------------------------------------------------------------


class CronsCreate(typing.TypedDict, total=False):
    """``crons.create``."""

    payload: dict[str, typing.Any]
    schedule: str
    cron_id: UUID | None
    thread_id: UUID | None
    user_id: str | None
    end_time: datetime | None


class CronsDelete(typing.TypedDict):
    """``crons.delete``."""

    cron_id: UUID


class CronsRead(typing.TypedDict):
    """``crons.read``."""

    cron_id: UUID


class CronsUpdate(typing.TypedDict, total=False):
    """``crons.update``."""

    cron_id: UUID
    payload: dict[str, typing.Any] | None
    schedule: str | None


class CronsSearch(typing.TypedDict, total=False):
    """``crons.search``."""

    assistant_id: UUID | None
    thread_id: UUID | None
    limit: int
    offset: int


# ---- Store -----------------------------------------------------------------------------------
# Store handlers scope access by rewriting `value["namespace"]` (e.g. prefixing the user's id);
# the server uses the namespace as the handler left it.


class StoreGet(typing.TypedDict):
    """``store.get``."""

    namespace: tuple[str, ...]
    key: str


class StoreSearch(typing.TypedDict):
    """``store.search``."""

    namespace: tuple[str, ...]
    filter: dict[str, typing.Any] | None
    limit: int
    offset: int
    query: str | None


class StoreListNamespaces(typing.TypedDict):
    """``store.list_namespaces``: ``namespace`` is the prefix searched."""

    namespace: tuple[str, ...] | None
    suffix: tuple[str, ...] | None
    max_depth: int | None
    limit: int
    offset: int


class StorePut(typing.TypedDict):
    """``store.put``."""

    namespace: tuple[str, ...]
    key: str
    value: dict[str, typing.Any] | None
    index: typing.Literal[False] | list[str] | None


class StoreDelete(typing.TypedDict):
    """``store.delete``."""

    namespace: tuple[str, ...]
    key: str


# ---- Annotation helpers ----------------------------------------------------------------------


class on:
    """Value types by resource and action, for annotating handlers: ``on.threads.create.value``.

    Declared as type aliases so that type checkers accept them in annotations.
    """

    value: typing.TypeAlias = dict[str, typing.Any]

    class threads:
        value: typing.TypeAlias = (
            ThreadsCreate | ThreadsRead | ThreadsUpdate | ThreadsDelete | ThreadsSearch
        )

        class create:
            value: typing.TypeAlias = ThreadsCreate

        class create_run:
            value: typing.TypeAlias = RunsCreate

        class read:
            value: typing.TypeAlias = ThreadsRead

        class update:
            value: typing.TypeAlias = ThreadsUpdate

        class delete:
            value: typing.TypeAlias = ThreadsDelete

        class search:
            value: typing.TypeAlias = ThreadsSearch

    class assistants:
        value: typing.TypeAlias = (
            AssistantsCreate
            | AssistantsRead
            | AssistantsUpdate
            | AssistantsDelete
            | AssistantsSearch
        )

        class create:
            value: typing.TypeAlias = AssistantsCreate

        class read:
            value: typing.TypeAlias = AssistantsRead

        class update:
            value: typing.TypeAlias = AssistantsUpdate

        class delete:
            value: typing.TypeAlias = AssistantsDelete

        class search:
            value: typing.TypeAlias = AssistantsSearch

    class crons:
        value: typing.TypeAlias = CronsCreate | CronsRead | CronsUpdate | CronsDelete | CronsSearch

        class create:
            value: typing.TypeAlias = CronsCreate

        class read:
            value: typing.TypeAlias = CronsRead

        class update:
            value: typing.TypeAlias = CronsUpdate

        class delete:
            value: typing.TypeAlias = CronsDelete

        class search:
            value: typing.TypeAlias = CronsSearch

    class store:
        value: typing.TypeAlias = (
            StoreGet | StoreSearch | StoreListNamespaces | StorePut | StoreDelete
        )

        class put:
            value: typing.TypeAlias = StorePut

        class get:
            value: typing.TypeAlias = StoreGet

        class search:
            value: typing.TypeAlias = StoreSearch

        class delete:
            value: typing.TypeAlias = StoreDelete

        class list_namespaces:
            value: typing.TypeAlias = StoreListNamespaces


# The two context dataclasses live in `lg_auth._context`, loaded on first use: `dataclasses`
# (which pulls in `inspect`, `ast`, `dis`, `tokenize`) is ~4 ms, about a third of
# `import lg_auth`, and a server that only declares rules never builds a context.
_CONTEXT_CLASSES = frozenset({"AuthContext", "BaseAuthContext"})


def __getattr__(name: str) -> typing.Any:
    if name in _CONTEXT_CLASSES:
        from lg_auth import _context

        # Bound here from now on, also for `typing.get_type_hints()`, which reads these globals.
        globals().update(AuthContext=_context.AuthContext, BaseAuthContext=_context.BaseAuthContext)
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_CONTEXT_CLASSES})
