"""The cron client against the real Agent Server, each test async and sync.

Crons fire for real (minute granularity, a scheduler tick every ~5 s), so the crons made here
are disabled or scheduled far from now, except in the one test that waits for a firing, which
skips itself when the next minute is too far away for the time budget.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from lg_crons import CronClient, SyncCronClient
from lg_transport.errors import BadRequestError, NotFoundError, UnprocessableEntityError

#: At most this many seconds are spent waiting for a cron to fire.
FIRING_BUDGET = 75.0  # a minute boundary plus the scheduler tick always fits: the test never skips
#: The scheduler's tick plus the time a run takes to show up on its thread.
SCHEDULER_SLACK = 8.0


class AwaitableSync:
    """The sync client behind the async client's interface, so one test body drives both."""

    def __init__(self, client: SyncCronClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._client, name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return method(*args, **kwargs)

        return call


@pytest.fixture(params=["async", "sync"])
async def crons(request: pytest.FixtureRequest, agent_server_url: str) -> AsyncIterator[Any]:
    if request.param == "async":
        async with CronClient.connect(url=agent_server_url) as client:
            yield client
    else:
        with SyncCronClient.connect(url=agent_server_url) as sync_client:
            yield AwaitableSync(sync_client)


def new_thread(url: str) -> str:
    # Raw HTTP, so that this file depends on the cron client only.
    response = httpx.post(f"{url}/threads", json={})
    response.raise_for_status()
    return str(response.json()["thread_id"])


def parse_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


@pytest.mark.needs("crons")
async def test_create_search_update_delete(crons: Any) -> None:
    batch = uuid.uuid4().hex
    end = datetime(2031, 1, 1, tzinfo=timezone.utc)
    cron = await crons.create(
        "echo",
        schedule="0 9 * * 1",
        input={"messages": [{"role": "user", "content": "weekly"}]},
        metadata={"batch": batch},
        config={"tags": ["cron"]},
        interrupt_after=["respond"],
        on_run_completed="keep",
        end_time=end,
        enabled=False,
        timezone=ZoneInfo("Europe/Paris"),
        stream_mode=["values", "updates"],
        stream_subgraphs=False,
        stream_resumable=False,
        durability="sync",
    )
    cron_id = cron["cron_id"]
    echo_id = cron["assistant_id"]  # the graph name resolved to the graph's assistant
    assert cron["schedule"] == "0 9 * * 1"
    assert cron["timezone"] == "Europe/Paris"
    assert parse_time(cron["end_time"]) == end
    assert cron["enabled"] is False
    assert cron["on_run_completed"] == "keep"
    assert cron["thread_id"] is None
    assert cron["metadata"]["batch"] == batch
    payload = cron["payload"]
    assert payload["input"] == {"messages": [{"role": "user", "content": "weekly"}]}
    assert payload["interrupt_after"] == ["respond"]
    assert payload["stream_mode"] == ["values", "updates"]
    assert payload["durability"] == "sync"
    assert payload["timezone"] == "Europe/Paris"

    assert [c["cron_id"] for c in await crons.search(metadata={"batch": batch})] == [cron_id]
    assert [c["cron_id"] for c in await crons.search(assistant_id=echo_id)] == [cron_id]
    assert await crons.search(metadata={"batch": batch}, enabled=True) == []
    slim = await crons.search(
        metadata={"batch": batch}, sort_by="next_run_date", sort_order="asc", select=["cron_id"]
    )
    assert slim == [{"cron_id": cron_id}]
    assert await crons.count(metadata={"batch": batch}) == 1
    assert await crons.count(assistant_id=echo_id) == 1
    assert await crons.count(metadata={"batch": "other"}) == 0

    # Fields not named are kept, end_time included.
    updated = await crons.update(cron_id, schedule="30 8 * * *", timezone="Asia/Tokyo")
    assert (updated["schedule"], updated["timezone"]) == ("30 8 * * *", "Asia/Tokyo")
    assert parse_time(updated["end_time"]) == end
    assert updated["enabled"] is False
    # A later next run in Tokyo's 08:30 is at 23:30 UTC the day before.
    next_run = parse_time(updated["next_run_date"])
    assert next_run is not None
    assert next_run.astimezone(ZoneInfo("Asia/Tokyo")).time().isoformat() == "08:30:00"

    later = datetime(2032, 6, 1, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    moved = await crons.update(cron_id, end_time=later, on_run_completed="delete")
    assert parse_time(moved["end_time"]) == later
    assert moved["on_run_completed"] == "delete"
    cleared = await crons.update(cron_id, end_time=None)
    assert cleared["end_time"] is None
    assert cleared["schedule"] == "30 8 * * *"

    assert await crons.delete(cron_id) is None
    assert await crons.search(metadata={"batch": batch}) == []
    with pytest.raises(NotFoundError):
        await crons.delete(cron_id)


@pytest.mark.needs("crons")
async def test_thread_cron(crons: Any, agent_server_url: str) -> None:
    thread_id = new_thread(agent_server_url)
    cron = await crons.create_for_thread(
        thread_id,
        "echo",
        schedule="0 0 1 1 *",
        input={"messages": []},
        metadata={"kind": "thread"},
        context={"tone": "dry"},
        interrupt_before="*",
        multitask_strategy="enqueue",
        enabled=False,
        timezone="UTC",
    )
    assert cron["thread_id"] == thread_id
    assert cron["timezone"] == "UTC"
    assert cron["payload"]["multitask_strategy"] == "enqueue"
    assert cron["payload"]["interrupt_before"] == "*"

    other = await crons.create("echo", schedule="0 0 1 1 *", enabled=False)
    assert [c["cron_id"] for c in await crons.search(thread_id=thread_id)] == [cron["cron_id"]]
    assert await crons.count(thread_id=thread_id) == 1
    assert await crons.count() == 2
    newest_first = await crons.search(sort_by="created_at", sort_order="desc", limit=1)
    assert [c["cron_id"] for c in newest_first] == [other["cron_id"]]
    assert len(await crons.search(limit=1, offset=1)) == 1

    toggled = await crons.update(cron["cron_id"], enabled=True, schedule="0 0 1 1 *")
    assert toggled["enabled"] is True
    await crons.delete(cron["cron_id"])
    assert await crons.count(thread_id=thread_id) == 0


@pytest.mark.needs("crons")
async def test_server_errors_are_typed(crons: Any) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(NotFoundError):
        await crons.delete(missing)
    with pytest.raises(NotFoundError):
        await crons.update(missing, enabled=True)
    with pytest.raises(NotFoundError, match="Thread"):
        await crons.create_for_thread(missing, "echo", schedule="* * * * *")
    with pytest.raises(NotFoundError):
        await crons.create("no-such-graph", schedule="* * * * *")
    with pytest.raises(UnprocessableEntityError, match="UUID"):
        await crons.delete("not-a-uuid")
    with pytest.raises(UnprocessableEntityError, match="timezone"):
        await crons.create("echo", schedule="* * * * *", timezone="Mars/Olympus_Mons")
    with pytest.raises(UnprocessableEntityError, match="schedule"):
        await crons.create("echo", schedule="every minute")

    cron = await crons.create("echo", schedule="0 0 1 1 *", enabled=False)
    with pytest.raises(BadRequestError, match="empty"):
        await crons.update(cron["cron_id"])  # nothing to change


async def test_bad_arguments_fail_before_the_server(crons: Any) -> None:
    with pytest.raises(ValueError, match="timezone"):
        await crons.create("echo", schedule="* * * * *", timezone=timezone(timedelta(hours=2)))
    with pytest.raises(TypeError, match="end_time"):
        await crons.create("echo", schedule="* * * * *", end_time="2030-01-01")
    with pytest.raises(ValueError, match="cron_id"):
        await crons.update("", enabled=True)
    assert await crons.count() == 0


@pytest.mark.needs("crons")
async def test_a_minutely_thread_cron_starts_runs(agent_server_url: str) -> None:
    thread_id = new_thread(agent_server_url)
    async with CronClient.connect(url=agent_server_url) as crons:
        cron = await crons.create_for_thread(
            thread_id,
            "echo",
            schedule="* * * * *",
            input={"messages": [{"role": "user", "content": "tick"}]},
        )
        try:
            next_run = parse_time(cron["next_run_date"])
            assert next_run is not None
            wait = (next_run - datetime.now(timezone.utc)).total_seconds() + SCHEDULER_SLACK
            if wait > FIRING_BUDGET:
                pytest.skip(
                    f"the cron fires in {wait:.0f}s, beyond the {FIRING_BUDGET:.0f}s budget"
                )
            deadline = time.monotonic() + wait + 10
            async with httpx.AsyncClient(base_url=agent_server_url) as raw:
                runs: list[dict[str, Any]] = []
                while not runs and time.monotonic() < deadline:
                    await asyncio.sleep(0.5)
                    runs = (await raw.get(f"/threads/{thread_id}/runs")).json()
            assert runs, f"no run on the thread {wait + 10:.0f}s after creating the cron"
            assert runs[0]["assistant_id"] == cron["assistant_id"]
        finally:
            await crons.delete(cron["cron_id"])
