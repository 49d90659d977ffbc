"""`lg_auth.types` and `lg_auth.exceptions`: names, fields and behaviour of the public shapes.

Required/optional keys were observed on the official langgraph-sdk 0.4.14 and hard-coded.
"""

from __future__ import annotations

import dataclasses
import pickle
import typing
from typing import Any

import pytest

from lg_auth import AuthenticatedUser, is_studio_user
from lg_auth import types as t
from lg_auth.exceptions import HTTPException

TYPED_DICT_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "AssistantsCreate": (
        set(),
        {"assistant_id", "config", "context", "graph_id", "if_exists", "metadata", "name"},
    ),
    "AssistantsDelete": ({"assistant_id"}, set()),
    "AssistantsRead": (set(), {"assistant_id", "metadata"}),
    "AssistantsSearch": ({"graph_id", "limit", "metadata", "offset"}, set()),
    "AssistantsUpdate": (
        set(),
        {"assistant_id", "config", "context", "graph_id", "metadata", "name", "version"},
    ),
    "CronsCreate": (set(), {"cron_id", "end_time", "payload", "schedule", "thread_id", "user_id"}),
    "CronsDelete": ({"cron_id"}, set()),
    "CronsRead": ({"cron_id"}, set()),
    "CronsSearch": (set(), {"assistant_id", "limit", "offset", "thread_id"}),
    "CronsUpdate": (set(), {"cron_id", "payload", "schedule"}),
    # Deliberate: `identity` is required at runtime too (the official SDK declares it Required
    # only statically, inside a string annotation that runtime introspection cannot see).
    "MinimalUserDict": ({"identity"}, {"display_name", "is_authenticated", "permissions"}),
    "RunsCreate": (
        set(),
        {
            "action",
            "after_seconds",
            "assistant_id",
            "if_not_exists",
            "kwargs",
            "metadata",
            "multitask_strategy",
            "prevent_insert_if_inflight",
            "run_id",
            "status",
            "thread_id",
        },
    ),
    "StoreDelete": ({"key", "namespace"}, set()),
    "StoreGet": ({"key", "namespace"}, set()),
    "StoreListNamespaces": ({"limit", "max_depth", "namespace", "offset", "suffix"}, set()),
    "StorePut": ({"index", "key", "namespace", "value"}, set()),
    "StoreSearch": ({"filter", "limit", "namespace", "offset", "query"}, set()),
    "ThreadTTL": (set(), {"strategy", "ttl"}),
    "ThreadsCreate": (set(), {"if_exists", "metadata", "thread_id", "ttl"}),
    "ThreadsDelete": (set(), {"run_id", "thread_id"}),
    "ThreadsRead": (set(), {"run_id", "thread_id"}),
    "ThreadsSearch": (
        set(),
        {"ids", "limit", "metadata", "offset", "status", "thread_id", "values"},
    ),
    "ThreadsUpdate": (set(), {"action", "metadata", "thread_id"}),
}


@pytest.mark.parametrize("name", sorted(TYPED_DICT_KEYS))
def test_typed_dict_keys(name: str) -> None:
    cls = getattr(t, name)
    assert typing.is_typeddict(cls)
    required, optional = TYPED_DICT_KEYS[name]
    assert set(cls.__required_keys__) == required
    assert set(cls.__optional_keys__) == optional
    # Annotations resolve at runtime (UUID, datetime, ... are really imported).
    assert set(typing.get_type_hints(cls)) == required | optional


def test_every_typed_dict_is_covered() -> None:
    found = {
        name
        for name, value in vars(t).items()
        if isinstance(value, type) and typing.is_typeddict(value) and not name.startswith("_")
    }
    assert found == set(TYPED_DICT_KEYS)


