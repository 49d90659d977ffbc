"""The SDK's main job, end to end: find an assistant, open a thread, stream a run live, read the
final state.

    LANGGRAPH_URL=http://localhost:8123 python examples/quickstart.py

`./scripts/demo` starts a local Agent Server with an example agent and runs this file against it.
"""

from __future__ import annotations

import asyncio
import os
import sys

from langgraph_sdk import get_client

QUESTION = "Hello! What can a LangGraph agent stream?"


async def main(url: str) -> None:
    async with get_client(url=url) as client:
        assistants = await client.assistants.search(graph_id="echo", limit=1)
        if not assistants:
            raise SystemExit("no assistant for the graph 'echo' on this server")
        assistant = assistants[0]
        print(f"assistant  {assistant['assistant_id']} (graph {assistant['graph_id']!r})")

        thread = await client.threads.create(metadata={"example": "quickstart"})
        print(f"thread     {thread['thread_id']}")
        print(f"you        {QUESTION}")

        # Tokens arrive as `messages` events ([chunk, metadata]); node results as `updates`.
        print("agent      ", end="", flush=True)
        async for part in client.runs.stream(
            thread["thread_id"],
            assistant["assistant_id"],
            input={"messages": [{"role": "human", "content": QUESTION}]},
            stream_mode=["messages-tuple", "updates"],
        ):
            if part.event == "metadata":
                continue
            if part.event == "messages":
                chunk, _metadata = part.data
                print(chunk.get("content", ""), end="", flush=True)
            elif part.event == "updates":
                print(f"\n[update]   nodes {sorted(part.data)} finished", flush=True)
            else:
                print(f"\n[{part.event}] {part.data}", flush=True)

        state = await client.threads.get_state(thread["thread_id"])
        print("final state:")
        for message in state["values"]["messages"]:
            print(f"  {message['type']:>5}: {message['content']}")


if __name__ == "__main__":
    target = os.environ.get("LANGGRAPH_URL") or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not target:
        raise SystemExit("set LANGGRAPH_URL (or pass the server URL) to run the quickstart")
    asyncio.run(main(target))
