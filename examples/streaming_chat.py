"""A chat on one thread, the answer streamed token by token (async).

    python examples/streaming_chat.py                 # the scripted turns below
    python examples/streaming_chat.py                 # in a terminal: type your own, empty ends

The server is `LANGGRAPH_URL` (default http://localhost:2024, where `./scripts/server` runs);
its `echo` graph answers with a chat model that repeats the last message, streamed in pieces.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator

from langgraph_sdk import get_client

URL = os.environ.get("LANGGRAPH_URL", "http://localhost:2024")
SCRIPTED_TURNS = ["Hello there!", "Can you stream this answer back to me?"]


def turns() -> Iterator[str]:
    """Lines typed in a terminal, or the scripted turns when stdin is not one."""
    if not sys.stdin.isatty():
        yield from SCRIPTED_TURNS
        return
    while line := input("you    > ").strip():
        yield line


async def main() -> None:
    async with get_client(url=URL) as client:
        # The thread keeps the conversation: each run sees the messages of the ones before.
        thread = await client.threads.create(metadata={"example": "streaming_chat"})
        for text in turns():
            print(f"you    : {text}")
            print("agent  : ", end="", flush=True)
            async for part in client.runs.stream(
                thread["thread_id"],
                "echo",
                input={"messages": [{"role": "human", "content": text}]},
                stream_mode="messages-tuple",  # (message chunk, metadata) per token
            ):
                if part.event == "messages":
                    chunk, _metadata = part.data
                    print(chunk["content"], end="", flush=True)
            print()
        state = await client.threads.get_state(thread["thread_id"])
        print(f"the thread now holds {len(state['values']['messages'])} messages")


if __name__ == "__main__":
    asyncio.run(main())
