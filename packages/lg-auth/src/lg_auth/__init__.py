"""Server-side authentication and authorization rules for LangGraph servers. No dependencies.

`Auth` collects the rules (``@auth.authenticate``, ``@auth.on...``); a LangGraph server loads
the instance named in ``langgraph.json`` and applies them. `lg_auth.evaluate` applies the same
rules anywhere else: `authenticate`, `authorize`, `match_filter`.
"""

from lg_auth import evaluate, exceptions, types
from lg_auth._auth import Auth, is_studio_user
from lg_auth.evaluate import (
    AuthenticatedUser,
    RequestParts,
    authenticate,
    authorize,
    match_filter,
    select_handler,
    validate_filter,
)
from lg_auth.exceptions import HTTPException

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
