"""`Priority`: one async assign function, the beta warning, the context and settings types."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import pytest

from lg_server import DuplicateHandlerError, LangGraphBetaWarning, Priority, PriorityContext
from lg_server import PrioritySettings as Settings
from lg_server.priority import _warn_priority_beta, types


def _quiet() -> Priority:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LangGraphBetaWarning)
        return Priority()


def _context(**changes: Any) -> PriorityContext:
    fields: dict[str, Any] = {
        "user": object(),
        "permissions": ["premium"],
        "thread_id": "t1",
        "thread_metadata": {},
        "assistant_id": "a1",
        "graph_id": "agent",
        "assistant_metadata": {},
        "run_metadata": {},
        "cron_id": None,
    }
    return PriorityContext(**{**fields, **changes})


async def test_assign_registers_once_and_the_handler_is_callable() -> None:
    priority = _quiet()

    async def assign(ctx: PriorityContext) -> Settings | None:
        return {"priority": -3 if "premium" in ctx.permissions else 0}

    assert priority.assign(assign) is assign
    assert priority._assign_handler is assign
    assert await priority._assign_handler(_context()) == {"priority": -3}

    async def other(ctx: PriorityContext) -> Settings | None:
        return None

    with pytest.raises(DuplicateHandlerError, match="Priority assign handler already registered"):
        priority.assign(other)
    assert priority._assign_handler is assign


def test_assign_rejects_sync_and_wrongly_shaped_functions() -> None:
    priority = _quiet()

    def sync(ctx: PriorityContext) -> None:
        return None

    async def two(ctx: PriorityContext, extra: object) -> None:
        return None

    with pytest.raises(TypeError, match="Priority assign handler must be an async function"):
        priority.assign(sync)  # type: ignore[type-var]
    with pytest.raises(TypeError, match=r"must accept exactly 1 parameter \(ctx\), got 2"):
        priority.assign(two)  # type: ignore[type-var]
    assert priority._assign_handler is None


def test_the_beta_warning_fires_once_per_process_until_rearmed() -> None:
    _warn_priority_beta.cache_clear()
    with pytest.warns(LangGraphBetaWarning, match="Priority API is in beta"):
        Priority()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Priority()


def test_context_is_frozen_and_settings_keys_are_optional() -> None:
    ctx = _context(thread_id=None)
    assert ctx.thread_id is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.graph_id = "other"  # type: ignore[misc]
    assert Settings.__optional_keys__ == {"priority", "fairness_group"}
    assert Settings.__required_keys__ == frozenset()
    assert Priority.types is types


def test_priority_shares_the_encryption_errors_and_warning() -> None:
    from lg_server import encryption

    assert DuplicateHandlerError is encryption.DuplicateHandlerError
    assert LangGraphBetaWarning is encryption.LangGraphBetaWarning
    assert issubclass(LangGraphBetaWarning, UserWarning)
