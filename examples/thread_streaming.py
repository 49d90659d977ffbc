"""Thread streaming (protocol v2): one live session on a thread, through typed projections.

    python examples/thread_streaming.py

`client.threads.stream(...)` opens a session on a new (or existing) thread; `thread.run.start`
starts a run and `thread.messages`, `thread.values`, `thread.subgraphs`, ... follow it, each
ending when the run ends or pauses. `thread.run.respond(...)` answers an interrupt. The server
is `LANGGRAPH_URL` (default http://localhost:2024, where `./scripts/server` runs).
"""

from __future__ import annotations

import asyncio
import os

from langgraph_sdk import get_client

URL = os.environ.get("LANGGRAPH_URL", "http://localhost:2024")


async def main() -> None:
    async with get_client(url=URL) as client:
        # 1. Token by token: one MessageStream per chat-model message.
        async with client.threads.stream(assistant_id="echo") as thread:
            await thread.run.start(input={"messages": [{"role": "user", "content": "stream me"}]})
            async for message in thread.messages:
                print("tokens :", end=" ")
                async for delta in message.text:
                    print(repr(delta), end=" ", flush=True)
                print(f"\nwhole  : {await message.text}")
            output = await thread.output
            print(f"state  : {len(output['messages'])} messages")

        # 2. An interrupt: the projections end at the pause; respond, then read the rest.
        async with client.threads.stream(assistant_id="interrupt") as thread:
            await thread.run.start(input={"question": "ship it?"})
            async for state in thread.values:
                print(f"values : {state}")
            print(f"paused : {thread.interrupted}, asks {thread.interrupts[0]['value']}")
            await thread.run.respond("yes")
            print(f"output : {(await thread.output)['status']}")

        # 3. Child graphs: one handle per subgraph, with its own status and output.
        async with client.threads.stream(assistant_id="subgraph") as thread:
            await thread.run.start(input={"value": "x"})
            async for child in thread.subgraphs:
                print(f"child  : {child.namespace} -> {await child.output}")
            print(f"output : {await thread.output}")


if __name__ == "__main__":
    asyncio.run(main())
