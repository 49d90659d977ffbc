"""The streaming chat of `streaming_chat.py`, with the sync client: no `async`, no event loop.

    python examples/streaming_chat_sync.py

The server is `LANGGRAPH_URL` (default http://localhost:2024, where `./scripts/server` runs).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from langgraph_sdk import get_sync_client

URL = os.environ.get("LANGGRAPH_URL", "http://localhost:2024")
SCRIPTED_TURNS = ["Hello there!", "Can you stream this answer back to me?"]


def turns() -> Iterator[str]:
    """Lines typed in a terminal, or the scripted turns when stdin is not one."""
    if not sys.stdin.isatty():
        yield from SCRIPTED_TURNS
        return
    while line := input("you    > ").strip():
        yield line


def main() -> None:
    with get_sync_client(url=URL) as client:
        thread = client.threads.create(metadata={"example": "streaming_chat_sync"})
        for text in turns():
            print(f"you    : {text}")
            print("agent  : ", end="", flush=True)
            for part in client.runs.stream(
                thread["thread_id"],
                "echo",
                input={"messages": [{"role": "human", "content": text}]},
                stream_mode="messages-tuple",
            ):
                if part.event == "messages":
                    chunk, _metadata = part.data
                    print(chunk["content"], end="", flush=True)
            print()
        messages = client.threads.get_state(thread["thread_id"])["values"]["messages"]
        print(f"the thread now holds {len(messages)} messages")


if __name__ == "__main__":
    main()
