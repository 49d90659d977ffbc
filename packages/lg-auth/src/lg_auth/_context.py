"""`AuthContext` and `BaseAuthContext`, public as `lg_auth.types.AuthContext` and so on.

A module of their own so that `dataclasses` is only imported when one is first used (see the
end of `lg_auth.types`). Their ``__module__`` is ``lg_auth.types``: that is where they are
documented, pickled from, and where `typing.get_type_hints()` resolves their annotations.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass

if typing.TYPE_CHECKING:
    from lg_auth.types import BaseUser

__all__ = ["AuthContext", "BaseAuthContext"]


@dataclass(slots=True)
class BaseAuthContext:
    """Who is calling: the authenticated user and the permissions granted to them."""

    __module__ = "lg_auth.types"

    permissions: Sequence[str]
    user: BaseUser


@typing.final
@dataclass(slots=True)
class AuthContext(BaseAuthContext):
    """What an authorization handler receives as ``ctx``: who, on which resource, doing what."""

    __module__ = "lg_auth.types"

    resource: typing.Literal["runs", "threads", "crons", "assistants", "store"]
    action: typing.Literal[
        "create",
        "read",
        "update",
        "delete",
        "search",
        "create_run",
        "put",
        "get",
        "list_namespaces",
    ]
