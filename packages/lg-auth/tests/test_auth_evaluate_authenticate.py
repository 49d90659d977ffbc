"""`authenticate`: request parts by parameter name, results turned into users, failures mapped."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from lg_auth import Auth, AuthenticatedUser, HTTPException, RequestParts, authenticate
from lg_auth.types import BaseUser, StudioUser


def auth_with(fn: Any) -> Auth:
    auth = Auth()
    auth.authenticate(fn)
    return auth


# ---- Request parts ----------------------------------------------------------------------------


async def test_each_part_is_given_in_the_servers_shape() -> None:
    seen: dict[str, Any] = {}

    async def handler(
        authorization: str | None,
        headers: dict[bytes, bytes],
        method: str,
        path: str,
        path_params: dict[str, str],
        query_params: dict[str, str],
        body: Any,
    ) -> str:
        seen.update(locals())
        return "alice"

    request = RequestParts(
        method="post",
        path="/threads/t1/runs",
        headers={"Authorization": "Bearer tok", "X-Tenant": "acme"},
        path_params={"thread_id": "t1"},
        query_params={"stream": "true"},
        body={"input": {}},
    )
    await authenticate(auth_with(handler), request)
    assert seen["authorization"] == "Bearer tok"
    assert seen["headers"] == {b"authorization": b"Bearer tok", b"x-tenant": b"acme"}
    assert seen["method"] == "POST"
    assert seen["path"] == "/threads/t1/runs"
    assert seen["path_params"] == {"thread_id": "t1"}
    assert seen["query_params"] == {"stream": "true"}
    assert seen["body"] == {"input": {}}


async def test_handler_gets_only_what_it_names() -> None:
    seen: dict[str, Any] = {}

    async def handler(path: str) -> str:
        seen["path"] = path
        return "alice"

    await authenticate(auth_with(handler), RequestParts(path="/ok/"))
    assert seen == {"path": "/ok/"}


async def test_missing_authorization_is_none() -> None:
    async def handler(authorization: str | None) -> str:
        assert authorization is None
        return "anonymous"

    user = await authenticate(auth_with(handler), RequestParts())
    assert user.identity == "anonymous"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({b"Authorization": b"Bearer t"}, id="bytes-mapping"),
        pytest.param([("authorization", "Bearer t")], id="str-pairs"),
        pytest.param([(b"AUTHORIZATION", b"Bearer t")], id="bytes-pairs"),
    ],
)
async def test_header_forms_are_normalized(headers: Any) -> None:
    async def handler(authorization: str | None, headers: dict[bytes, bytes]) -> str:
        assert authorization == "Bearer t"
        assert headers == {b"authorization": b"Bearer t"}
        return "alice"

    await authenticate(auth_with(handler), RequestParts(headers=headers))


async def test_a_query_string_is_parsed() -> None:
    async def handler(query_params: dict[str, str]) -> str:
        assert query_params == {"api_key": "k", "empty": ""}
        return "alice"

    await authenticate(auth_with(handler), RequestParts(query_params="?api_key=k&empty="))


async def test_a_query_mapping_is_passed_as_given() -> None:
    given = {"a": "1"}

    async def handler(query_params: Any) -> str:
        assert query_params is given
        return "alice"

    await authenticate(auth_with(handler), RequestParts(query_params=given))


async def test_extra_parts_are_offered_by_name() -> None:
    marker = object()

    async def handler(request: Any, scopes: list[str]) -> str:
        assert request is marker
        assert scopes == ["s"]
        return "alice"

    await authenticate(auth_with(handler), RequestParts(extra={"request": marker, "scopes": ["s"]}))


async def test_parameters_with_defaults_may_be_left_out() -> None:
    async def handler(authorization: str | None, tenant: str = "default", **rest: Any) -> str:
        assert tenant == "default"
        assert rest == {}
        return "alice"

    await authenticate(auth_with(handler), RequestParts())


async def test_asking_for_a_part_nobody_provides_is_500() -> None:
    async def handler(request: Any) -> str:
        return "alice"

    with pytest.raises(HTTPException) as info:
        await authenticate(auth_with(handler), RequestParts())
    assert info.value.status_code == 500
    assert "asks for 'request'" in info.value.detail


async def test_a_plain_function_runs_off_the_event_loop() -> None:
    threads: list[str] = []

    def handler(authorization: str | None) -> str:
        threads.append(threading.current_thread().name)
        return "alice"

    user = await authenticate(auth_with(handler), RequestParts())
    assert user.identity == "alice"
    assert threads != [threading.current_thread().name]


async def test_an_async_callable_object_is_awaited() -> None:
    class Verifier:
        async def __call__(self, authorization: str | None) -> str:
            return "alice"

    user = await authenticate(auth_with(Verifier()), RequestParts())
    assert user.identity == "alice"


async def test_no_authenticate_handler_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="no authenticate handler"):
        await authenticate(Auth(), RequestParts())


# ---- Results ----------------------------------------------------------------------------------


def returning(result: Any) -> Auth:
    async def handler() -> Any:
        return result

    return auth_with(handler)


class ObjectUser:
    def __init__(self, identity: str, **fields: Any) -> None:
        self.identity = identity
        for name, value in fields.items():
            setattr(self, name, value)


@pytest.mark.parametrize(
    ("result", "identity", "display_name", "is_authenticated", "permissions"),
    [
        pytest.param("alice", "alice", "alice", True, [], id="string"),
        pytest.param({"identity": "alice"}, "alice", "alice", True, [], id="minimal-dict"),
        pytest.param(
            {
                "identity": "alice",
                "display_name": "Alice",
                "is_authenticated": False,
                "permissions": ["read"],
            },
            "alice",
            "Alice",
            False,
            ["read"],
            id="full-dict",
        ),
        pytest.param(ObjectUser("bob"), "bob", "bob", True, [], id="object"),
        pytest.param(
            ObjectUser("bob", permissions=("a", "b"), display_name="Bob"),
            "bob",
            "Bob",
            True,
            ["a", "b"],
            id="object-with-permissions",
        ),
        pytest.param((["p1"], "carol"), "carol", "carol", True, ["p1"], id="pair-with-string"),
        pytest.param(
            (["p1"], {"identity": "carol", "permissions": ["ignored"]}),
            "carol",
            "carol",
            True,
            ["p1"],
            id="pair-permissions-win",
        ),
        pytest.param(
            StudioUser("studio", is_authenticated=True),
            "studio",
            "studio",
            True,
            ["authenticated"],
            id="studio-user",
        ),
        pytest.param({"identity": "x", "permissions": None}, "x", "x", True, [], id="none-perms"),
    ],
)
async def test_results_become_users(
    result: Any, identity: str, display_name: str, is_authenticated: bool, permissions: list[str]
) -> None:
    user = await authenticate(returning(result), RequestParts())
    assert isinstance(user, AuthenticatedUser)
    assert isinstance(user, BaseUser)
    assert user.identity == identity
    assert user.display_name == display_name
    assert user.is_authenticated is is_authenticated
    assert list(user.permissions) == permissions


async def test_user_fields_read_as_items_and_attributes() -> None:
    user = await authenticate(returning({"identity": "alice", "org": "acme"}), RequestParts())
    assert user["org"] == user.org == user.get("org") == "acme"
    assert user["identity"] == "alice"
    assert "org" in user
    assert "missing" not in user
    assert user.get("missing", 1) == 1
    assert set(user) == {"identity", "org", "display_name", "is_authenticated", "permissions"}
    assert user.dict()["permissions"] == []
    with pytest.raises(AttributeError, match="no field 'missing'"):
        _ = user.missing
    with pytest.raises(KeyError):
        _ = user["missing"]


async def test_object_user_fields_come_from_model_dump() -> None:
    class Model:
        identity = "alice"

        def model_dump(self) -> dict[str, Any]:
            return {"identity": "alice", "tier": "gold"}

    user = await authenticate(returning(Model()), RequestParts())
    assert user["tier"] == "gold"
    assert user.unwrapped.__class__ is Model


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(None, id="none"),
        pytest.param({"name": "alice"}, id="dict-without-identity"),
        pytest.param({"identity": 42}, id="non-string-identity"),
        pytest.param(object(), id="object-without-identity"),
        pytest.param(("a", "b", "c"), id="tuple-of-three"),
        pytest.param(({"p"}, "alice", "extra"), id="long-tuple"),
        pytest.param({"identity": "a", "permissions": "admin"}, id="permissions-string"),
        pytest.param(42, id="int"),
    ],
)
async def test_unusable_results_are_500(result: Any) -> None:
    with pytest.raises(HTTPException) as info:
        await authenticate(returning(result), RequestParts())
    assert info.value.status_code == 500


# ---- Failures ---------------------------------------------------------------------------------


def raising(exc: BaseException) -> Auth:
    async def handler() -> Any:
        raise exc

    return auth_with(handler)


@pytest.mark.parametrize("status", [401, 403, 429, 503])
async def test_http_exception_passes_through(status: int) -> None:
    raised = HTTPException(status, "no", {"WWW-Authenticate": "Bearer"})
    with pytest.raises(HTTPException) as info:
        await authenticate(raising(raised), RequestParts())
    assert info.value is raised


async def test_default_http_exception_is_401_unauthorized() -> None:
    with pytest.raises(HTTPException) as info:
        await authenticate(raising(HTTPException()), RequestParts())
    assert (info.value.status_code, info.value.detail) == (401, "Unauthorized")


async def test_other_exceptions_are_500() -> None:
    with pytest.raises(HTTPException) as info:
        await authenticate(raising(RuntimeError("db down")), RequestParts())
    assert (info.value.status_code, info.value.detail) == (500, "Internal Server Error")
    assert isinstance(info.value.__cause__, RuntimeError)


async def test_assertion_in_authenticate_is_500_as_on_servers() -> None:
    with pytest.raises(HTTPException) as info:
        await authenticate(raising(AssertionError("bad")), RequestParts())
    assert info.value.status_code == 500


async def test_framework_http_errors_keep_their_status() -> None:
    class Unauthorized(Exception):
        status_code = 401
        detail = "token expired"

    with pytest.raises(HTTPException) as info:
        await authenticate(raising(Unauthorized()), RequestParts())
    assert (info.value.status_code, info.value.detail) == (401, "token expired")


async def test_errors_from_a_plain_function_are_mapped_too() -> None:
    def handler() -> str:
        raise HTTPException(403, "blocked")

    with pytest.raises(HTTPException) as info:
        await authenticate(auth_with(handler), RequestParts())
    assert (info.value.status_code, info.value.detail) == (403, "blocked")
