"""The base of every resource client: holds the executor, builds one from options, closes it."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:  # annotations only: no typing_extensions import at run time
    from typing_extensions import Self

    from lg_transport._async.raw import RawResponses

from lg_transport._async.http import HttpClient
from lg_transport._connect import HttpBackend, create_http_client
from lg_transport._options import TimeoutTypes
from lg_transport._sentinel import NOT_PROVIDED, NotGiven
from lg_transport.resilience import (
    DEFAULT_STREAM_IDLE_TIMEOUT,
    DEFAULT_STREAM_RECONNECT_ATTEMPTS,
    OnReconnect,
)


class ResourceClient:
    """The base of the SDK's clients: ``http`` is the executor they send through, and
    `connect`, `with_options` and closing work the same for one resource or all of them."""

    def __init__(self, http: HttpClient) -> None:
        self.http = http

    @classmethod
    def _from_http(cls, http: HttpClient) -> Self:
        """An instance over ``http``; a subclass whose ``__init__`` differs overrides this."""
        return cls(http)

    @classmethod
    def connect(
        cls,
        *,
        url: str | None = None,
        api_key: str | None | NotGiven = NOT_PROVIDED,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutTypes = None,
        max_retries: int = 2,
        transport: httpx.AsyncBaseTransport | None = None,
        stream_reconnect_attempts: int = DEFAULT_STREAM_RECONNECT_ATTEMPTS,
        stream_idle_timeout: float | None = DEFAULT_STREAM_IDLE_TIMEOUT,
        on_reconnect: OnReconnect | None = None,
        http_backend: HttpBackend | None = None,
        total_timeout: float | None = None,
    ) -> Self:
        """A standalone client with its own connection pool, built from the same connection
        options as `langgraph_sdk.get_client`.

        Each resource package works alone this way, e.g. a worker that only needs the store:
        ``async with StoreClient.connect(url="http://localhost:2024") as store: ...``.
        Arguments are checked here, before any request: a malformed ``url`` or a non-string
        ``api_key`` raises at once.

        Args:
            url: The server's base URL, e.g. ``"http://localhost:2024"``. ``None``: the
                in-process server when running inside one, else ``http://localhost:8123``.
            api_key: Sent as the ``x-api-key`` header. When not given, read from
                ``LANGGRAPH_API_KEY``, ``LANGSMITH_API_KEY`` or ``LANGCHAIN_API_KEY``;
                ``None`` sends no key.
            headers: Extra headers sent with every request (``x-api-key`` is reserved).
            timeout: Seconds, a ``(connect, read[, write, pool])`` tuple or an
                ``httpx.Timeout``; default connect 5 s, read and write 300 s, pool 5 s. It
                bounds each network wait of each attempt, not a whole call (see
                ``total_timeout``).
            max_retries: Retries of a failed call that cannot duplicate work (reads on
                transport errors and 408/429/5xx; calls that start work only when the server
                provably never got them). ``0`` disables retries.
            transport: An httpx transport to send through instead of the default one (a mock
                in tests, a proxy, a custom TLS setup).
            stream_reconnect_attempts: Reconnections of a stream in a row without a new event
                before giving up; ``0`` disables reconnection.
            stream_idle_timeout: Seconds without any byte on a live stream after which the
                connection counts as dead and is resumed; ``None``: never.
            on_reconnect: Called with a `ReconnectEvent` before each reconnection (logging,
                metrics).
            http_backend: ``"httpx"`` (default) or ``"aiohttp"``, the fast lane
                (``pip install 'langgraph-sdk[aiohttp]'``), with the same behaviour and errors.
            total_timeout: Seconds of wall time for a whole call, retries and rejoins
                included, after which it raises `APITimeoutError`; ``None``: no bound.

        Returns:
            A new client; close it with ``aclose()`` or use it as a context manager.

        Raises:
            TypeError, ValueError: An option of the wrong type or value, naming it.
        """
        return cls._from_http(
            create_http_client(
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
        )

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: TimeoutTypes = None,
        headers: Mapping[str, str] | None = None,
        stream_reconnect_attempts: int | None = None,
        stream_idle_timeout: float | None | NotGiven = NOT_PROVIDED,
        on_reconnect: OnReconnect | None | NotGiven = NOT_PROVIDED,
        total_timeout: float | None | NotGiven = NOT_PROVIDED,
    ) -> Self:
        """A copy of this client with other settings, sharing its connection pool.

        Options left out keep this client's values; closing either client closes the shared
        pool. Example: ``patient = client.with_options(max_retries=8, timeout=600)``.

        Args:
            max_retries: Retries of a failed call that cannot duplicate work; ``0`` disables
                them. ``None``: unchanged.
            timeout: Seconds, a ``(connect, read[, write, pool])`` tuple or an
                ``httpx.Timeout``, for each network wait. ``None``: unchanged.
            headers: Headers added to (or replacing) this client's extra headers.
            stream_reconnect_attempts: Reconnections of a stream in a row without a new
                event; ``0`` disables reconnection. ``None``: unchanged.
            stream_idle_timeout: Seconds of silence after which a live stream is resumed;
                ``None`` switches the watchdog off. Not given: unchanged.
            on_reconnect: Called with a `ReconnectEvent` before each reconnection; ``None``
                removes the callback. Not given: unchanged.
            total_timeout: Seconds of wall time for each whole call, retries included;
                ``None``: no bound. Not given: unchanged.

        Returns:
            A new client of the same class over the same connection pool.

        Raises:
            TypeError, ValueError: An option of the wrong type or value, naming it.
        """
        http = self.http.with_options(
            max_retries=max_retries,
            timeout=timeout,
            headers=headers,
            stream_reconnect_attempts=stream_reconnect_attempts,
            stream_idle_timeout=stream_idle_timeout,
            on_reconnect=on_reconnect,
            total_timeout=total_timeout,
        )
        return self._from_http(http)

    @property
    def with_raw_response(self) -> RawResponses:
        """The same methods, each returning a `RawResponse`: status, headers, request id and
        ``.parse()`` for the usual result, e.g. ``await client.threads.with_raw_response.get(id)``.
        """
        from lg_transport._async.raw import RawResponses

        return RawResponses(self)

    async def aclose(self) -> None:
        """Close the connection pool (shared with every client derived from this one)."""
        await self.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        await self.aclose()
