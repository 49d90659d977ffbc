"""The base of every resource client: holds the executor, builds one from options, closes it."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:  # annotations only: no typing_extensions import at run time
    from typing_extensions import Self

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
    """A client for one resource of the API; ``http`` is the executor it sends through."""

    def __init__(self, http: HttpClient) -> None:
        self.http = http

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
    ) -> Self:
        """A standalone client with the same connection options as `get_client`."""
        return cls(
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
    ) -> Self:
        """A copy with other settings that shares this client's connection pool."""
        http = self.http.with_options(
            max_retries=max_retries,
            timeout=timeout,
            headers=headers,
            stream_reconnect_attempts=stream_reconnect_attempts,
            stream_idle_timeout=stream_idle_timeout,
            on_reconnect=on_reconnect,
        )
        return type(self)(http)

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
