"""`select_handler` and `authorize`: which handler decides, and what its answer means."""

from __future__ import annotations

from typing import Any

import pytest

from lg_auth import Auth, AuthenticatedUser, HTTPException, authorize, select_handler
from lg_auth.types import AuthContext

ALICE = AuthenticatedUser({"identity": "alice", "org": "acme"}, ["threads:write"])


def make_handler(result: Any = None, calls: list[tuple[AuthContext, Any]] | None = None) -> Any:
    async def handler(ctx: AuthContext, value: Any) -> Any:
        if calls is not None:
            calls.append((ctx, value))
        return result

    return handler


# ---- select_handler: most specific wins -------------------------------------------------------


def test_no_handler_registered_selects_nothing() -> None:
    assert select_handler(Auth(), "threads", "read") is None


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        pytest.param(["pair", "resource", "action", "global"], "pair", id="pair-first"),
        pytest.param(["resource", "action", "global"], "resource", id="then-resource"),
        pytest.param(["action", "global"], "action", id="then-action"),
        pytest.param(["global"], "global", id="then-global"),
        pytest.param(["pair"], "pair", id="pair-alone"),
    ],
)
def test_precedence(registered: list[str], expected: str) -> None:
    auth = Auth()
    handlers = {name: make_handler() for name in ("pair", "resource", "action", "global")}
    registrars = {
        "pair": auth.on.threads.read,
        "resource": auth.on.threads,
        "action": auth.on(actions="read"),
        "global": auth.on,
    }
    for name in registered:
        registrars[name](handlers[name])
    assert select_handler(auth, "threads", "read") is handlers[expected]


def test_a_rule_for_another_pair_does_not_apply() -> None:
    auth = Auth()
    auth.on.threads.create(make_handler())
    auth.on(actions="search")(make_handler())
    assert select_handler(auth, "threads", "read") is None
    assert select_handler(auth, "assistants", "create") is None


def test_later_registration_changes_the_answer() -> None:
    auth = Auth()
    general, specific = make_handler(), make_handler()
    auth.on(general)
    assert select_handler(auth, "threads", "read") is general
    auth.on.threads.read(specific)  # clears the cache
    assert select_handler(auth, "threads", "read") is specific


@pytest.mark.parametrize(
    ("resource", "action", "message"),
    [
        ("runs", "create", "Unknown resource 'runs'"),
        ("threads", "put", "Unknown action 'put' for threads"),
        ("assistants", "create_run", "Unknown action 'create_run' for assistants"),
        ("*", "read", "Unknown resource"),
        ("threads", "*", "Unknown action"),
    ],
)
def test_pairs_no_server_dispatches_are_caller_errors(
    resource: str, action: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        select_handler(Auth(), resource, action)


# ---- authorize: results -----------------------------------------------------------------------


async def test_no_handler_allows_without_filter() -> None:
    auth = Auth()
    assert await authorize(auth, user=ALICE, resource="threads", action="read", value={}) is None


@pytest.mark.parametrize("result", [None, True])
async def test_none_or_true_allows_without_filter(result: Any) -> None:
    auth = Auth()
    auth.on(make_handler(result))
    assert await authorize(auth, user=ALICE, resource="threads", action="read", value={}) is None


async def test_false_denies_with_403() -> None:
    auth = Auth()
    auth.on.threads.read(make_handler(False))
    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})
    assert (info.value.status_code, info.value.detail) == (403, "Forbidden")


@pytest.mark.parametrize(
    "filters",
    [
        {"owner": "alice"},
        {"owner": {"$eq": "alice"}},
        {"members": {"$contains": "alice"}},
        {"members": {"$contains": ["alice", "bob"]}},
        {"owner": "alice", "org": {"$eq": "acme"}},
        {"$or": [{"owner": "alice"}, {"public": True}]},
    ],
)
async def test_a_filter_is_returned_as_is(filters: dict[str, Any]) -> None:
    auth = Auth()
    auth.on.threads(make_handler(filters))
    result = await authorize(auth, user=ALICE, resource="threads", action="search", value={})
    assert result == filters


