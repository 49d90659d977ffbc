"""Connection options are checked when a client is made, and errors say what and where:
bad ``url`` / ``api_key`` / ``headers`` / ``timeout`` name the option (for `get_client`,
`get_sync_client` and every resource client's ``connect``); a value that cannot be sent as JSON
names its parameter before any request; a connection error names the full URL it tried."""

from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.errors import APIConnectionError
from lg_assistants import AssistantsClient, SyncAssistantsClient
from lg_crons import CronClient, SyncCronClient
from lg_runs import RunsClient, SyncRunsClient
from lg_store import StoreClient, SyncStoreClient
from lg_threads import SyncThreadsClient, ThreadsClient

FACTORIES: list[Any] = [
    get_client,
    get_sync_client,
    *(
        cls.connect
        for cls in (
            AssistantsClient,
            SyncAssistantsClient,
            ThreadsClient,
            SyncThreadsClient,
            RunsClient,
            SyncRunsClient,
            CronClient,
            SyncCronClient,
            StoreClient,
            SyncStoreClient,
        )
    ),
]
BAD_OPTIONS = [
    (
        {"url": "127.0.0.1:2301"},
        ValueError,
        r"url must start with http:// or https://.*'http://127\.0\.0\.1:2301'",
    ),
    (
        {"url": "localhost:8123"},
        ValueError,
        r"url must start with http://.*did you mean 'http://localhost:8123'",
    ),
    (
        {"url": "ftp://example.com"},
        ValueError,
        r"url must start with http:// or https://, got 'ftp://example.com'$",
    ),
    ({"url": "http://"}, ValueError, "url has no host"),
    ({"url": 8123}, TypeError, "url must be a str"),
    ({"api_key": 123}, TypeError, "api_key must be a str or None, got int 123"),
    ({"api_key": b"key"}, TypeError, "api_key must be a str or None, got bytes"),
    ({"headers": ["x-a", "b"]}, TypeError, "headers must be a mapping"),
    ({"headers": {"x-a": 1}}, TypeError, r"headers\['x-a'\] must be a str, got int 1"),
    ({"headers": {1: "a"}}, TypeError, "headers: the name 1 must be a str"),
    ({"timeout": -1}, ValueError, "timeout: connect must be >= 0 seconds, got -1.0"),
    (
        {"timeout": (5, "30")},
        TypeError,
        "timeout: read must be a number of seconds or None, got str",
    ),
    ({"timeout": "30"}, TypeError, "timeout must be a float"),
    ({"timeout": httpx.Timeout(5, read=-2)}, ValueError, "timeout: read must be >= 0"),
]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: getattr(f, "__qualname__", repr(f)))
@pytest.mark.parametrize(("options", "error", "message"), BAD_OPTIONS, ids=lambda v: repr(v)[:40])
def test_bad_options_fail_when_the_client_is_made(
    factory: Any, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        factory(**options)


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: getattr(f, "__qualname__", repr(f)))
def test_good_options_are_accepted(factory: Any) -> None:
    for options in (
        {"url": "https://example.com:8443/prefix", "api_key": "k", "headers": {"x-a": "b"}},
        {"url": "http://localhost", "api_key": None, "timeout": (1, None)},
        {"url": httpx.URL("http://127.0.0.1:2301"), "timeout": httpx.Timeout(1.5)},
        {"timeout": 0},
    ):
        client = factory(**options)
        assert client.http is not None


def test_with_options_checks_headers_and_timeout() -> None:
    client = get_sync_client(url="http://test", api_key=None)
    with pytest.raises(TypeError, match=r"headers\['x-n'\] must be a str"):
        client.with_options(headers={"x-n": 3})
    with pytest.raises(ValueError, match="timeout: connect must be >= 0"):
        client.with_options(timeout=-0.5)


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={})


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: c.threads.create(metadata={"x": object()}),
            r"^metadata: cannot be sent as JSON: .*object.* \(at metadata\['x'\]\)$",
        ),
        (
            lambda c: c.runs.create(
                "t1", "agent", input={"messages": [{"content": {1, object()}}]}
            ),
            r"^input: cannot be sent as JSON: .* \(at input\['messages'\]\[0\]\['content'\]\)$",
        ),
        (
            lambda c: c.store.put_item(["ns"], "k", {"when": object()}),
            r"^value: cannot be sent as JSON: .* \(at value\['when'\]\)$",
        ),
        (
            lambda c: c.assistants.create("agent", config={"configurable": {"fn": print}}),
            r"^config: .*builtin_function_or_method.* \(at config\['configurable'\]\['fn'\]\)$",
        ),
    ],
)
def test_unserializable_values_name_their_parameter_before_sending(call: Any, message: str) -> None:
    recorder = Recorder()
    client = get_sync_client(
        url="http://test", api_key=None, transport=httpx.MockTransport(recorder)
    )
    with pytest.raises(TypeError, match=message):
        call(client)
    assert recorder.requests == []


async def test_async_unserializable_value_names_its_parameter() -> None:
    recorder = Recorder()
    client = get_client(url="http://test", api_key=None, transport=httpx.MockTransport(recorder))
    with pytest.raises(TypeError, match=r"^metadata: .* \(at metadata\['x'\]\)$"):
        await client.threads.create(metadata={"x": object()})
    assert recorder.requests == []


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("backend", ["httpx", "aiohttp"])
async def test_connection_errors_name_the_full_url(backend: str) -> None:
    port = _closed_port()
    url = f"http://user:secret@127.0.0.1:{port}"
    expected = rf"^Connection error on POST http://127\.0\.0\.1:{port}/assistants/search: "
    async with get_client(url=url, max_retries=0, http_backend=backend) as client:  # type: ignore[arg-type]
        with pytest.raises(APIConnectionError, match=expected) as caught:
            await client.assistants.search(metadata={"token": "q"})
    assert "secret" not in str(caught.value)
    sync = get_sync_client(url=url, max_retries=0, http_backend=backend)  # type: ignore[arg-type]
    with sync, pytest.raises(APIConnectionError, match=expected):
        sync.assistants.search()
