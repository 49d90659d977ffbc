"""The transport against the real Agent Server: construction, plain calls, a real multi-mode
stream through our decoder, and real error answers as typed errors."""

from __future__ import annotations

import uuid

import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.errors import ConflictError, NotFoundError, UnprocessableEntityError
from lg_transport import ApiRequest, create_http_client, create_sync_http_client


@pytest.mark.needs("ok_route")
async def test_ok_and_info_async(agent_server_url: str) -> None:
    http = create_http_client(url=agent_server_url, api_key=None)
    try:
        assert (await http.get("/ok"))["ok"] is True
        info = await http.get("/info")
        assert isinstance(info, dict) and "version" in info
    finally:
        await http.aclose()


@pytest.mark.needs("ok_route")
def test_ok_and_info_sync(agent_server_url: str) -> None:
    http = create_sync_http_client(url=agent_server_url, api_key="ignored-by-dev-server")
    try:
        assert http.get("/ok")["ok"] is True
        assert "version" in http.get("/info")
    finally:
        http.close()


@pytest.mark.needs("ok_route")
async def test_client_construction_shares_one_pool(agent_server_url: str) -> None:
    async with get_client(url=agent_server_url, headers={"X-Test": "1"}, timeout=30) as client:
        assert client.threads.http is client.runs.http is client.http
        assert client.http.client.headers["x-test"] == "1"
        assert client.http.client.headers["user-agent"].startswith("langgraph-sdk-py/")
        assert (await client.http.get("/ok"))["ok"] is True
    with get_sync_client(url=agent_server_url) as sync_client:
        assert sync_client.http.get("/ok")["ok"] is True


async def test_real_multi_mode_stream_is_decoded(agent_server_url: str) -> None:
    http = create_http_client(url=agent_server_url)
    try:
        thread = await http.send(ApiRequest("POST", "/threads", json={}))
        body = {
            "assistant_id": "echo",
            "input": {"messages": [{"role": "human", "content": "stream me please"}]},
            "stream_mode": ["values", "updates", "messages-tuple", "custom", "debug"],
        }
        request = ApiRequest("POST", f"/threads/{thread['thread_id']}/runs/stream", json=body)
        parts = [part async for part in http.stream_request(request)]
    finally:
        await http.aclose()
    events = [part.event for part in parts]
    assert events[0] == "metadata"
    assert {"values", "updates", "messages", "debug"} <= set(events)
    assert isinstance(parts[0].data, dict) and "run_id" in parts[0].data
    tokens = [part.data for part in parts if part.event == "messages"]
    assert all(isinstance(t, list) and len(t) == 2 for t in tokens)
    last_values = [part.data for part in parts if part.event == "values"][-1]
    assert last_values["messages"][0]["content"] == "stream me please"
    assert len(last_values["messages"]) == 2


@pytest.mark.needs("uuid_validation")
def test_real_errors_are_typed(agent_server_url: str) -> None:
    http = create_sync_http_client(url=agent_server_url)
    try:
        missing = str(uuid.uuid4())
        with pytest.raises(NotFoundError) as not_found:
            http.get(f"/threads/{missing}")
        assert not_found.value.status_code == 404
        assert missing in str(not_found.value)

        thread_id = str(uuid.uuid4())
        http.send(ApiRequest("POST", "/threads", json={"thread_id": thread_id}))
        with pytest.raises(ConflictError) as conflict:
            http.send(
                ApiRequest("POST", "/threads", json={"thread_id": thread_id, "if_exists": "raise"})
            )
        assert conflict.value.status_code == 409

        with pytest.raises(UnprocessableEntityError) as invalid:
            http.get("/assistants/not-a-uuid")
        assert invalid.value.status_code == 422
        assert invalid.value.body is not None
    finally:
        http.close()
