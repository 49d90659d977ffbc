"""The SDK's main job, end to end: find an assistant, open a thread, stream a run live, read the
final state.

    python examples/quickstart.py                    # against LANGGRAPH_URL, else localhost:2024
    python examples/quickstart.py http://host:port   # against that server

`./scripts/demo` starts a local Agent Server with the example graphs and runs this file against
it; `./scripts/server` keeps one running on port 2024.
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
    default = os.environ.get("LANGGRAPH_URL", "http://localhost:2024")
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else default))
