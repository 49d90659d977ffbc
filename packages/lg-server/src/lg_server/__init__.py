"""Server-side extension points of a LangGraph server, with no third-party dependency.

- `lg_server.encryption`: `Encryption`, custom at-rest encryption handlers (beta);
- `lg_server.priority`: `Priority`, a thread's run-priority rule (beta);
- `lg_server.runtime`: `ServerRuntime`, what a graph factory receives;
- `lg_server.cache`: `cache_get`, `cache_set`, `swr`, the deployment's cache (inside a server).

``langgraph_sdk.encryption``, ``.priority``, ``.runtime`` and ``.cache`` are these modules
themselves, so objects (and monkeypatches) are shared with code written for the official SDK.
`lg_server.cache` and `lg_server.runtime` are not imported here: import them where needed.
"""

from lg_server.encryption import DuplicateHandlerError, Encryption, LangGraphBetaWarning
from lg_server.encryption.types import DecryptResult, EncryptionContext
from lg_server.priority import Priority
from lg_server.priority.types import PriorityContext, PrioritySettings

__all__ = [
    "DecryptResult",
    "DuplicateHandlerError",
    "Encryption",
    "EncryptionContext",
    "LangGraphBetaWarning",
    "Priority",
    "PriorityContext",
    "PrioritySettings",
]