async def test_an_empty_filter_means_no_restriction() -> None:
    auth = Auth()
    auth.on(make_handler({}))
    assert await authorize(auth, user=ALICE, resource="threads", action="read", value={}) is None


@pytest.mark.parametrize(
    "result",
    [
        pytest.param("yes", id="str"),
        pytest.param(1, id="int"),  # not True, even though 1 == True
        pytest.param(0, id="zero"),
        pytest.param(["owner"], id="list"),
        pytest.param(object(), id="object"),
    ],
)
async def test_other_results_are_500(result: Any) -> None:
    auth = Auth()
    auth.on(make_handler(result))
    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})
    assert info.value.status_code == 500
    assert "invalid result" in info.value.detail


@pytest.mark.parametrize(
    "filters",
    [
        pytest.param({"owner": {"$ne": "bob"}}, id="unknown-operator"),
        pytest.param({"owner": {"$eq": "a", "$contains": "b"}}, id="two-operators"),
        pytest.param({"$or": [{"owner": "a"}]}, id="or-of-one"),
    ],
)
async def test_malformed_filters_are_500(filters: dict[str, Any]) -> None:
    auth = Auth()
    auth.on(make_handler(filters))
    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="search", value={})
    assert info.value.status_code == 500
    assert "invalid filter" in info.value.detail


# ---- authorize: what the handler receives, and what it may change ----------------------------


async def test_handler_receives_context_and_the_value_itself() -> None:
    calls: list[tuple[AuthContext, Any]] = []
    auth = Auth()
    auth.on.threads.create(make_handler(None, calls))
    value = {"metadata": {}}
    await authorize(auth, user=ALICE, resource="threads", action="create", value=value)
    ((ctx, seen),) = calls
    assert seen is value
    assert isinstance(ctx, AuthContext)
    assert (ctx.resource, ctx.action) == ("threads", "create")
    assert ctx.user is ALICE
    assert ctx.permissions == ["threads:write"]


async def test_permissions_can_be_overridden() -> None:
    calls: list[tuple[AuthContext, Any]] = []
    auth = Auth()
    auth.on(make_handler(None, calls))
    await authorize(
        auth, user=ALICE, resource="store", action="get", value={}, permissions=("admin",)
    )
    assert calls[0][0].permissions == ["admin"]


async def test_mutations_made_by_the_handler_reach_the_caller() -> None:
    auth = Auth()

    @auth.on.threads.create
    async def stamp(ctx: AuthContext, value: Any) -> None:
        value.setdefault("metadata", {})["owner"] = ctx.user.identity

    @auth.on.store.put
    async def scope(ctx: AuthContext, value: Any) -> None:
        value["namespace"] = (ctx.user.identity, *value["namespace"])

    thread: dict[str, Any] = {"thread_id": "t1"}
    await authorize(auth, user=ALICE, resource="threads", action="create", value=thread)
    assert thread == {"thread_id": "t1", "metadata": {"owner": "alice"}}

    item: dict[str, Any] = {"namespace": ("notes",), "key": "k", "value": {}, "index": None}
    await authorize(auth, user=ALICE, resource="store", action="put", value=item)
    assert item["namespace"] == ("alice", "notes")


async def test_a_handler_may_both_mutate_and_filter() -> None:
    auth = Auth()

    @auth.on.threads.create
    async def stamp(ctx: AuthContext, value: Any) -> dict[str, str]:
        value.setdefault("metadata", {})["owner"] = ctx.user.identity
        return {"owner": ctx.user.identity}

    value: dict[str, Any] = {}
    result = await authorize(auth, user=ALICE, resource="threads", action="create", value=value)
    assert result == {"owner": "alice"}
    assert value["metadata"]["owner"] == "alice"


