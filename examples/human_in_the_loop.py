"""Human in the loop: a run pauses at an interrupt, a person answers, the run resumes.

    python examples/human_in_the_loop.py            # answers "yes"
    python examples/human_in_the_loop.py no         # answers "no"

The server's `interrupt` graph runs `prepare`, then `ask`, which calls
`interrupt({"question": ..., "kind": "approval"})`, then `finish`. The run stops at `ask`; the
thread's state lists the pending interrupt; `Command(resume=answer)` on a new run on the same
thread hands the answer to `ask` and the graph goes on. The server is `LANGGRAPH_URL` (default
http://localhost:2024, where `./scripts/server` runs).
"""

from __future__ import annotations

import asyncio
import os
import sys

from langgraph_sdk import get_client
from langgraph_sdk.schema import Command

URL = os.environ.get("LANGGRAPH_URL", "http://localhost:2024")


async def main(answer: str) -> None:
    async with get_client(url=URL) as client:
        thread = await client.threads.create()
        thread_id = thread["thread_id"]

        # 1. Run until the graph asks: the stream ends when the run pauses.
        async for part in client.runs.stream(
            thread_id,
            "interrupt",
            input={"question": "Deploy to production?"},
            stream_mode="updates",
        ):
            if part.event == "updates":
                print(f"update  : {part.data}")

        # 2. The thread is interrupted: what is it waiting for?
        state = await client.threads.get_state(thread_id)
        print(f"paused before {state['next']}")
        for task in state["tasks"]:
            for pending in task["interrupts"]:
                print(f"asks    : {pending['value']}")

        # 3. A person decides; resume the same thread with the answer.
        print(f"answer  : {answer!r}")
        final = await client.runs.wait(thread_id, "interrupt", command=Command(resume=answer))
        print(f"status  : {final['status']}")
        print(f"trail   : {final['trail']}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "yes"))
