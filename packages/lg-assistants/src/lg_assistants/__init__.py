"""The LangGraph assistants client, usable alone: ``pip install lg-assistants``.

    from lg_assistants import AssistantsClient

    async with AssistantsClient.connect(url="http://localhost:8123") as assistants:
        assistant = await assistants.create("agent", config={"configurable": {"model": "m"}})
        versions = await assistants.get_versions(assistant["assistant_id"])

`SyncAssistantsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_assistants._async.assistants import AssistantsClient
from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from lg_assistants._sync.assistants import SyncAssistantsClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncAssistantsClient": "lg_assistants._sync.assistants"}

__all__ = ["AssistantsClient", "SyncAssistantsClient"]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
