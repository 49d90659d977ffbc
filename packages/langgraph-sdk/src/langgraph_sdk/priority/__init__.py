"""``langgraph_sdk.priority``: the module `lg_server.priority` itself.

Registered under this name (with ``.types``) so that objects, ``Priority.types`` and
monkeypatches (``_warn_priority_beta.cache_clear()``) are shared with lg_server.
"""

import sys

from lg_server import priority as _priority
from lg_server.priority import DuplicateHandlerError as DuplicateHandlerError
from lg_server.priority import LangGraphBetaWarning as LangGraphBetaWarning
from lg_server.priority import Priority as Priority
from lg_server.priority import types as types

sys.modules.setdefault(f"{__name__}.types", types)
sys.modules[__name__] = _priority

__all__ = ["DuplicateHandlerError", "LangGraphBetaWarning", "Priority", "types"]
