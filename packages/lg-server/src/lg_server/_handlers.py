"""What the encryption and priority registries share: the beta warning class and the check that
a handler is a coroutine function taking the expected number of positional parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class LangGraphBetaWarning(UserWarning):
    """Warns that a server-side API (encryption, priority) is in beta and may change."""


class DuplicateHandlerError(Exception):
    """A registry already holds a handler of this kind: a second one would silently win."""


def check_async_handler(fn: Callable[..., Any], what: str, expected: int, names: str) -> None:
    """Raise `TypeError` unless ``fn`` is ``async def`` with exactly ``expected`` positional
    parameters (``names`` spells them out in the message, e.g. ``"2 parameters (ctx, data)"``).

    The server calls handlers positionally and awaits the result, so anything else would fail
    only later, on the first request that needs the handler.
    """
    # Imported here, not at module level: registration is rare, `import langgraph_sdk` is not.
    import inspect

    if not inspect.iscoroutinefunction(fn):
        raise TypeError(f"{what} must be an async function, got {type(fn)}")
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    count = sum(p.kind in positional for p in inspect.signature(fn).parameters.values())
    if count != expected:
        raise TypeError(f"{what} must accept exactly {names}, got {count}")
