"""Server-side authentication and authorization rules for LangGraph servers. No dependencies.

`Auth` collects the rules (``@auth.authenticate``, ``@auth.on...``); a LangGraph server loads
the instance named in ``langgraph.json`` and applies them. `lg_auth.evaluate` applies the same
rules anywhere else: `authenticate`, `authorize`, `match_filter`.
"""

from typing import TYPE_CHECKING, Any

from lg_auth import exceptions, types

# The type variables of Auth's decorators (the official `langgraph_sdk.auth` has them too).
from lg_auth._auth import AH as AH
from lg_auth._auth import AHO as AHO
from lg_auth._auth import TH as TH
from lg_auth._auth import Auth, is_studio_user
from lg_auth._auth import ResourceActionT as ResourceActionT
from lg_auth._auth import T as T
from lg_auth._auth import V as V
from lg_auth._auth import VCreate as VCreate
from lg_auth._auth import VDelete as VDelete
from lg_auth._auth import VRead as VRead
from lg_auth._auth import VSearch as VSearch
from lg_auth._auth import VUpdate as VUpdate
from lg_auth.exceptions import HTTPException

if TYPE_CHECKING:
    from lg_auth import evaluate
    from lg_auth.evaluate import (
        AuthenticatedUser,
        RequestParts,
        authenticate,
        authorize,
        match_filter,
        select_handler,
        validate_filter,
    )

# A server that only registers rules never needs the evaluator: load it on first use, which
# keeps `import lg_auth` light (it is imported on every server start).
_EVALUATOR_NAMES = frozenset(
    {
        "AuthenticatedUser",
        "RequestParts",
        "authenticate",
        "authorize",
        "match_filter",
        "select_handler",
        "validate_filter",
    }
)


def __getattr__(name: str) -> Any:
    if name == "evaluate" or name in _EVALUATOR_NAMES:
        import importlib

        module = importlib.import_module("lg_auth.evaluate")
        return module if name == "evaluate" else getattr(module, name)
    raise AttributeError(f"module 'lg_auth' has no attribute {name!r}")


__all__ = [
    "Auth",
    "AuthenticatedUser",
    "HTTPException",
    "RequestParts",
    "authenticate",
    "authorize",
    "evaluate",
    "exceptions",
    "is_studio_user",
    "match_filter",
    "select_handler",
    "types",
    "validate_filter",
]
