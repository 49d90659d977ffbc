"""Custom auth for the Aegra test server, written with `lg-auth` (our package, no official SDK).

Aegra calls the authenticate hook with one positional argument, the request's headers as a dict
(lower-case names); the LangGraph server instead passes parts by parameter name. This hook is
written in Aegra's form.

- `Authorization: Bearer <user>-token` authenticates `<user>`; anything else is 401.
- `Bearer reader-token` may read but not create or change anything: 403.
- Threads, runs and assistants carry their owner in metadata and each user sees only theirs.
"""

from __future__ import annotations

from typing import Any

from lg_auth import Auth

auth = Auth()

_USERS = {"alice", "bob", "reader"}


@auth.authenticate
async def authenticate(headers: dict[str, str]) -> Auth.types.MinimalUserDict:
    scheme, _, token = (headers.get("authorization") or "").partition(" ")
    user = token.removesuffix("-token")
    if scheme.lower() != "bearer" or not token.endswith("-token") or user not in _USERS:
        raise Auth.exceptions.HTTPException(status_code=401, detail="missing or unknown token")
    return {"identity": user, "permissions": ["read"] if user == "reader" else ["read", "write"]}


@auth.on
async def owner_only(ctx: Auth.types.AuthContext, value: Any) -> dict[str, str]:
    """Writes need the `write` permission and are stamped with their owner; reads see only
    what the caller owns."""
    if ctx.action in ("create", "update", "delete", "create_run") and (
        "write" not in ctx.permissions
    ):
        raise Auth.exceptions.HTTPException(status_code=403, detail="read-only user")
    if isinstance(value, dict) and ctx.action == "create":
        metadata = value.setdefault("metadata", {}) or {}
        metadata["owner"] = ctx.user.identity
        value["metadata"] = metadata
    return {"owner": ctx.user.identity}
