"""``iter_*`` pagers against the real Agent Server: every item of each search and list, once,
in the server's order, through the async client and the sync one."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from langgraph_sdk import get_client, get_sync_client

pytestmark = pytest.mark.integration
FLAVOURS = pytest.mark.parametrize("flavour", ["async", "sync"])


async def collect(flavour: str, pager: Any) -> list[Any]:
    if flavour == "async":
        return [item async for item in pager]
    return list(pager)


@FLAVOURS
async def test_every_thread_and_every_run(flavour: str, agent_server_url: str) -> None:
    batch = uuid.uuid4().hex
    async with get_client(url=agent_server_url) as client:
        created = [
            (await client.threads.create(metadata={"batch": batch}))["thread_id"] for _ in range(12)
        ]
        thread_id = created[0]
        for _ in range(4):
            await client.runs.wait(thread_id, "echo", input={"messages": []})
    sync = get_sync_client(url=agent_server_url)
    reader = get_client(url=agent_server_url) if flavour == "async" else sync
    try:
        pager = reader.threads.iter_search(metadata={"batch": batch}, page_size=5)
        threads = await collect(flavour, pager)
        assert sorted(t["thread_id"] for t in threads) == sorted(created)
        # The server's own order, which one big page also gives.
        one_page = sync.threads.search(metadata={"batch": batch}, limit=100)
        assert [t["thread_id"] for t in threads] == [t["thread_id"] for t in one_page]

        runs = await collect(flavour, reader.runs.iter_list(thread_id, page_size=3))
        assert len(runs) == 4
        assert len({r["run_id"] for r in runs}) == 4
        assert {r["thread_id"] for r in runs} == {thread_id}

        history = await collect(flavour, reader.threads.iter_history(thread_id, page_size=2))
        everything = sync.threads.get_history(thread_id, limit=1000)
        assert len(history) == len(everything) > 4
        assert [s["checkpoint"]["checkpoint_id"] for s in history] == [
            s["checkpoint"]["checkpoint_id"] for s in everything
        ]
    finally:
        sync.close()
        if flavour == "async":
            await reader.aclose()


@FLAVOURS
async def test_every_assistant_cron_item_and_namespace(flavour: str, agent_server_url: str) -> None:
    batch = uuid.uuid4().hex
    sync = get_sync_client(url=agent_server_url)
    reader = get_client(url=agent_server_url) if flavour == "async" else sync
    try:
        assistants = [
            sync.assistants.create("echo", metadata={"batch": batch}, name=f"a{i}")["assistant_id"]
            for i in range(5)
        ]
        pager = reader.assistants.iter_search(metadata={"batch": batch}, page_size=2)
        found = await collect(flavour, pager)
        assert sorted(a["assistant_id"] for a in found) == sorted(assistants)
        for i in range(3):
            sync.assistants.update(assistants[0], metadata={"batch": batch, "v": i})
        versions = await collect(
            flavour, reader.assistants.iter_versions(assistants[0], page_size=2)
        )
        assert sorted(v["version"] for v in versions) == [1, 2, 3, 4]

        crons = [
            sync.crons.create("echo", schedule="0 9 * * 1", metadata={"batch": batch})["cron_id"]
            for _ in range(5)
        ]
        pager = reader.crons.iter_search(metadata={"batch": batch}, page_size=2)
        assert sorted(c["cron_id"] for c in await collect(flavour, pager)) == sorted(crons)

        for i in range(7):
            sync.store.put_item([batch, f"n{i % 3}"], f"k{i}", {"i": i})
        items = await collect(flavour, reader.store.iter_search_items([batch], page_size=3))
        assert sorted(item["key"] for item in items) == [f"k{i}" for i in range(7)]
        spaces = await collect(
            flavour, reader.store.iter_list_namespaces(prefix=[batch], page_size=2)
        )
        assert sorted(spaces) == [[batch, "n0"], [batch, "n1"], [batch, "n2"]]
    finally:
        sync.close()
        if flavour == "async":
            await reader.aclose()
