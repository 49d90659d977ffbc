"""Runs on a schedule: a cron on one thread, and one that starts a new thread each time.

    python examples/cron.py

Cron schedules are standard five-field expressions in the cron's `timezone` (UTC by default);
the server computes `next_run_date`. This example creates both kinds, pauses one, lists them and
deletes them (a cron keeps firing until deleted or past its `end_time`). The server is
`LANGGRAPH_URL` (default http://localhost:2024, where `./scripts/server` runs).
"""

from __future__ import annotations

import asyncio
import os
from datetime import datetime, timedelta, timezone

from langgraph_sdk import get_client

URL = os.environ.get("LANGGRAPH_URL", "http://localhost:2024")


async def main() -> None:
    async with get_client(url=URL) as client:
        thread = await client.threads.create()

        # Every weekday at 09:00 Paris time, on this thread (its state carries over).
        daily = await client.crons.create_for_thread(
            thread["thread_id"],
            "echo",
            schedule="0 9 * * 1-5",
            timezone="Europe/Paris",
            input={"messages": [{"role": "human", "content": "daily report"}]},
            metadata={"example": "cron"},
        )
        # Every 10 minutes, for a week, each time on a fresh thread deleted after the run.
        frequent = await client.crons.create(
            "echo",
            schedule="*/10 * * * *",
            input={"messages": [{"role": "human", "content": "check in"}]},
            end_time=datetime.now(timezone.utc) + timedelta(days=7),
            on_run_completed="delete",
            metadata={"example": "cron"},
        )
        await client.crons.update(frequent["cron_id"], enabled=False)  # paused, kept

        for cron in await client.crons.search(metadata={"example": "cron"}):
            state = "on " if cron["enabled"] else "off"
            print(f"{state} {cron['schedule']:14} next {cron['next_run_date']}  {cron['cron_id']}")
        print(f"{await client.crons.count(metadata={'example': 'cron'})} crons")

        for cron in (daily, frequent):
            await client.crons.delete(cron["cron_id"])
        print("deleted")


if __name__ == "__main__":
    asyncio.run(main())
