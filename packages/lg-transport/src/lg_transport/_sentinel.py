"""A typed "argument not given" marker, distinct from an explicit ``None``.

``api_key=None`` means "send no key" while leaving it out means "read the environment", and
``crons.update(end_time=None)`` clears the end time while leaving it out keeps it: both need a
value that no caller can pass by accident and that type checkers understand.
"""

from __future__ import annotations

import enum
from typing import Final, Literal, TypeVar

T = TypeVar("T")


class NotGiven(enum.Enum):
    """The type of `NOT_PROVIDED`: an enum so that `x is NOT_PROVIDED` narrows types."""

    NOT_PROVIDED = enum.auto()

    def __repr__(self) -> str:
        return "NOT_PROVIDED"

    def __bool__(self) -> Literal[False]:
        return False


NOT_PROVIDED: Final = NotGiven.NOT_PROVIDED


def given_or(value: T | NotGiven, default: T) -> T:
    """``value`` unless it is `NOT_PROVIDED`, else ``default``."""
    return default if isinstance(value, NotGiven) else value
