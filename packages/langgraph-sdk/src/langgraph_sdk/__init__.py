"""Python SDK for the LangGraph Agent Server REST API, a drop-in for the official `langgraph-sdk`.

    from langgraph_sdk import get_client

    client = get_client(url="http://localhost:8123")
    thread = await client.threads.create()
    async for part in client.runs.stream(thread["thread_id"], "agent", input={...}):
        print(part.event, part.data)

This package composes the workspace's micro-packages (`lg_schema`, `lg_transport`,
`lg_assistants`, `lg_threads`, `lg_runs`, `lg_crons`, `lg_store`, `lg_auth`, `lg_server`) and
re-exports them under the official module paths.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from langgraph_sdk._async.client import get_client
from lg_transport import __version__

if TYPE_CHECKING:
    from langgraph_sdk._sync.client import get_sync_client
    from langgraph_sdk.auth import Auth
    from langgraph_sdk.encryption import Encryption
    from langgraph_sdk.encryption.types import DecryptResult, EncryptionContext
    from langgraph_sdk.priority import Priority
    from langgraph_sdk.priority.types import PriorityContext, PrioritySettings

# The server-side extension points (lg_server), the auth rules (lg_auth) and the sync client
# load on first use: an async client never needs them, and `import langgraph_sdk` is on every
# client's start-up path.
_LAZY = {
    "get_sync_client": "langgraph_sdk._sync.client",
    "Auth": "langgraph_sdk.auth",
    "Encryption": "langgraph_sdk.encryption",
    "DecryptResult": "langgraph_sdk.encryption.types",
    "EncryptionContext": "langgraph_sdk.encryption.types",
    "Priority": "langgraph_sdk.priority",
    "PriorityContext": "langgraph_sdk.priority.types",
    "PrioritySettings": "langgraph_sdk.priority.types",
}
# Submodules reachable as attributes after `import langgraph_sdk`, as in the official package
# (whose start-up imports them), each loaded when first reached.
_LAZY_MODULES = {
    "encryption",
    "priority",
    "runtime",
    "cache",
    "auth",
    "client",
    "schema",
    "errors",
    "sse",
    "stream",
    "_shared",
}

__all__ = [
    "Auth",
    "DecryptResult",
    "Encryption",
    "EncryptionContext",
    "Priority",
    "PriorityContext",
    "PrioritySettings",
    "__version__",
    "get_client",
    "get_sync_client",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _LAZY_MODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | _LAZY_MODULES)
