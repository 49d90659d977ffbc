"""Argument checks name the parameter and fire before any request."""

from __future__ import annotations

import uuid

import httpx
import pytest

from lg_transport import HttpClient, SyncHttpClient, build_path, path_id
from lg_transport import validate as v
from lg_transport._request import ApiRequest


def test_path_ids_are_encoded() -> None:
    assert build_path("/threads/{thread_id}/runs/{run_id}", thread_id="a b/c", run_id="r?1") == (
        "/threads/a%20b%2Fc/runs/r%3F1"
    )
    assert path_id(uuid.UUID(int=2), "thread_id") == "00000000-0000-0000-0000-000000000002"


async def test_bare_dot_ids_reach_the_wire_encoded() -> None:
    # URL normalization would collapse "." and "..", sending the call to another resource.
    assert path_id(".", "thread_id") == "%2E"
    assert path_id("..", "thread_id") == "%2E%2E"
    assert path_id("a.b", "thread_id") == "a.b"
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(200, json={})

    transport = httpx.MockTransport(handler)
    request = ApiRequest("DELETE", build_path("/threads/{t}/runs/{r}", t="..", r="../runs/x"))
    async with httpx.AsyncClient(base_url="http://t", transport=transport) as client:
        await HttpClient(client).send(request)
    with httpx.Client(base_url="http://t", transport=transport) as sync_client:
        SyncHttpClient(sync_client).send(request)
    assert seen == ["/threads/%2E%2E/runs/..%2Fruns%2Fx"] * 2


@pytest.mark.parametrize(("value", "exc"), [(None, ValueError), ("", ValueError), (3, TypeError)])
def test_bad_ids(value: object, exc: type[Exception]) -> None:
    with pytest.raises(exc, match="thread_id"):
        path_id(value, "thread_id")


def test_checks() -> None:
    with pytest.raises(TypeError, match="limit"):
        v.check_int("limit", "10")
    with pytest.raises(TypeError, match="limit"):
        v.check_int("limit", True)
    with pytest.raises(ValueError, match="offset"):
        v.check_int("offset", -1, minimum=0)
    with pytest.raises(ValueError, match="stream_mode"):
        v.check_literals("stream_mode", ["values", "nope"], ["values", "updates"])
    with pytest.raises(TypeError, match="stream_mode"):
        v.check_literals("stream_mode", [], ["values"])
    with pytest.raises(ValueError, match="input, command"):
        v.check_exclusive(input={}, command={})
    with pytest.raises(TypeError, match=r"ids\[1\]"):
        v.check_str_list("ids", ["a", 2])
    with pytest.raises(TypeError, match="metadata"):
        v.check_mapping("metadata", [1])
    v.check_literals("stream_mode", "values", ["values"])
    v.check_interrupt_nodes("interrupt_before", "*")
    v.check_exclusive(input={}, command=None)
