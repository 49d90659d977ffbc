"""Registration: every decorator shape, the attributes it fills, and the errors it raises.

The expected `_handlers` / `_global_handlers` contents were observed on the official
langgraph-sdk 0.4.14 `Auth` for the same registrations (a one-off comparison, hard-coded here).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from lg_auth import Auth


async def handler(ctx: Any, value: Any) -> None:
    return None


def _contents(auth: Auth) -> tuple[dict[tuple[str, str], list[Any]], list[Any]]:
    return auth._handlers, auth._global_handlers


# (description, how to get the decorator, expected _handlers keys, expected global handler count)
SHAPES: list[tuple[str, Callable[[Auth], Any], list[tuple[str, str]], int]] = [
    ("@auth.on", lambda a: a.on, [], 1),
    ("@auth.on()", lambda a: a.on(), [], 1),
    ("@auth.on(resources='*', actions='*')", lambda a: a.on(resources="*", actions="*"), [], 1),
    (
        "@auth.on(resources=['*'], actions=['*'])",
        lambda a: a.on(resources=["*"], actions=["*"]),
        [],
        1,
    ),
    ("@auth.on.threads", lambda a: a.on.threads, [("threads", "*")], 0),
    ("@auth.on.threads()", lambda a: a.on.threads(), [("threads", "*")], 0),
    (
        "@auth.on.threads(resources='threads')",
        lambda a: a.on.threads(resources="threads"),
        [("threads", "*")],
        0,
    ),
    ("@auth.on.threads.create", lambda a: a.on.threads.create, [("threads", "create")], 0),
    (
        "@auth.on.threads.create_run",
        lambda a: a.on.threads.create_run,
        [("threads", "create_run")],
        0,
    ),
    ("@auth.on.threads.read", lambda a: a.on.threads.read, [("threads", "read")], 0),
    ("@auth.on.threads.update", lambda a: a.on.threads.update, [("threads", "update")], 0),
    ("@auth.on.threads.delete", lambda a: a.on.threads.delete, [("threads", "delete")], 0),
    ("@auth.on.threads.search", lambda a: a.on.threads.search, [("threads", "search")], 0),
    (
        "@auth.on.threads(actions=['create', 'read'])",
        lambda a: a.on.threads(actions=["create", "read"]),
        [("threads", "create"), ("threads", "read")],
        0,
    ),
    (
        "@auth.on.threads(actions='create_run')",
        lambda a: a.on.threads(actions="create_run"),
        [("threads", "create_run")],
        0,
    ),
    ("@auth.on.assistants", lambda a: a.on.assistants, [("assistants", "*")], 0),
    (
        "@auth.on.assistants.search",
        lambda a: a.on.assistants.search,
        [("assistants", "search")],
        0,
    ),
    ("@auth.on.crons", lambda a: a.on.crons, [("crons", "*")], 0),
    ("@auth.on.crons.delete", lambda a: a.on.crons.delete, [("crons", "delete")], 0),
    ("@auth.on.store", lambda a: a.on.store, [("store", "*")], 0),
    ("@auth.on.store()", lambda a: a.on.store(), [("store", "*")], 0),
    ("@auth.on.store.put", lambda a: a.on.store.put, [("store", "put")], 0),
    ("@auth.on.store.get", lambda a: a.on.store.get, [("store", "get")], 0),
    ("@auth.on.store.search", lambda a: a.on.store.search, [("store", "search")], 0),
    ("@auth.on.store.delete", lambda a: a.on.store.delete, [("store", "delete")], 0),
    (
        "@auth.on.store.list_namespaces",
        lambda a: a.on.store.list_namespaces,
        [("store", "list_namespaces")],
        0,
    ),
    ("@auth.on.store(actions='put')", lambda a: a.on.store(actions="put"), [("store", "put")], 0),
    (
        "@auth.on.store(actions=['get', 'put'])",
        lambda a: a.on.store(actions=["get", "put"]),
        [("store", "get"), ("store", "put")],
        0,
    ),
    ("@auth.on(resources='threads')", lambda a: a.on(resources="threads"), [("threads", "*")], 0),
    ("@auth.on(actions='read')", lambda a: a.on(actions="read"), [("*", "read")], 0),
    (
        "@auth.on(resources=['threads', 'assistants'], actions=['read', 'search'])",
        lambda a: a.on(resources=["threads", "assistants"], actions=["read", "search"]),
        [
            ("threads", "read"),
            ("threads", "search"),
            ("assistants", "read"),
            ("assistants", "search"),
        ],
        0,
    ),
    (
        "@auth.on(resources={'threads'}, actions=frozenset({'read'}))",
        lambda a: a.on(resources={"threads"}, actions=frozenset({"read"})),
        [("threads", "read")],
        0,
    ),
    (
        "@auth.on(resources=('store',), actions=('list_namespaces',))",
        lambda a: a.on(resources=("store",), actions=("list_namespaces",)),
        [("store", "list_namespaces")],
        0,
    ),
]


@pytest.mark.parametrize(
    ("decorator", "keys", "n_global"),
    [pytest.param(get, keys, n, id=name) for name, get, keys, n in SHAPES],
)
def test_decorator_shapes_fill_the_server_attributes(
    decorator: Callable[[Auth], Any], keys: list[tuple[str, str]], n_global: int
) -> None:
    auth = Auth()
    returned = decorator(auth)(handler)
    assert returned is handler  # decorators hand back the function itself
    assert auth._handlers == {key: [handler] for key in keys}
    assert list(auth._handlers) == keys  # registration order, as the official SDK keeps it
    assert all(type(v) is list for v in auth._handlers.values())
    assert auth._global_handlers == [handler] * n_global
    assert auth._authenticate_handler is None
    assert auth._handler_cache == {}


def test_new_auth_is_empty() -> None:
    auth = Auth()
    assert auth._handlers == {}
    assert auth._global_handlers == []
    assert auth._authenticate_handler is None
    assert auth._handler_cache == {}


def test_authenticate_registers_and_returns_the_function() -> None:
    auth = Auth()

    async def get_user(authorization: str | None) -> str:
        return "alice"

    assert auth.authenticate(get_user) is get_user
    assert auth._authenticate_handler is get_user
    assert (auth._handlers, auth._global_handlers, auth._handler_cache) == ({}, [], {})


def test_authenticate_accepts_a_plain_function_as_servers_do() -> None:
    auth = Auth()

    def get_user(authorization: str | None) -> str:
        return "alice"

    auth.authenticate(get_user)
    assert auth._authenticate_handler is get_user


def test_authenticate_is_writable_for_servers_that_wrap_it() -> None:
    auth = Auth()

    async def wrapped(**kwargs: Any) -> str:
        return "x"

    auth._authenticate_handler = wrapped
    assert auth._authenticate_handler is wrapped


def test_second_authenticate_handler_fails() -> None:
    auth = Auth()

    @auth.authenticate
    async def first(authorization: str | None) -> str:
        return "a"

    with pytest.raises(ValueError, match="authenticate handler is already set"):

        @auth.authenticate
        async def second(authorization: str | None) -> str:
            return "b"

    assert auth._authenticate_handler is first


def test_authenticate_needs_a_callable() -> None:
    with pytest.raises(TypeError, match="needs a function"):
        Auth().authenticate("not a function")  # type: ignore[type-var]


def test_one_function_may_be_stacked_under_several_decorators() -> None:
    auth = Auth()
    auth.on.assistants.read(handler)
    auth.on.assistants.search(handler)
    assert auth._handlers == {
        ("assistants", "read"): [handler],
        ("assistants", "search"): [handler],
    }


def test_distinct_pairs_coexist() -> None:
    auth = Auth()

    async def h1(ctx: Any, value: Any) -> None: ...
    async def h2(ctx: Any, value: Any) -> None: ...
    async def h3(ctx: Any, value: Any) -> None: ...
    async def h4(ctx: Any, value: Any) -> None: ...

    auth.on(h1)
    auth.on.threads(h2)
    auth.on.threads.create(h3)
    auth.on(actions="read")(h4)
    assert auth._global_handlers == [h1]
    assert auth._handlers == {
        ("threads", "*"): [h2],
        ("threads", "create"): [h3],
        ("*", "read"): [h4],
    }


# ---- Errors: each fails at registration, and leaves the Auth unchanged ---------------------


def _other() -> Any:
    async def other(ctx: Any, value: Any) -> None: ...

    return other


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        pytest.param(lambda a: a.on, lambda a: a.on, "global handler is already", id="global"),
        pytest.param(
            lambda a: a.on,
            lambda a: a.on(resources="*", actions="*"),
            "global handler is already",
            id="global-via-wildcards",
        ),
        pytest.param(
            lambda a: a.on.threads.create,
            lambda a: a.on.threads.create,
            r"already set for threads\.create",
            id="pair",
        ),
        pytest.param(
            lambda a: a.on.threads,
            lambda a: a.on(resources="threads"),
            r"already set for threads\.\*",
            id="resource-two-ways",
        ),
        pytest.param(
            lambda a: a.on.store.put,
            lambda a: a.on.store(actions=["get", "put"]),
            r"already set for store\.put",
            id="store-partial-overlap",
        ),
        pytest.param(
            lambda a: a.on.threads.read,
            lambda a: a.on(resources="threads", actions=["create", "read"]),
            r"already set for threads\.read",
            id="on-partial-overlap",
        ),
        pytest.param(
            lambda a: a.on.threads.read,
            lambda a: a.on.threads(actions=["create", "read"]),
            r"already set for threads\.read",
            id="resource-partial-overlap",
        ),
    ],
)
def test_duplicates_fail_atomically(
    first: Callable[[Auth], Any], second: Callable[[Auth], Any], message: str
) -> None:
    auth = Auth()
    first(auth)(handler)
    before = ({k: list(v) for k, v in auth._handlers.items()}, list(auth._global_handlers))
    with pytest.raises(ValueError, match=message):
        second(auth)(_other())
    # Nothing from the failed call was registered, not even its non-conflicting pairs.
    assert (auth._handlers, auth._global_handlers) == before


@pytest.mark.parametrize(
    ("register", "message"),
    [
        pytest.param(
            lambda a: a.on(resources="bogus"), "Unknown auth resource 'bogus'", id="bogus"
        ),
        pytest.param(
            lambda a: a.on(resources="runs"),
            "threads.create_run",  # the error points to where runs are authorized
            id="runs",
        ),
        pytest.param(
            lambda a: a.on(resources="threads", actions="bogus"),
            "Unknown action 'bogus' for threads",
            id="threads-bogus-action",
        ),
        pytest.param(
            lambda a: a.on(resources=["threads", "assistants"], actions="create_run"),
            "Unknown action 'create_run' for assistants",
            id="action-of-another-resource",
        ),
        pytest.param(
            lambda a: a.on(actions="bogus"), "Unknown auth action 'bogus'", id="wildcard-resource"
        ),
        pytest.param(
            lambda a: a.on.assistants(actions="create_run"),
            "Unknown action 'create_run' for assistants",
            id="resource-decorator",
        ),
        pytest.param(
            lambda a: a.on.store(actions="bogus"),
            "Unknown action 'bogus' for store",
            id="store",
        ),
        pytest.param(
            lambda a: a.on.store(actions="read"), "Unknown action 'read' for store", id="store-read"
        ),
        pytest.param(
            lambda a: a.on(resources="store", actions="create"),
            "Unknown action 'create' for store",
            id="store-create",
        ),
        pytest.param(
            lambda a: a.on.threads(resources="assistants"),
            r"registers handlers for threads only.*Use @auth\.on\(",
            id="resource-decorator-other-resource",
        ),
        pytest.param(
            lambda a: a.on.threads(resources=["threads", "assistants"]),
            "registers handlers for threads only",
            id="resource-decorator-extra-resource",
        ),
        pytest.param(
            lambda a: a.on.threads(resources=[]),
            "registers handlers for threads only",
            id="resource-decorator-no-resource",
        ),
        pytest.param(
            lambda a: a.on.threads(resources=[1]),
            "registers handlers for threads only",
            id="resource-decorator-non-string-resource",
        ),
        pytest.param(
            lambda a: a.on.threads(resources="*"),
            "registers handlers for threads only",
            id="resource-decorator-wildcard-resource",
        ),
        pytest.param(lambda a: a.on(actions=[]), "must not be empty", id="empty-actions"),
        pytest.param(lambda a: a.on(resources=[]), "must not be empty", id="empty-resources"),
        pytest.param(lambda a: a.on.threads(actions=[]), "must not be empty", id="threads-empty"),
        pytest.param(lambda a: a.on.store(actions=[]), "must not be empty", id="store-empty"),
        pytest.param(
            lambda a: a.on.threads(actions=["read", "read"]), "must not repeat", id="repeated"
        ),
        pytest.param(
            lambda a: a.on(resources=["threads", "threads"]), "must not repeat", id="repeated-res"
        ),
    ],
)
def test_unknown_or_malformed_names_fail(register: Callable[[Auth], Any], message: str) -> None:
    auth = Auth()
    with pytest.raises(ValueError, match=message):
        register(auth)(handler)
    assert (auth._handlers, auth._global_handlers) == ({}, [])


@pytest.mark.parametrize(
    "register",
    [
        pytest.param(lambda a: a.on(resources=[1]), id="int-resource"),
        pytest.param(lambda a: a.on(actions=42), id="int-actions"),
        pytest.param(lambda a: a.on.store(actions=[None]), id="none-action"),
        pytest.param(lambda a: a.on(resources={"threads": "x"}), id="mapping"),
    ],
)
def test_non_string_names_fail_with_type_error(register: Callable[[Auth], Any]) -> None:
    with pytest.raises(TypeError, match="must be a string or a sequence of strings"):
        register(Auth())(handler)


def sync_handler(ctx: Any, value: Any) -> None:
    return None


async def no_ctx(value: Any) -> None: ...


async def no_value(ctx: Any) -> None: ...


async def only_kwargs(**kwargs: Any) -> None: ...


async def positional_only(ctx: Any, value: Any, /) -> None: ...


async def extra_required(ctx: Any, value: Any, tenant: str) -> None: ...


@pytest.mark.parametrize(
    ("fn", "message"),
    [
        pytest.param(sync_handler, "'sync_handler' must be an async function", id="sync"),
        pytest.param(lambda ctx, value: None, "must be an async function", id="lambda"),
        pytest.param(no_ctx, "must take a 'ctx' parameter", id="no-ctx"),
        pytest.param(no_value, "must take a 'value' parameter", id="no-value"),
        pytest.param(only_kwargs, "must take a 'ctx' parameter", id="kwargs-only"),
        pytest.param(positional_only, "passed by keyword", id="positional-only"),
        pytest.param(extra_required, r"required parameters \['tenant'\]", id="extra-required"),
    ],
)
@pytest.mark.parametrize(
    "decorator",
    [
        pytest.param(lambda a: a.on, id="on"),
        pytest.param(lambda a: a.on(resources="threads"), id="on(...)"),
        pytest.param(lambda a: a.on.threads, id="on.threads"),
        pytest.param(lambda a: a.on.threads(actions="read"), id="on.threads(...)"),
        pytest.param(lambda a: a.on.threads.create, id="on.threads.create"),
        pytest.param(lambda a: a.on.store, id="on.store"),
        pytest.param(lambda a: a.on.store(actions="put"), id="on.store(...)"),
        pytest.param(lambda a: a.on.store.put, id="on.store.put"),
    ],
)
def test_handlers_a_server_cannot_call_fail(
    decorator: Callable[[Auth], Any], fn: Any, message: str
) -> None:
    auth = Auth()
    with pytest.raises(ValueError, match=message):
        decorator(auth)(fn)
    assert (auth._handlers, auth._global_handlers) == ({}, [])


async def with_optional_extra(ctx: Any, value: Any, tenant: str = "default") -> None: ...


async def keyword_only(*, ctx: Any, value: Any) -> None: ...


@pytest.mark.parametrize("fn", [with_optional_extra, keyword_only])
def test_handler_signatures_a_server_can_call_are_accepted(fn: Any) -> None:
    auth = Auth()
    auth.on.threads.read(fn)
    assert auth._handlers == {("threads", "read"): [fn]}


def test_registering_clears_the_handler_cache() -> None:
    # A new handler can change what any pair resolves to, so remembered answers go.
    auth = Auth()
    auth.on(handler)
    auth._handler_cache[("threads", "read")] = handler
    auth.on.threads.read(_other())
    assert auth._handler_cache == {}


def test_failed_registration_keeps_the_cache() -> None:
    auth = Auth()
    auth.on(handler)
    auth._handler_cache[("threads", "read")] = handler
    with pytest.raises(ValueError, match="global handler is already"):
        auth.on(_other())
    assert auth._handler_cache == {("threads", "read"): handler}
