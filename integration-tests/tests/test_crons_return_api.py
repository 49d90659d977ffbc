"""What the real server returns from creating a cron is a cron record, as typed (`Cron`)."""

from __future__ import annotations

import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.schema import Cron

pytestmark = pytest.mark.integration


async def test_created_crons_are_cron_records(agent_server_url: str) -> None:
    async with get_client(url=agent_server_url) as client:
        thread = await client.threads.create()
        created = [
            await client.crons.create("echo", schedule="0 9 * * 1", enabled=False),
            await client.crons.create_for_thread(
                thread["thread_id"], "echo", schedule="0 9 * * 1", enabled=False
            ),
        ]
    with get_sync_client(url=agent_server_url) as sync:
        created.append(sync.crons.create("echo", schedule="0 9 * * 1", enabled=False))
    for cron in created:
        assert set(Cron.__required_keys__) <= set(cron), set(Cron.__required_keys__) - set(cron)
        assert "run_id" not in cron
        assert "status" not in cron
