"""``with_raw_response`` against the real Agent Server: status, headers, request id and the
parsed result, for a plain call, a list and a stream, async and sync."""

from __future__ import annotations

import pytest

from langgraph_sdk import get_client, get_sync_client

pytestmark = pytest.mark.integration


async def test_async_raw_responses(agent_server_url: str) -> None:
    async with get_client(url=agent_server_url) as client:
        raw = await client.threads.with_raw_response.create(metadata={"raw": True})
        thread = raw.parse()
        assert raw.status_code == 200
        assert raw.headers["content-type"].startswith("application/json")
        assert raw.request_id == raw.headers.get("x-request-id")
        assert thread["metadata"]["raw"] is True
        assert (await client.threads.get(thread["thread_id"]))["thread_id"] == thread["thread_id"]

        listed = await client.with_raw_response.threads.search(metadata={"raw": True})
        assert [t["thread_id"] for t in listed.parse()] == [thread["thread_id"]]

        stream = await client.runs.with_raw_response.stream(
            thread["thread_id"], "echo", input={"messages": [{"role": "user", "content": "hi"}]}
        )
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = [part.event async for part in stream.parse()]
        assert events[0] == "metadata"
        assert "values" in events


def test_sync_raw_responses(agent_server_url: str) -> None:
    with get_sync_client(url=agent_server_url) as client:
        raw = client.threads.with_raw_response.create()
        assert raw.status_code == 200
        thread_id = raw.parse()["thread_id"]
        deleted = client.threads.with_raw_response.delete(thread_id)
        assert deleted.status_code in (200, 202, 204)
        assert deleted.parse() is None
