"""Metadata filters returned by authorization handlers: checking their shape, matching them.

A filter is a dict of conditions that must all hold on a resource's metadata:

- ``{"owner": "alice"}``: the key is present and equal;
- ``{"owner": {"$eq": "alice"}}``: the same, spelled as an operator;
- ``{"members": {"$contains": "alice"}}``: the metadata value is a list holding that element;
- ``{"members": {"$contains": ["alice", "bob"]}}``: ... holding every listed element;
- ``{"$or": [f1, f2, ...]}`` / ``{"$and": [f1, f2, ...]}``: at least one / every sub-filter
  (two or more) matches, nested at most two deep. The reference server accepts these too.

This mirrors the reference server's in-memory matching, so a gateway using it agrees with the
server on which threads, assistants and crons a user can see.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lg_auth.exceptions import HTTPException

__all__ = ["match_filter", "validate_filter"]

_OPERATORS = ("$eq", "$contains")
_COMBINATORS = ("$or", "$and")
_MAX_NESTING = 2


def validate_filter(filters: Any) -> None:
    """Raise ``HTTPException(500)`` unless ``filters`` is a well-formed filter.

    A malformed filter is a bug in an authorization handler, so the request fails as a
    server error rather than being silently allowed or denied.
    """
    _validate(filters, depth=0)


def match_filter(metadata: Mapping[str, Any] | None, filters: Mapping[str, Any] | None) -> bool:
    """Whether a resource whose metadata is ``metadata`` satisfies ``filters``.

    An empty or missing filter matches everything; missing metadata is treated as empty.
    Raises ``HTTPException(500)`` for a malformed filter, like `validate_filter`.
    """
    if not filters:
        return True
    validate_filter(filters)
    return _match(metadata or {}, filters)


def _invalid(reason: str) -> HTTPException:
    return HTTPException(500, f"Your auth handler returned an invalid filter: {reason}")


def _validate(filters: Any, depth: int) -> None:
    if not isinstance(filters, Mapping):
        raise _invalid(f"expected a dict of conditions, got {type(filters).__name__}.")
    for key, condition in filters.items():
        if not isinstance(key, str):
            raise _invalid(f"keys must be strings, got {key!r}.")
        if key in _COMBINATORS:
            if depth >= _MAX_NESTING:
                raise _invalid(f"$or/$and may be nested at most {_MAX_NESTING} deep.")
            if not isinstance(condition, list) or len(condition) < 2:
                raise _invalid(f"{key} takes a list of at least two filters.")
            for branch in condition:
                _validate(branch, depth + 1)
        elif isinstance(condition, Mapping):
            if len(condition) != 1:
                raise _invalid(f"the condition on {key!r} must have exactly one operator.")
            (operator,) = condition
            if operator not in _OPERATORS:
                raise _invalid(f"unknown operator {operator!r} on {key!r}; use $eq or $contains.")


def _match(metadata: Mapping[str, Any], filters: Mapping[str, Any]) -> bool:
    for key, condition in filters.items():
        if key == "$or":
            if not any(_match(metadata, branch) for branch in condition):
                return False
        elif key == "$and":
            if not all(_match(metadata, branch) for branch in condition):
                return False
        elif key not in metadata:
            return False
        elif isinstance(condition, Mapping):
            ((operator, expected),) = condition.items()
            if operator == "$eq":
                if metadata[key] != expected:
                    return False
            elif not _contains(metadata[key], expected):
                return False
        elif metadata[key] != condition:
            return False
    return True


def _contains(actual: Any, expected: Any) -> bool:
    # Like Postgres jsonb containment on arrays: only a list contains anything, and a list of
    # expected elements needs every one present (compared by equality: elements may be dicts).
    if not isinstance(actual, list):
        return False
    if isinstance(expected, list):
        return all(element in actual for element in expected)
    return expected in actual
