"""The DEBUG record of each request against the real Agent Server: status, elapsed, attempt
and the server's request id, with the API key redacted."""

from __future__ import annotations

import logging

import pytest

from langgraph_sdk import get_client, get_sync_client

pytestmark = pytest.mark.integration


async def test_each_call_logs_one_debug_record(
    agent_server_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="langgraph_sdk")
    async with get_client(url=agent_server_url, api_key="sk-integration") as client:
        thread = await client.threads.create()
        await client.threads.get(thread["thread_id"])
    with get_sync_client(url=agent_server_url, api_key="sk-integration") as sync:
        sync.threads.search(limit=1)
    found = [r for r in caplog.records if r.name == "langgraph_sdk" and r.levelno == logging.DEBUG]
    assert [r.getMessage().split(" in ")[0] for r in found] == [
        "POST /threads -> 200",
        f"GET /threads/{thread['thread_id']} -> 200",
        "POST /threads/search -> 200",
    ]
    for record in found:
        assert record.attempt == 1  # type: ignore[attr-defined]
        # This server sends no x-request-id: the record says nothing rather than "None".
        assert record.request_id is None  # type: ignore[attr-defined]
        assert record.getMessage().endswith("(attempt 1)")
        assert record.request_headers["x-api-key"] == "[redacted]"  # type: ignore[attr-defined]
        assert "sk-integration" not in repr(record.__dict__)
