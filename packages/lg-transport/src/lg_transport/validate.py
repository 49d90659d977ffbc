"""Argument checks run before any request is sent.

Each raises `TypeError` (wrong type) or `ValueError` (wrong value) with a message that names the
parameter, so a mistake is reported where it was made instead of as a server 422.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def _type_name(value: object) -> str:
    return type(value).__name__


def check_str(name: str, value: object, *, optional: bool = False, empty: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {_type_name(value)}")
    if not empty and not value:
        raise ValueError(f"{name} must be a non-empty string")


def check_int(
    name: str, value: object, *, optional: bool = False, minimum: int | None = None
) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {_type_name(value)}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")


def check_bool(name: str, value: object, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, got {_type_name(value)}")


def check_mapping(name: str, value: object, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping (dict), got {_type_name(value)}")


def check_str_list(name: str, value: object, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of str, got {_type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise TypeError(f"{name}[{index}] must be a str, got {_type_name(item)}")


def check_literal(
    name: str, value: object, allowed: Sequence[str], *, optional: bool = True
) -> None:
    if value is None and optional:
        return
    if value not in allowed:
        choices = ", ".join(repr(choice) for choice in allowed)
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")


def check_literals(
    name: str, value: object, allowed: Sequence[str], *, optional: bool = True
) -> None:
    """A literal or a non-empty list of literals (``stream_mode="values"`` or ``[...]``)."""
    if value is None and optional:
        return
    if isinstance(value, str):
        check_literal(name, value, allowed, optional=False)
        return
    if not isinstance(value, Sequence) or not value:
        raise TypeError(f"{name} must be a str or a non-empty list of str, got {value!r}")
    for item in value:
        check_literal(name, item, allowed, optional=False)


def check_interrupt_nodes(name: str, value: object) -> None:
    """``"*"`` or a list of node names."""
    if value is None or value == "*":
        return
    check_str_list(name, value)


def check_exclusive(**named: Any) -> None:
    """At most one of the given arguments may be set (not None)."""
    given = [name for name, value in named.items() if value is not None]
    if len(given) > 1:
        raise ValueError(f"pass only one of {', '.join(given)}; they are mutually exclusive")
