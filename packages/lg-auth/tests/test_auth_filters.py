"""`match_filter` / `validate_filter`: the metadata filters authorization handlers return."""

from __future__ import annotations

from typing import Any

import pytest

from lg_auth import HTTPException, match_filter, validate_filter

META = {
    "owner": "alice",
    "org": "acme",
    "members": ["alice", "bob"],
    "tags": [{"k": "v"}, "x"],
    "count": 3,
    "nested": {"a": 1},
    "none": None,
}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # No filter, no restriction.
        pytest.param(None, True, id="none"),
        pytest.param({}, True, id="empty"),
        # Plain equality.
        pytest.param({"owner": "alice"}, True, id="eq"),
        pytest.param({"owner": "bob"}, False, id="eq-differs"),
        pytest.param({"missing": "x"}, False, id="eq-missing-key"),
        pytest.param({"count": 3}, True, id="eq-int"),
        pytest.param({"members": ["alice", "bob"]}, True, id="eq-whole-list"),
        pytest.param({"members": ["bob", "alice"]}, False, id="eq-list-order-matters"),
        pytest.param({"none": None}, True, id="eq-none-present"),
        pytest.param({"missing": None}, False, id="eq-none-needs-the-key"),
        # Several keys: all must hold.
        pytest.param({"owner": "alice", "org": "acme"}, True, id="and"),
        pytest.param({"owner": "alice", "org": "other"}, False, id="and-one-fails"),
        # $eq.
        pytest.param({"owner": {"$eq": "alice"}}, True, id="$eq"),
        pytest.param({"owner": {"$eq": "bob"}}, False, id="$eq-differs"),
        pytest.param({"missing": {"$eq": "alice"}}, False, id="$eq-missing-key"),
        pytest.param({"nested": {"$eq": {"a": 1}}}, True, id="$eq-object"),
        # $contains.
        pytest.param({"members": {"$contains": "alice"}}, True, id="$contains"),
        pytest.param({"members": {"$contains": "carol"}}, False, id="$contains-absent"),
        pytest.param({"members": {"$contains": ["bob", "alice"]}}, True, id="$contains-all"),
        pytest.param({"members": {"$contains": ["bob", "carol"]}}, False, id="$contains-not-all"),
        pytest.param({"members": {"$contains": []}}, True, id="$contains-empty-list"),
        pytest.param({"tags": {"$contains": {"k": "v"}}}, True, id="$contains-object"),
        pytest.param({"owner": {"$contains": "ali"}}, False, id="$contains-on-string"),
        pytest.param({"missing": {"$contains": "alice"}}, False, id="$contains-missing-key"),
        # $or / $and, as the reference server accepts them.
        pytest.param({"$or": [{"owner": "bob"}, {"org": "acme"}]}, True, id="$or"),
        pytest.param({"$or": [{"owner": "bob"}, {"org": "x"}]}, False, id="$or-none"),
        pytest.param({"$and": [{"owner": "alice"}, {"org": "acme"}]}, True, id="$and"),
        pytest.param({"$and": [{"owner": "alice"}, {"org": "x"}]}, False, id="$and-one-fails"),
        pytest.param(
            {"$or": [{"owner": "bob"}, {"org": "acme"}], "count": 4}, False, id="$or-and-key"
        ),
        pytest.param(
            {"$or": [{"$and": [{"owner": "alice"}, {"count": 3}]}, {"org": "x"}]},
            True,
            id="nested-two-deep",
        ),
    ],
)
def test_match_filter(filters: Any, expected: bool) -> None:
    assert match_filter(META, filters) is expected


def test_missing_metadata_is_empty() -> None:
    assert match_filter(None, {}) is True
    assert match_filter(None, {"owner": "alice"}) is False
    assert match_filter({}, {"owner": {"$contains": "a"}}) is False


@pytest.mark.parametrize(
    ("filters", "reason"),
    [
        pytest.param(["owner"], "expected a dict", id="not-a-dict"),
        pytest.param({1: "x"}, "keys must be strings", id="non-string-key"),
        pytest.param({"owner": {}}, "exactly one operator", id="no-operator"),
        pytest.param({"owner": {"$eq": "a", "$contains": "a"}}, "exactly one", id="two-ops"),
        pytest.param({"owner": {"$ne": "a"}}, "unknown operator '$ne'", id="unknown-op"),
        pytest.param({"$or": {"owner": "a"}}, "list of at least two", id="or-not-list"),
        pytest.param({"$or": [{"owner": "a"}]}, "list of at least two", id="or-of-one"),
        pytest.param({"$and": []}, "list of at least two", id="and-empty"),
        pytest.param({"$or": ["a", "b"]}, "expected a dict", id="or-of-strings"),
        pytest.param(
            {"$or": [{"$or": [{"$or": [{"a": "1"}, {"b": "2"}]}, {"c": "3"}]}, {"d": "4"}]},
            "nested at most 2",
            id="three-deep",
        ),
    ],
)
def test_malformed_filters_are_500(filters: Any, reason: str) -> None:
    with pytest.raises(HTTPException) as info:
        validate_filter(filters)
    assert info.value.status_code == 500
    assert reason in info.value.detail
    with pytest.raises(HTTPException):
        match_filter(META, filters)


def test_malformed_branches_are_caught_even_when_an_earlier_branch_matches() -> None:
    with pytest.raises(HTTPException):
        match_filter(META, {"$or": [{"owner": "alice"}, {"org": {"$bad": 1}}]})