def test_module_all_matches_the_official_list() -> None:
    assert t.__all__ == [
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


def test_literals() -> None:
    assert typing.get_args(t.RunStatus) == ("pending", "error", "success", "timeout", "interrupted")
    assert typing.get_args(t.MultitaskStrategy) == ("reject", "rollback", "interrupt", "enqueue")
    assert typing.get_args(t.OnConflictBehavior) == ("raise", "do_nothing")
    assert typing.get_args(t.IfNotExists) == ("create", "reject")
    assert typing.get_args(t.ThreadStatus) == ("idle", "busy", "interrupted", "error")
    hints = typing.get_type_hints(t.AuthContext)
    assert typing.get_args(hints["resource"]) == ("runs", "threads", "crons", "assistants", "store")
    assert set(typing.get_args(hints["action"])) == {
        "create",
        "read",
        "update",
        "delete",
        "search",
        "create_run",
        "put",
        "get",
        "list_namespaces",
    }


def test_on_value_annotations() -> None:
    assert t.on.value == dict[str, Any]
    assert t.on.threads.create.value is t.ThreadsCreate
    assert t.on.threads.create_run.value is t.RunsCreate
    assert t.on.assistants.search.value is t.AssistantsSearch
    assert t.on.crons.update.value is t.CronsUpdate
    assert t.on.store.list_namespaces.value is t.StoreListNamespaces
    assert set(typing.get_args(t.on.store.value)) == {
        t.StoreGet,
        t.StoreSearch,
        t.StoreListNamespaces,
        t.StorePut,
        t.StoreDelete,
    }


def test_auth_context_is_a_slotted_dataclass() -> None:
    user = AuthenticatedUser({"identity": "a"})
    ctx = t.AuthContext(permissions=["p"], user=user, resource="threads", action="read")
    assert dataclasses.is_dataclass(ctx)
    assert [f.name for f in dataclasses.fields(ctx)] == [
        "permissions",
        "user",
        "resource",
        "action",
    ]
    assert isinstance(ctx, t.BaseAuthContext)
    assert not hasattr(ctx, "__dict__")
    assert ctx == t.AuthContext(["p"], user, "threads", "read")


def test_studio_user() -> None:
    anonymous = t.StudioUser("studio")
    assert (anonymous.identity, anonymous.display_name) == ("studio", "studio")
    assert anonymous.is_authenticated is False
    assert anonymous.permissions == []
    signed_in = t.StudioUser("studio", is_authenticated=True)
    assert signed_in.permissions == ["authenticated"]
    assert isinstance(signed_in, t.MinimalUser)
    assert not hasattr(signed_in, "__dict__")


def test_is_studio_user() -> None:
    assert is_studio_user(t.StudioUser("s"))
    assert is_studio_user({"identity": "s", "kind": "StudioUser"})  # type: ignore[typeddict-unknown-key]
    assert is_studio_user(AuthenticatedUser(t.StudioUser("s")))
    assert not is_studio_user({"identity": "alice"})
    assert not is_studio_user(AuthenticatedUser({"identity": "alice"}))


def test_user_protocols_are_runtime_checkable() -> None:
    assert isinstance(AuthenticatedUser({"identity": "a"}), t.BaseUser)
    assert isinstance(AuthenticatedUser({"identity": "a"}), t.MinimalUser)
    assert not isinstance(object(), t.MinimalUser)


# ---- HTTPException ----------------------------------------------------------------------------


def test_http_exception_defaults_to_401() -> None:
    exc = HTTPException()
    assert (exc.status_code, exc.detail, exc.headers) == (401, "Unauthorized", None)
    assert str(exc) == "401: Unauthorized"
    assert repr(exc) == "HTTPException(status_code=401, detail='Unauthorized')"
    assert isinstance(exc, Exception)


def test_http_exception_fields() -> None:
    exc = HTTPException(status_code=403, detail="Nope", headers={"x": "y"})
    assert (exc.status_code, exc.detail, exc.headers) == (403, "Nope", {"x": "y"})
    assert str(exc) == "403: Nope"
    assert HTTPException(404).detail == "Not Found"


def test_http_exception_with_an_unusual_status() -> None:
    assert HTTPException(499).detail == "Error"


@pytest.mark.parametrize(
    "exc",
    [HTTPException(), HTTPException(404, "gone", {"a": "b"}), HTTPException(status_code=418)],
)
def test_http_exception_pickles(exc: HTTPException) -> None:
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.status_code, copy.detail, copy.headers) == (
        exc.status_code,
        exc.detail,
        exc.headers,
    )
