"""The assistants request builders alone: no I/O, just arguments in and `ApiRequest` out."""

from __future__ import annotations

from typing import Any

import pytest

from lg_assistants import _requests
from lg_transport import ApiRequest

NO_EXTRAS: dict[str, Any] = {"headers": None, "params": None}


def create(graph_id: Any = "g", **overrides: Any) -> ApiRequest:
    fields: dict[str, Any] = {
        "config": None,
        "context": None,
        "metadata": None,
        "assistant_id": None,
        "if_exists": None,
        "name": None,
        "description": None,
        **NO_EXTRAS,
    }
    fields.update(overrides)
    return _requests.create(graph_id, **fields)


def update(assistant_id: Any = "a1", **overrides: Any) -> ApiRequest:
    fields: dict[str, Any] = {
        "graph_id": None,
        "config": None,
        "context": None,
        "metadata": None,
        "name": None,
        "description": None,
        **NO_EXTRAS,
    }
    fields.update(overrides)
    return _requests.update(assistant_id, **fields)


def search(**overrides: Any) -> ApiRequest:
    fields: dict[str, Any] = {
        "metadata": None,
        "graph_id": None,
        "name": None,
        "limit": 10,
        "offset": 0,
        "sort_by": None,
        "sort_order": None,
        "select": None,
        "response_format": "array",
        **NO_EXTRAS,
    }
    fields.update(overrides)
    return _requests.search(**fields)


# Bodies


def test_create_with_every_field_keeps_the_official_order() -> None:
    request = create(
        config={"tags": ["t"]},
        context={"c": 1},
        metadata={"m": 1},
        assistant_id="a1",
        if_exists="raise",
        name="n",
        description="d",
    )
    assert request.method == "POST"
    assert request.path == "/assistants"
    assert list(request.json) == [
        "graph_id",
        "config",
        "context",
        "metadata",
        "assistant_id",
        "if_exists",
        "name",
        "description",
    ]


def test_create_leaves_out_empty_optionals_like_the_official_client() -> None:
    request = create(config={}, context={}, metadata={}, name="", description="")
    assert request.json == {"graph_id": "g"}


def test_create_is_not_retried_blindly() -> None:
    assert create().retry_class == "create"


def test_update_sends_empty_config_and_context_to_clear_them() -> None:
    request = update(config={}, context={}, metadata={}, name="")
    assert request.json == {"config": {}, "context": {}}
    assert request.method == "PATCH"


def test_update_with_every_field_keeps_the_official_order() -> None:
    request = update(
        graph_id="g", config={"tags": []}, context={"c": 1}, metadata={"m": 1}, name="n",
        description="d",
    )  # fmt: skip
    assert list(request.json) == [
        "graph_id", "config", "context", "metadata", "name", "description",
    ]  # fmt: skip


def test_search_select_is_copied_to_a_list() -> None:
    request = search(select=("assistant_id", "name"))
    assert request.json["select"] == ["assistant_id", "name"]


@pytest.mark.parametrize(
    "request_",
    [
        search(),
        _requests.count(None, None, None, None, None),
        _requests.get_versions("a1", None, 10, 0, None, None),
        _requests.set_latest("a1", 2, None, None),
    ],
    ids=["search", "count", "get_versions", "set_latest"],
)
def test_read_only_and_idempotent_posts_are_safe_to_retry(request_: ApiRequest) -> None:
    assert request_.method == "POST"
    assert request_.retry_class == "safe"


def test_get_versions_with_metadata() -> None:
    request = _requests.get_versions("a1", {"m": 1}, 5, 2, None, None)
    assert request.json == {"limit": 5, "offset": 2, "metadata": {"m": 1}}


def test_count_with_every_filter() -> None:
    request = _requests.count({"m": 1}, "g", "n", None, None)
    assert request.json == {"metadata": {"m": 1}, "graph_id": "g", "name": "n"}


def test_get_graph_default_xray_is_false() -> None:
    assert _requests.get_graph("a1", False, None, None).params == {"xray": False}


def test_delete_without_flag_has_no_query() -> None:
    assert _requests.delete("a1", False, None, None).params is None


def test_caller_params_follow_the_methods_own() -> None:
    request = _requests.get_subgraphs("a1", None, False, None, {"x": "1"})
    assert request.params == {"recurse": False, "x": "1"}


def test_headers_are_carried() -> None:
    assert _requests.get("a1", {"x-h": "v"}, None).headers == {"x-h": "v"}


# Validation: a clear error naming the parameter, before any request exists.


@pytest.mark.parametrize("bad_id", ["", None])
def test_empty_assistant_id_is_rejected(bad_id: Any) -> None:
    with pytest.raises(ValueError, match="assistant_id"):
        _requests.get(bad_id, None, None)
    with pytest.raises(ValueError, match="assistant_id"):
        _requests.set_latest(bad_id, 1, None, None)


def test_non_string_assistant_id_is_rejected() -> None:
    with pytest.raises(TypeError, match="assistant_id"):
        _requests.get_schemas(123, None, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: create(graph_id=None), ValueError, "graph_id"),
        (lambda: create(graph_id=""), ValueError, "graph_id"),
        (lambda: create(config=[1]), TypeError, "config"),
        (lambda: create(metadata="m"), TypeError, "metadata"),
        (lambda: create(if_exists="replace"), ValueError, "if_exists"),
        (lambda: create(name=1), TypeError, "name"),
        (lambda: create(description=1), TypeError, "description"),
        (lambda: create(assistant_id=1), TypeError, "assistant_id"),
        (lambda: update(""), ValueError, "assistant_id"),
        (lambda: update(graph_id=1), TypeError, "graph_id"),
        (lambda: update(config="c"), TypeError, "config"),
        (lambda: search(response_format="list"), ValueError, "response_format"),
        (lambda: search(limit="10"), TypeError, "limit"),
        (lambda: search(limit=True), TypeError, "limit"),
        (lambda: search(limit=0), ValueError, "limit"),
        (lambda: search(offset=-1), ValueError, "offset"),
        (lambda: search(sort_by="size"), ValueError, "sort_by"),
        (lambda: search(sort_order="up"), ValueError, "sort_order"),
        (lambda: search(select="assistant_id"), TypeError, "select"),
        (lambda: search(select=["nope"]), ValueError, r"select\[0\]"),
        (lambda: search(metadata=[("a", 1)]), TypeError, "metadata"),
        (lambda: _requests.count(None, 5, None, None, None), TypeError, "graph_id"),
        (lambda: _requests.get_graph("a1", -1, None, None), ValueError, "xray"),
        (lambda: _requests.get_graph("a1", "1", None, None), TypeError, "xray"),
        (lambda: _requests.get_subgraphs("a1", "", False, None, None), ValueError, "namespace"),
        (lambda: _requests.get_subgraphs("a1", None, "yes", None, None), TypeError, "recurse"),
        (lambda: _requests.delete("a1", 1, None, None), TypeError, "delete_threads"),
        (lambda: _requests.get_versions("a1", None, 10, -1, None, None), ValueError, "offset"),
        (lambda: _requests.set_latest("a1", 0, None, None), ValueError, "version"),
        (lambda: _requests.set_latest("a1", "3", None, None), TypeError, "version"),
    ],
)
def test_invalid_arguments_name_the_parameter(call: Any, error: type[Exception], name: str) -> None:
    with pytest.raises(error, match=name):
        call()
