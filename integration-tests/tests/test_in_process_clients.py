"""`get_client()` / `get_sync_client()` with no URL inside a graph the server runs: the calls go
through the server's own loopback transport (graph `in_process`, see its docstring), with the
server's semantics: live streams; under custom auth no authentication (no token is sent), while
the run's user still applies to what the calls do (the server carries the run's auth context
into them: owner stamped, store rules). Also: the server itself runs on our `langgraph_sdk`
(the official one is absent)."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import agent_server
import httpx
import pytest

from langgraph_sdk import get_client
from lg_transport import VERSION

PACKAGES = Path(__file__).resolve().parents[2] / "packages"


def _check_report(report: dict[str, Any], tag: str, **owner: str) -> None:
    assert report["assistant_graph"] == "echo"
    assert report["thread_metadata"] == {"made_by": "in_process", "tag": tag, **owner}
    assert report["store_value"] == {"tag": tag}
    assert report["events"].count("values") == 4  # the input, then one per step
    # Live: the three steps arrive ~0.3 s apart, not together when the run ends.
    offsets = report["event_offsets"]
    assert offsets == sorted(offsets) and offsets[-1] >= 0.45, offsets
    assert Path(report["sdk_file"]).is_relative_to(PACKAGES)


@pytest.mark.parametrize("mode", ["async", "sync"])
@pytest.mark.needs("in_process_graph")
async def test_in_process_calls_without_auth(agent_server_url: str, mode: str) -> None:
    tag = uuid.uuid4().hex
    async with get_client(url=agent_server_url) as client:
        result = await client.runs.wait(None, "in_process", input={"mode": mode, "tag": tag})
    _check_report(result["report"], tag)


@pytest.mark.parametrize("mode", ["async", "sync"])
async def test_in_process_calls_under_custom_auth(auth_server_url: str, mode: str) -> None:
    tag = uuid.uuid4().hex
    headers = {"Authorization": "Bearer token-alice"}
    async with get_client(url=auth_server_url, api_key=None, headers=headers) as alice:
        thread = await alice.threads.create()
        run_input = {"mode": mode, "tag": tag, "namespace": ["alice", tag]}
        result = await alice.runs.wait(thread["thread_id"], "in_process", input=run_input)
        _check_report(result["report"], tag, owner="alice")
        # What the node made is alice's, as if she had made it.
        made = await alice.threads.search(metadata={"tag": tag})
        assert [t["metadata"]["owner"] for t in made] == ["alice"]
        assert (await alice.store.get_item(["alice", tag], "k") or {}).get("value") == {"tag": tag}
    async with get_client(url=auth_server_url, api_key=None, headers=headers) as alice:
        # The store rule still applies to the run's user in-process: another namespace is 403.
        result = await alice.runs.wait(
            None, "in_process", input={"mode": mode, "tag": tag}, raise_error=False
        )
        assert result["__error__"]["error"] == "PermissionDeniedError"


def _server_python(code: str) -> str:
    command = [
        *agent_server._uv_command(),
        "run",
        "--project",
        str(agent_server.SERVER_DIR),
        "--no-sync",
        "python",
        "-c",
        code,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env=agent_server._server_uv_env()
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_servers_environment_has_our_sdk_and_not_the_official() -> None:
    agent_server.ensure_installed()
    code = (
        "import importlib.metadata as m, json, langgraph_sdk, lg_transport\n"
        "names = ['langgraph-sdk', 'lg-schema', 'lg-transport', 'lg-assistants', 'lg-threads',"
        " 'lg-runs', 'lg-crons', 'lg-store', 'lg-auth', 'lg-server']\n"
        "sdk = m.distribution('langgraph-sdk')\n"
        "print(json.dumps({'file': langgraph_sdk.__file__, 'transport': lg_transport.__file__,"
        " 'versions': {n: m.version(n) for n in names},"
        " 'sdk_requires': sdk.requires,"
        " 'sdk_dists': sum(1 for d in m.distributions() if d.metadata['Name'] == 'langgraph-sdk')}))"
    )
    found = json.loads(_server_python(code))
    # The one langgraph-sdk distribution there is ours: our sources, our version, our parts.
    assert Path(found["file"]).is_relative_to(PACKAGES / "langgraph-sdk")
    assert Path(found["transport"]).is_relative_to(PACKAGES / "lg-transport")
    assert set(found["versions"].values()) == {VERSION}
    assert found["sdk_dists"] == 1
    assert any(req.startswith("lg-transport") for req in found["sdk_requires"])


async def test_a_client_made_before_the_servers_app_existed_works(auth_server_url: str) -> None:
    """`server/auth/webapp.py` makes its client while the server imports it (deferred)."""
    headers = {"Authorization": "Bearer token-alice"}
    async with httpx.AsyncClient(base_url=auth_server_url, headers=headers) as http:
        response = await http.get("/custom/graphs")
    assert response.status_code == 200, response.text
    assert response.json() == {"graphs": sorted(agent_server.GRAPH_IDS)}


@pytest.mark.needs("in_process_graph")
async def test_a_sync_client_on_the_servers_loop_is_refused(agent_server_url: str) -> None:
    async with get_client(url=agent_server_url) as client:
        result = await client.runs.wait(None, "in_process", input={"mode": "sync_in_async"})
    assert "use get_client()" in (result["report"]["refused"] or "")
