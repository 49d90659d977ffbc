"""The LangGraph assistants client, usable alone: ``pip install lg-assistants``.

    from lg_assistants import AssistantsClient

    async with AssistantsClient.connect(url="http://localhost:8123") as assistants:
        assistant = await assistants.create("agent", config={"configurable": {"model": "m"}})
        versions = await assistants.get_versions(assistant["assistant_id"])

`SyncAssistantsClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from lg_assistants._async.assistants import AssistantsClient
from lg_assistants._sync.assistants import SyncAssistantsClient

__all__ = ["AssistantsClient", "SyncAssistantsClient"]
