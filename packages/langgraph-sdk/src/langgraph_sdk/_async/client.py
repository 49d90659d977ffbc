"""`LangGraphClient`: the five resource clients over one shared connection pool."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import httpx

from langgraph_sdk._lazy_resources import LazyResource
from lg_runs import RunsClient

if TYPE_CHECKING:  # annotations only: no typing_extensions import at run time
    from typing_extensions import Self

    from lg_assistants import AssistantsClient
    from lg_crons import CronClient
    from lg_store import StoreClient
    from lg_threads import ThreadsClient

from lg_transport import (
    NOT_PROVIDED,
    HttpBackend,
    HttpClient,
    NotGiven,
    ResourceClient,
    TimeoutTypes,
)
from lg_transport.resilience import (
    DEFAULT_STREAM_IDLE_TIMEOUT,
    DEFAULT_STREAM_RECONNECT_ATTEMPTS,
    OnReconnect,
)


class LangGraphClient(ResourceClient):
    """Client for a LangGraph Agent Server: ``assistants``, ``threads``, ``runs``, ``crons`` and
    ``store`` share one executor (``http``) and so one connection pool."""

    if TYPE_CHECKING:
        assistants: AssistantsClient
        threads: ThreadsClient
        crons: CronClient
        store: StoreClient
    else:
        # Made on first read (`langgraph_sdk._lazy_resources`): a program that only runs
        # graphs never loads these packages. ``runs``, on every program's path, is made in
        # `_bind`.
        assistants = LazyResource("lg_assistants", "AssistantsClient")
        threads = LazyResource("lg_threads", "ThreadsClient")
        crons = LazyResource("lg_crons", "CronClient")
        store = LazyResource("lg_store", "StoreClient")

    def __init__(self, client: httpx.AsyncClient, *, max_retries: int = 2) -> None:
        self._bind(HttpClient(client, max_retries=max_retries))

    @classmethod
    def _from_http(cls, http: HttpClient) -> Self:
        instance = cls.__new__(cls)
        instance._bind(http)
        return instance

    def _bind(self, http: HttpClient) -> None:
        self.http = http
        self.runs = RunsClient(http)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.http.client.base_url)!r}>"


def get_client(
    *,
    url: str | None = None,
    api_key: str | None | NotGiven = NOT_PROVIDED,
    headers: Mapping[str, str] | None = None,
    timeout: TimeoutTypes | None = None,
    max_retries: int = 2,
    transport: httpx.AsyncBaseTransport | None = None,
    stream_reconnect_attempts: int = DEFAULT_STREAM_RECONNECT_ATTEMPTS,
    stream_idle_timeout: float | None = DEFAULT_STREAM_IDLE_TIMEOUT,
    on_reconnect: OnReconnect | None = None,
    http_backend: HttpBackend | None = None,
    total_timeout: float | None = None,
) -> LangGraphClient:
    """Create a client for the Agent Server at ``url``.

    Args:
        url: The server's base URL. ``None``: the in-process server when running inside one,
            else ``http://localhost:8123``.
        api_key: Sent as ``x-api-key``. When not given: ``LANGGRAPH_API_KEY``,
            ``LANGSMITH_API_KEY`` or ``LANGCHAIN_API_KEY``; ``None`` sends no key.
        headers: Extra headers for every request (``x-api-key`` is reserved).
        timeout: Seconds, a (connect, read[, write, pool]) tuple or an `httpx.Timeout`;
            default connect 5 s, read 300 s, write 300 s, pool 5 s. It bounds each network
            wait of each attempt, not a whole call: with retries (``max_retries``), a waited
            run's rejoins and the server's heartbeats every 5 s on ``runs.wait``, a call can
            last much longer. Use ``total_timeout`` to bound a whole call.
        max_retries: Retries of a failed call, by the rules of `lg_transport.retries`:
            reading calls on transport errors and 408/429/5xx, calls that create work only
            when the server provably never got them; 0 disables them.
        transport: Any httpx transport, e.g. a faster one or a mock for tests.
        stream_reconnect_attempts: Reconnections of a run or thread stream in a row without a
            new event; every event is still delivered once, in order. 0 disables them.
        stream_idle_timeout: Seconds of silence after which a run stream (the server sends a
            heartbeat every 5 s) counts as a dead connection and is resumed; ``None``: never.
        http_backend: ``"httpx"`` (default) or ``"aiohttp"``: the fast lane, same behaviour
            and errors (``pip install 'langgraph-sdk[aiohttp]'``).
        on_reconnect: Called with a `lg_transport.resilience.ReconnectEvent` before each
            reconnection.
        total_timeout: Seconds of wall time for a whole call, retries and rejoins included;
            when spent, the call raises `APITimeoutError`. Applies to calls that return a
            value (``runs.wait`` included), not to streams. ``None`` (default): no bound.
    """
    return LangGraphClient.connect(
        url=url,
        api_key=api_key,
        headers=headers,
        timeout=timeout,
        max_retries=max_retries,
        transport=transport,
        stream_reconnect_attempts=stream_reconnect_attempts,
        stream_idle_timeout=stream_idle_timeout,
        on_reconnect=on_reconnect,
        http_backend=http_backend,
        total_timeout=total_timeout,
    )
