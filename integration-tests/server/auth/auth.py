"""Custom auth of the second test server (`auth/langgraph.json`), written as a user writes it,
with `langgraph_sdk.Auth` (our lg-auth under the official import path).

- Two users: `Authorization: Bearer token-alice` is `alice`, `Bearer token-bob` is `bob`;
  anything else is 401.
- Threads, runs and crons: what a user creates is stamped `metadata.owner = <user>`, and every
  read, search, update and run is filtered by it, so another user's resource is a 404.
- Deleting a thread is forbidden to everyone: 403.
- Assistants are shared: the graphs' own assistants (which have no owner) stay usable.
- Store: a user may only touch namespaces that start with their own name; others are 403.
"""

from typing import Any

from langgraph_sdk import Auth

auth = Auth()

TOKENS = {"token-alice": "alice", "token-bob": "bob"}


@auth.authenticate
async def authenticate(authorization: str | None) -> Auth.types.MinimalUserDict:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or token not in TOKENS:
        raise Auth.exceptions.HTTPException(status_code=401, detail="invalid or missing token")
    return {"identity": TOKENS[token], "permissions": ["read", "write"]}


@auth.on
async def owner_only(ctx: Auth.types.AuthContext, value: dict[str, Any]) -> dict[str, str]:
    """Stamp the owner on what is created; filter everything else by it."""
    owner = {"owner": ctx.user.identity}
    metadata = value.setdefault("metadata", {})
    if isinstance(metadata, dict):
        metadata.update(owner)
    return owner


@auth.on.threads.delete
async def no_thread_deletes(ctx: Auth.types.AuthContext, value: Any) -> bool:
    raise Auth.exceptions.HTTPException(status_code=403, detail="deleting threads is not allowed")


@auth.on.assistants
async def shared_assistants(ctx: Auth.types.AuthContext, value: Any) -> None:
    return None  # no filter: every signed-in user may use every assistant


@auth.on.store()
async def own_namespaces(ctx: Auth.types.AuthContext, value: dict[str, Any]) -> None:
    namespace = tuple(value.get("namespace") or ())
    if not namespace or namespace[0] != ctx.user.identity:
        raise Auth.exceptions.HTTPException(
            status_code=403, detail=f"store namespaces must start with {ctx.user.identity!r}"
        )
