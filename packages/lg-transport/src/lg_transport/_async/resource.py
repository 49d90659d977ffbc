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
        """A standalone client with the same connection options as `get_client`."""
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
        """A copy with other settings that shares this client's connection pool.

        ``total_timeout`` bounds each whole call, retries included (``None``: no bound).
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
