"""A LangGraph server's auth module, written with `lg-auth` alone (`pip install lg-auth`: no
dependencies at all).

The server loads the `auth` object named in its `langgraph.json`:

    {"graphs": {"agent": "./agent.py:graph"}, "auth": {"path": "./custom_auth.py:auth"}}

Rules: an API key in the `x-api-key` header becomes a user; each user sees only the threads,
runs and crons they created (the owner is stamped into the metadata on create, and every read
is filtered by it); store items live under a namespace starting with the user's identity;
assistants are shared read-only; anything else is refused.

    python examples/custom_auth.py

runs the rules the way a server would (`lg_auth.evaluate`) and prints each decision.
"""

from __future__ import annotations

import asyncio
from typing import Any

from lg_auth import Auth
from lg_auth.evaluate import AuthenticatedUser, RequestParts, authenticate, authorize

auth = Auth()

# A stand-in for your identity provider or key table: look keys up, verify JWTs, ... instead.
API_KEYS: dict[str, Auth.types.MinimalUserDict] = {
    "key-alice": {"identity": "alice", "permissions": ["write"]},
    "key-bob": {"identity": "bob", "permissions": []},
}


@auth.authenticate
async def authenticate_user(headers: dict[bytes, bytes]) -> Auth.types.MinimalUserDict:
    """`x-api-key` -> a user; a missing or unknown key is refused with 401."""
    key = headers.get(b"x-api-key", b"").decode()
    if key not in API_KEYS:
        raise Auth.exceptions.HTTPException(status_code=401, detail="Unknown API key")
    return API_KEYS[key]


@auth.on
async def deny_everything_else(ctx: Auth.types.AuthContext, value: Auth.types.on.value) -> bool:
    """The catch-all: whatever no rule below covers is refused (403)."""
    return False


@auth.on(resources=["threads", "crons"], actions="create")
async def stamp_owner(ctx: Auth.types.AuthContext, value: Auth.types.on.value) -> None:
    """Creating needs the write permission; the creator is recorded as the owner."""
    if "write" not in ctx.permissions:
        raise Auth.exceptions.HTTPException(status_code=403, detail="Read-only user")
    value.setdefault("metadata", {})
    value["metadata"]["owner"] = ctx.user.identity


@auth.on(resources=["threads", "crons"], actions=["read", "update", "delete", "search"])
@auth.on(resources="threads", actions="create_run")
async def only_own(
    ctx: Auth.types.AuthContext, value: Auth.types.on.value
) -> Auth.types.FilterType:
    """Reads, updates, deletes, searches and runs apply to the user's own resources only."""
    return {"owner": ctx.user.identity}


@auth.on(resources="assistants", actions=["read", "search"])
async def shared_assistants(ctx: Auth.types.AuthContext, value: Auth.types.on.value) -> bool:
    """Everyone may find and read the deployed assistants."""
    return True


@auth.on.store
async def own_namespace(ctx: Auth.types.AuthContext, value: Auth.types.on.store.value) -> None:
    """Store items live under ("<identity>", ...)."""
    namespace = tuple(value["namespace"] or ())
    if not namespace or namespace[0] != ctx.user.identity:
        raise Auth.exceptions.HTTPException(status_code=403, detail="Not your namespace")


async def demo() -> None:
    """What a server decides for a few requests (lg_auth.evaluate applies the same rules)."""
    alice = await authenticate(auth, RequestParts(headers={"x-api-key": "key-alice"}))
    bob = await authenticate(auth, RequestParts(headers={"x-api-key": "key-bob"}))
    print(f"users: {alice.identity} {alice.permissions}, {bob.identity} {bob.permissions}")

    async def decide(
        user: AuthenticatedUser, resource: str, action: str, value: dict[str, Any]
    ) -> str:
        try:
            filters = await authorize(
                auth, user=user, resource=resource, action=action, value=value
            )
        except Auth.exceptions.HTTPException as refused:
            return f"refused {refused.status_code} ({refused.detail})"
        return "allowed" if filters is None else f"allowed where metadata matches {filters}"

    thread: dict[str, Any] = {"metadata": {}}
    print("alice creates a thread:", await decide(alice, "threads", "create", thread), thread)
    print("bob creates a thread:  ", await decide(bob, "threads", "create", {"metadata": {}}))
    print("bob searches threads:  ", await decide(bob, "threads", "search", {}))
    print("bob reads assistants:  ", await decide(bob, "assistants", "search", {}))
    print("bob deletes assistants:", await decide(bob, "assistants", "delete", {}))
    store_value = {"namespace": ("alice", "notes"), "key": "k", "value": {}}
    print("alice writes her notes:", await decide(alice, "store", "put", store_value))
    print("bob writes alice's:    ", await decide(bob, "store", "put", store_value))
    try:
        await authenticate(auth, RequestParts(headers={"x-api-key": "stolen"}))
    except Auth.exceptions.HTTPException as refused:
        print(f"unknown key: refused {refused.status_code} ({refused.detail})")


if __name__ == "__main__":
    asyncio.run(demo())
