"""Run priority for a LangGraph server (beta): ``langgraph_sdk.priority``.

A `Priority` object, named in ``langgraph.json`` (``"priority": {"path":
"./priority.py:priority"}``), holds one async function the server calls at the first run of a
thread that has no priority settings yet; what it returns is stored on the thread and used for
its later runs.
"""

from __future__ import annotations

import functools
import typing
import warnings
from collections.abc import Awaitable, Callable

from lg_server._handlers import DuplicateHandlerError, check_async_handler
from lg_server.encryption import LangGraphBetaWarning
from lg_server.priority import types

__all__ = ["DuplicateHandlerError", "LangGraphBetaWarning", "Priority", "types"]

_AssignHandler = Callable[[types.PriorityContext], Awaitable[types.PrioritySettings | None]]
_AssignHandlerT = typing.TypeVar("_AssignHandlerT", bound=_AssignHandler)


@functools.lru_cache(maxsize=1)
def _warn_priority_beta() -> None:
    # Once per process (`cache_clear()` re-arms it), like the encryption warning.
    warnings.warn(
        "The Priority API is in beta and may change in future versions.",
        LangGraphBetaWarning,
        stacklevel=4,
    )


def _validate_handler(fn: typing.Callable[..., typing.Any]) -> None:
    """`TypeError` unless ``fn`` is ``async def (ctx)``."""
    check_async_handler(fn, "Priority assign handler", 1, "1 parameter (ctx)")


class Priority:
    """A server's thread-priority rule (beta; constructing one warns once).

        from langgraph_sdk import Priority, PriorityContext, PrioritySettings

        priority = Priority()

        @priority.assign
        async def assign(ctx: PriorityContext) -> PrioritySettings | None:
            return {"priority": -3 if "premium" in ctx.permissions else 0}

    The function may run more than once for a thread (after it raises, say) and only one result
    is kept, so it should have no side effects.
    """

    __slots__ = ("_assign_handler",)

    types = types
    """The module of priority types (`PriorityContext`, `PrioritySettings`)."""

    def __init__(self) -> None:
        _warn_priority_beta()
        self._assign_handler: _AssignHandler | None = None

    def assign(self, fn: _AssignHandlerT) -> _AssignHandlerT:
        """Register the assign function, ``async (ctx) -> PrioritySettings | None``.

        Raises `DuplicateHandlerError` when one is registered already, `TypeError` when ``fn``
        is not ``async def`` with one positional parameter (nothing is registered then).
        """
        if self._assign_handler is not None:
            raise DuplicateHandlerError("Priority assign handler already registered")
        _validate_handler(fn)
        self._assign_handler = fn
        return fn
