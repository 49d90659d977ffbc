"""Names a module loads on first use (PEP 562), so that importing it stays cheap: an async
program never loads the sync clients, for one.

    _LAZY = {"SyncRunsClient": "lg_runs._sync.runs"}
    __getattr__, __dir__ = lazy_names(__name__, _LAZY)

Each name maps to the module it lives in, or to ``"module:attribute"`` where it is called
otherwise there. The first read imports it and keeps it in the module's namespace; `dir()`
lists it before that. Type checkers see the names through ``if TYPE_CHECKING:`` imports.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(
    module_name: str, where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for the module ``module_name``, for the names of
    ``where``."""
    namespace = sys.modules[module_name].__dict__

    def __getattr__(name: str) -> Any:
        target = where.get(name)
        if target is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        module, _, attribute = target.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(where))

    return __getattr__, __dir__
