"""The server contract: what a LangGraph server reads from an `Auth`, beyond the public API.

A server (langgraph-api) loads the `Auth` named in langgraph.json, checks its class, and then
reads `_authenticate_handler`, `_handlers`, `_global_handlers`, `_handler_cache`; to warn about
uncovered pairs it walks `type(auth.on).__slots__` and the registrars' `.resource`/`.action`.
The helpers below restate those reads (written from observed behaviour) so the tests pin the
shapes the server relies on.
"""

from __future__ import annotations

import types as pytypes
from typing import Any

import lg_auth
from lg_auth import Auth, select_handler
from lg_auth import exceptions as auth_exceptions
from lg_auth import types as auth_types

EXPECTED_MATRIX = {
    "assistants": {"create", "read", "update", "delete", "search"},
    "crons": {"create", "read", "update", "delete", "search"},
    "store": {"put", "get", "search", "delete", "list_namespaces"},
    "threads": {"create", "read", "update", "delete", "search", "create_run"},
}


def server_style_matrix(auth: Auth) -> dict[str, set[str]]:
    """Discover registrable pairs by duck typing, the way a server does."""
    matrix: dict[str, set[str]] = {}
    for slot in type(auth.on).__slots__:
        if slot.startswith("_") or slot == "value":
            continue
        namespace = getattr(auth.on, slot, None)
        for name in dir(namespace):
            if name.startswith("_"):
                continue
            action = getattr(getattr(namespace, name), "action", None)
            if isinstance(action, str):
                resource = getattr(getattr(namespace, name), "resource", slot)
                matrix.setdefault(resource, set()).add(action)
    return matrix


def server_style_lookup(auth: Auth, resource: str, action: str) -> Any:
    """Resolve a handler from the raw attributes, in the server's order of precedence."""
    if (resource, action) in auth._handler_cache:
        return auth._handler_cache[(resource, action)]
    for key in ((resource, action), (resource, "*"), ("*", action), ("*", "*")):
        if key in auth._handlers:
            return auth._handlers[key][-1]
    return auth._global_handlers[-1] if auth._global_handlers else None


async def h_global(ctx: Any, value: Any) -> bool:
    return False


async def h_threads(ctx: Any, value: Any) -> None: ...


async def h_threads_create(ctx: Any, value: Any) -> None: ...


async def h_read(ctx: Any, value: Any) -> None: ...


def full_auth() -> Auth:
    auth = Auth()
    auth.on(h_global)
    auth.on.threads(h_threads)
    auth.on.threads.create(h_threads_create)
    auth.on(actions="read")(h_read)
    return auth


def test_auth_slots_and_attribute_types() -> None:
    auth = full_auth()
    assert Auth.__slots__ == (
        "_authenticate_handler",
        "_global_handlers",
        "_handler_cache",
        "_handlers",
        "on",
    )
    assert isinstance(auth._handlers, dict)
    assert all(
        isinstance(k, tuple) and len(k) == 2 and all(isinstance(p, str) for p in k)
        for k in auth._handlers
    )
    assert all(isinstance(v, list) and len(v) == 1 for v in auth._handlers.values())
    assert isinstance(auth._global_handlers, list)
    assert isinstance(auth._handler_cache, dict)


def test_auth_exposes_its_modules_as_class_attributes() -> None:
    # Handlers are commonly annotated as Auth.types.AuthContext and raise
    # Auth.exceptions.HTTPException.
    assert Auth.types is auth_types
    assert Auth.exceptions is auth_exceptions
    assert isinstance(Auth.types, pytypes.ModuleType)


def test_the_server_discovers_every_registrable_pair() -> None:
    assert server_style_matrix(Auth()) == EXPECTED_MATRIX


def test_on_slots_list_the_resources() -> None:
    assert set(type(Auth().on).__slots__) == {"_auth", "value", *EXPECTED_MATRIX}


def test_registrars_carry_resource_and_action() -> None:
    on = Auth().on
    assert (on.threads.create_run.resource, on.threads.create_run.action) == (
        "threads",
        "create_run",
    )
    assert (on.store.list_namespaces.resource, on.store.list_namespaces.action) == (
        "store",
        "list_namespaces",
    )
    assert on.threads.resource == "threads"
    assert on.crons.delete.value is auth_types.CronsDelete
    assert on.store.put.value is auth_types.StorePut
    assert on.threads.create.value is auth_types.ThreadsCreate
    assert on.threads.create_run.value is auth_types.RunsCreate
    assert on.value == dict[str, Any]


def test_select_handler_agrees_with_a_server_reading_the_raw_attributes() -> None:
    auth = full_auth()
    for resource, actions in EXPECTED_MATRIX.items():
        for action in actions:
            raw = server_style_lookup(auth, resource, action)
            assert select_handler(auth, resource, action) is raw, (resource, action)


def test_precedence_seen_through_the_raw_attributes() -> None:
    auth = full_auth()
    assert server_style_lookup(auth, "threads", "create") is h_threads_create
    assert server_style_lookup(auth, "threads", "read") is h_threads  # resource beats action
    assert server_style_lookup(auth, "assistants", "read") is h_read
    assert server_style_lookup(auth, "crons", "create") is h_global


def test_handler_cache_holds_resolved_pairs_under_the_requested_key() -> None:
    auth = full_auth()
    select_handler(auth, "threads", "read")
    select_handler(auth, "assistants", "read")
    select_handler(auth, "store", "put")
    assert auth._handler_cache == {
        ("threads", "read"): h_threads,
        ("assistants", "read"): h_read,
        ("store", "put"): h_global,
    }
    # A server consulting the cache first gets the same answers.
    assert server_style_lookup(auth, "threads", "read") is h_threads


def test_nothing_is_cached_when_no_handler_covers_the_pair() -> None:
    auth = Auth()
    auth.on.threads.read(h_read)
    assert select_handler(auth, "assistants", "read") is None
    assert auth._handler_cache == {}


def test_a_cache_entry_written_by_a_server_is_honoured() -> None:
    auth = Auth()
    auth.on(h_global)
    auth._handler_cache[("threads", "read")] = h_read
    assert select_handler(auth, "threads", "read") is h_read


def test_auth_instances_do_not_share_state() -> None:
    a, b = Auth(), Auth()
    a.on(h_global)
    assert b._global_handlers == []
    assert a.on is not b.on


def test_is_an_auth_instance_check() -> None:
    # What a server checks before using the object.
    assert isinstance(full_auth(), lg_auth.Auth)
    assert not isinstance(object(), lg_auth.Auth)