async def test_user_fields_are_readable_in_handlers() -> None:
    auth = Auth()

    @auth.on
    async def by_org(ctx: AuthContext, value: Any) -> dict[str, str]:
        return {"org": ctx.user["org"], "org_attr": getattr(ctx.user, "org")}  # noqa: B009

    result = await authorize(auth, user=ALICE, resource="crons", action="search", value={})
    assert result == {"org": "acme", "org_attr": "acme"}


# ---- authorize: exceptions --------------------------------------------------------------------


async def test_http_exception_passes_through_unchanged() -> None:
    auth = Auth()
    raised = HTTPException(404, "No such thread", {"x-reason": "hidden"})

    @auth.on.threads.read
    async def hide(ctx: AuthContext, value: Any) -> None:
        raise raised

    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})
    assert info.value is raised
    assert info.value.headers == {"x-reason": "hidden"}


async def test_failed_assert_is_403_with_its_message() -> None:
    auth = Auth()

    @auth.on.store
    async def own(ctx: AuthContext, value: Any) -> None:
        # What `assert cond, "Not your namespace"` raises; spelled out because pytest rewrites
        # asserts in test modules and would add its own explanation to the message.
        if value["namespace"][0] != ctx.user.identity:
            raise AssertionError("Not your namespace")

    with pytest.raises(HTTPException) as info:
        await authorize(
            auth, user=ALICE, resource="store", action="get", value={"namespace": ("bob",)}
        )
    assert (info.value.status_code, info.value.detail) == (403, "Not your namespace")
    assert isinstance(info.value.__cause__, AssertionError)


async def test_bare_assert_is_403_forbidden() -> None:
    auth = Auth()

    @auth.on
    async def deny(ctx: AuthContext, value: Any) -> None:
        raise AssertionError  # a bare `assert False`, unrewritten by pytest

    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})
    assert (info.value.status_code, info.value.detail) == (403, "Forbidden")


async def test_other_exceptions_are_500_with_the_cause_kept() -> None:
    auth = Auth()

    @auth.on
    async def broken(ctx: AuthContext, value: Any) -> None:
        raise KeyError("metadata")

    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})
    assert (info.value.status_code, info.value.detail) == (500, "Internal Server Error")
    assert isinstance(info.value.__cause__, KeyError)


class FrameworkHTTPError(Exception):
    """Stands in for starlette/fastapi HTTPException: same attribute names."""

    def __init__(self, status_code: int, detail: Any = None, headers: Any = None) -> None:
        self.status_code, self.detail, self.headers = status_code, detail, headers


async def test_other_frameworks_http_errors_keep_their_status() -> None:
    auth = Auth()

    @auth.on
    async def limited(ctx: AuthContext, value: Any) -> None:
        raise FrameworkHTTPError(429, "Slow down", {"retry-after": "1"})

    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})
    assert (info.value.status_code, info.value.detail) == (429, "Slow down")
    assert info.value.headers == {"retry-after": "1"}


async def test_status_code_outside_errors_is_not_trusted() -> None:
    auth = Auth()

    @auth.on
    async def odd(ctx: AuthContext, value: Any) -> None:
        raise FrameworkHTTPError(200, "fine?")

    with pytest.raises(HTTPException) as info:
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})
    assert info.value.status_code == 500


async def test_base_exceptions_are_not_swallowed() -> None:
    import asyncio

    auth = Auth()

    @auth.on
    async def cancelled(ctx: AuthContext, value: Any) -> None:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await authorize(auth, user=ALICE, resource="threads", action="read", value={})


async def test_unknown_pair_raises_value_error_before_any_handler_runs() -> None:
    calls: list[tuple[AuthContext, Any]] = []
    auth = Auth()
    auth.on(make_handler(None, calls))
    with pytest.raises(ValueError, match="Unknown action"):
        await authorize(auth, user=ALICE, resource="threads", action="put", value={})
    assert calls == []
