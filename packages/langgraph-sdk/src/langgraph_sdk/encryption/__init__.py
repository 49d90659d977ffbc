"""``langgraph_sdk.encryption``: the module `lg_server.encryption` itself.

Registered under this name (with ``.types``) so that objects, ``Encryption.types`` and
monkeypatches are shared with lg_server. The names are listed for static analysis.
"""

import sys

from lg_server import encryption as _encryption
from lg_server.encryption import DuplicateHandlerError as DuplicateHandlerError
from lg_server.encryption import Encryption as Encryption
from lg_server.encryption import LangGraphBetaWarning as LangGraphBetaWarning
from lg_server.encryption import types as types

sys.modules.setdefault(f"{__name__}.types", types)
sys.modules[__name__] = _encryption

__all__ = ["DuplicateHandlerError", "Encryption", "LangGraphBetaWarning", "types"]
