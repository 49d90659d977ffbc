"""The server's own uses of the SDK run on ours: its MCP and A2A endpoints call the API
in-process through `langgraph_sdk.get_client()` (the loopback transport), then answer over
JSON-RPC. Raw httpx here: these endpoints are not SDK methods."""

from __future__ import annotations

import json
import uuid

import httpx

ECHO_ID = "046b5dc7-2108-582c-9c6c-31d556d138f0"  # the `echo` graph's assistant
ACCEPT = {"accept": "application/json, text/event-stream"}


def _rpc(method: str, params: dict[str, object]) -> dict[str, object]:
    return {"jsonrpc": "2.0", "id": uuid.uuid4().hex, "method": method, "params": params}


async def test_mcp_lists_the_graphs_as_tools_and_calls_one(agent_server_url: str) -> None:
    async with httpx.AsyncClient(base_url=agent_server_url, headers=ACCEPT) as http:
        listed = (await http.post("/mcp", json=_rpc("tools/list", {}))).json()
        assert "echo" in {tool["name"] for tool in listed["result"]["tools"]}
        arguments = {"messages": [{"role": "user", "content": "via mcp"}]}
        called = await http.post(
            "/mcp", json=_rpc("tools/call", {"name": "echo", "arguments": arguments})
        )
    result = called.json()["result"]
    assert not result.get("isError")
    assert "echo: via mcp" in result["content"][0]["text"]


async def test_a2a_sends_a_message_and_reads_the_task(agent_server_url: str) -> None:
    message = {
        "role": "user",
        "parts": [{"kind": "text", "text": "via a2a"}],
        "messageId": uuid.uuid4().hex,
    }
    async with httpx.AsyncClient(base_url=agent_server_url, headers=ACCEPT) as http:
        sent = await http.post(f"/a2a/{ECHO_ID}", json=_rpc("message/send", {"message": message}))
        task = sent.json()["result"]
        assert task["kind"] == "task"
        assert "echo: via a2a" in json.dumps(task["history"])
        got = await http.post(f"/a2a/{ECHO_ID}", json=_rpc("tasks/get", {"id": task["id"]}))
    assert got.json()["result"]["id"] == task["id"]
