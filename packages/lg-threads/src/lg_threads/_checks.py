"""Argument checks and normalisations specific to threads (the generic ones live in
`lg_transport.validate`).

Each raises `TypeError` or `ValueError` naming the parameter, before any request is built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard, get_args

from lg_schema import (
    OnConflictBehavior,
    PruneStrategy,
    SortOrder,
    ThreadSelectField,
    ThreadSortBy,
    ThreadStatus,
    ThreadStreamMode,
)
from lg_transport.validate import check_mapping, check_str

# The closed sets, read once from the schema's Literal aliases.
ON_CONFLICT_BEHAVIORS: tuple[str, ...] = get_args(OnConflictBehavior)
PRUNE_STRATEGIES: tuple[str, ...] = get_args(PruneStrategy)
SORT_ORDERS: tuple[str, ...] = get_args(SortOrder)
THREAD_SORT_KEYS: tuple[str, ...] = get_args(ThreadSortBy)
THREAD_SELECT_FIELDS: tuple[str, ...] = get_args(ThreadSelectField)
THREAD_STATUSES: tuple[str, ...] = get_args(ThreadStatus)
THREAD_STREAM_MODES: tuple[str, ...] = get_args(ThreadStreamMode)


def _type_name(value: object) -> str:
    return type(value).__name__


def _is_list_like(value: object) -> TypeGuard[Sequence[Any]]:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray))


def thread_id_value(name: str, value: object) -> str | None:
    """A thread id for a JSON body: a non-empty str (a UUID object is accepted and converted)."""
    if value is None:
        return None
    if type(value).__name__ == "UUID":
        return str(value)
    check_str(name, value)
    return str(value)


def ttl_body(ttl: object) -> dict[str, Any] | None:
    """The ``ttl`` object of a create or patch body.

    A number of minutes becomes ``{"ttl": n, "strategy": "delete"}``; a mapping (``{"ttl": n,
    "strategy": "keep_latest"}``) is sent as given.
    """
    if ttl is None:
        return None
    if isinstance(ttl, Mapping):
        return dict(ttl)
    if isinstance(ttl, bool) or not isinstance(ttl, (int, float)):
        raise TypeError(f"ttl must be a number of minutes or a mapping, got {_type_name(ttl)}")
    if ttl < 0:
        raise ValueError(f"ttl must be >= 0 minutes, got {ttl}")
    return {"ttl": ttl, "strategy": "delete"}


def superstep_bodies(supersteps: object) -> list[dict[str, Any]]:
    """Supersteps with every update spelled out as ``values``, ``command``, ``as_node``.

    The server needs ``as_node``; ``values`` and ``command`` may each be absent, and travel as
    ``null`` then (the official client always writes all three keys, in this order).
    """
    if not _is_list_like(supersteps):
        raise TypeError(f"supersteps must be a list of mappings, got {_type_name(supersteps)}")
    bodies = []
    for step_index, step in enumerate(supersteps):
        where = f"supersteps[{step_index}]"
        if not isinstance(step, Mapping):
            raise TypeError(f"{where} must be a mapping with 'updates', got {_type_name(step)}")
        updates = step.get("updates")
        if not _is_list_like(updates):
            raise TypeError(f"{where}['updates'] must be a list of mappings")
        bodies.append({"updates": [_update_body(f"{where}['updates']", u) for u in updates]})
    return bodies


def _update_body(where: str, update: object) -> dict[str, Any]:
    if not isinstance(update, Mapping):
        raise TypeError(f"{where} items must be mappings, got {_type_name(update)}")
    if "as_node" not in update:
        raise ValueError(f"{where}: each update needs 'as_node'")
    check_str(f"{where}['as_node']", update["as_node"])
    if "values" not in update and "command" not in update:
        raise ValueError(f"{where}: each update needs 'values' or 'command'")
    return {
        "values": update.get("values"),
        "command": update.get("command"),
        "as_node": update["as_node"],
    }


def check_state_values(values: object) -> None:
    """State values: a mapping, a list of mappings (one update per item), or None."""
    if values is None or isinstance(values, Mapping):
        return
    if not _is_list_like(values):
        raise TypeError(
            f"values must be a mapping, a list of mappings or None, got {_type_name(values)}"
        )
    for index, item in enumerate(values):
        if not isinstance(item, Mapping):
            raise TypeError(f"values[{index}] must be a mapping, got {_type_name(item)}")


def check_before(before: object) -> None:
    """``before`` of a history query: a checkpoint id or a checkpoint mapping."""
    if before is None or isinstance(before, Mapping):
        return
    check_str("before", before)


def check_str_mapping(name: str, value: object) -> None:
    """A mapping of str to str (``extract={"alias": "values.path"}``)."""
    check_mapping(name, value)
    if not isinstance(value, Mapping):
        return  # None
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(f"{name} must map str to str; got {key!r}: {_type_name(item)}")


def json_list(value: Sequence[Any] | None) -> list[Any] | None:
    """A sequence as a list: orjson writes lists and tuples only."""
    return None if value is None else list(value)


def json_object(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A mapping as a dict: orjson writes dicts only."""
    return None if value is None else dict(value)
