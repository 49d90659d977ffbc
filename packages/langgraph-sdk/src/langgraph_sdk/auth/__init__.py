"""``langgraph_sdk.auth``: re-exports of `lg_auth`, where the auth definitions live.

These are lg_auth's own objects, not copies: a server checks ``isinstance(obj, Auth)``, so
``langgraph_sdk.auth.Auth`` and ``lg_auth.Auth`` must be one class.
"""

import sys

from lg_auth import AH as AH
from lg_auth import AHO as AHO
from lg_auth import TH as TH
from lg_auth import Auth as Auth
from lg_auth import ResourceActionT as ResourceActionT
from lg_auth import T as T
from lg_auth import V as V
from lg_auth import VCreate as VCreate
from lg_auth import VDelete as VDelete
from lg_auth import VRead as VRead
from lg_auth import VSearch as VSearch
from lg_auth import VUpdate as VUpdate
from lg_auth import exceptions as exceptions
from lg_auth import is_studio_user as is_studio_user
from lg_auth import types as types

# `import langgraph_sdk.auth.types` then yields lg_auth.types itself, so that, as in the official
# SDK, `Auth.types is langgraph_sdk.auth.types`. The sibling files serve static analysis.
sys.modules.setdefault(f"{__name__}.types", types)
sys.modules.setdefault(f"{__name__}.exceptions", exceptions)

__all__ = ["Auth", "exceptions", "types"]
