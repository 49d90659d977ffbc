"""The executor: sends `ApiRequest`s through an `httpx.AsyncClient`.

Everything about *what* to send is decided elsewhere (pure request builders); this module only
sends, retries by the rules of `lg_transport.retries`, decodes, and turns every failure into the
typed errors of `lg_transport.errors`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import httpx

from lg_schema import QueryParamTypes, StreamPart
from lg_transport import retries
from lg_transport._json import decode_json, encode_json
from lg_transport._options import (
    TimeoutTypes,
    build_headers,
    resolve_timeout,
    validate_max_retries,
)
from lg_transport._request import NO_BODY, ApiRequest
from lg_transport.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    error_for_response,
)
from lg_transport.sse import EventStreamDecoder

logger = logging.getLogger("langgraph_sdk")

OnResponse = Callable[[httpx.Response], None]
_JSON_HEADERS = {"Content-Type": "application/json"}
_SSE_HEADERS = {"Accept": "text/event-stream"}


class HttpClient:
    """Sends API calls with retries and typed errors; the wrapped client is ``.client``."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        max_retries: int = 2,
        timeout: TimeoutTypes = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.client = client
        self.max_retries = validate_max_retries(max_retries)
        # Per-executor overrides (from with_options); None defers to the httpx client's own.
        self._timeout = None if timeout is None else resolve_timeout(timeout)
        self._headers = build_headers(None, headers, user_agent=False) if headers else None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.client.base_url)!r}>"

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: TimeoutTypes = None,
        headers: Mapping[str, str] | None = None,
    ) -> HttpClient:
        """A copy with other settings that shares this one's connection pool.

        ``headers`` are added to (not substituted for) the ones this executor already sends.
        """
        merged = {**(self._headers or {}), **(headers or {})}
        return type(self)(
            self.client,
            max_retries=self.max_retries if max_retries is None else max_retries,
            timeout=self._timeout if timeout is None else timeout,
            headers=merged or None,
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    # The official SDK's verbs, kept for drop-in use.

    async def get(
        self,
        path: str,
        *,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        return await self.send(ApiRequest("GET", path, params=params, headers=headers), on_response)

    async def post(
        self,
        path: str,
        *,
        json: dict[str, Any] | list[Any] | None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        body = NO_BODY if json is None else json
        request = ApiRequest("POST", path, json=body, params=params, headers=headers)
        return await self.send(request, on_response)

    async def put(
        self,
        path: str,
        *,
        json: dict[str, Any],
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        request = ApiRequest("PUT", path, json=json, params=params, headers=headers)
        return await self.send(request, on_response)

    async def patch(
        self,
        path: str,
        *,
        json: dict[str, Any],
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> Any:
        request = ApiRequest("PATCH", path, json=json, params=params, headers=headers)
        return await self.send(request, on_response)

    async def delete(
        self,
        path: str,
        *,
        json: Any | None = None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> None:
        body = NO_BODY if json is None else json
        request = ApiRequest("DELETE", path, json=body, params=params, headers=headers)
        await self.send(request, on_response)

    async def request_reconnect(
        self,
        path: str,
        method: str,
        *,
        json: dict[str, Any] | None = None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
        reconnect_limit: int = 5,
    ) -> Any:
        """Send a call whose long answer may be cut; retried within ``reconnect_limit``."""
        body = NO_BODY if json is None else json
        request = ApiRequest(method, path, json=body, params=params, headers=headers)
        return await self.send(request, on_response)

    def stream(
        self,
        path: str,
        method: str,
        *,
        json: dict[str, Any] | None = None,
        params: QueryParamTypes | None = None,
        headers: Mapping[str, str] | None = None,
        on_response: OnResponse | None = None,
    ) -> AsyncIterator[StreamPart]:
        body = NO_BODY if json is None else json
        request = ApiRequest(method, path, json=body, params=params, headers=headers)
        return self.stream_request(request, on_response)

    # The executor proper.

    async def send(self, request: ApiRequest, on_response: OnResponse | None = None) -> Any:
        """Send ``request`` (retrying by its retry class) and return its decoded JSON body."""
        response = await self._send_with_retries(request, stream=False)
        if on_response is not None:
            on_response(response)
        try:
            return decode_json(response.content)
        except ValueError as exc:
            raise APIResponseValidationError(
                response, response.text, message=f"the response to {request.path} is not JSON"
            ) from exc

    async def stream_request(
        self, request: ApiRequest, on_response: OnResponse | None = None
    ) -> AsyncIterator[StreamPart]:
        """Open an event stream and yield its parts as they arrive."""
        response = await self._send_with_retries(request, stream=True, extra_headers=_SSE_HEADERS)
        try:
            content_type = response.headers.get("content-type", "")
            if not content_type.startswith("text/event-stream"):
                await response.aread()
                raise APIResponseValidationError(
                    response,
                    response.text,
                    message=f"expected an event stream from {request.path}, got {content_type!r}",
                )
            if on_response is not None:
                on_response(response)
            decoder = EventStreamDecoder()
            try:
                async for chunk in response.aiter_bytes():
                    for part in decoder.feed(chunk):
                        yield part
            except httpx.RequestError as exc:
                raise _wrap_transport_error(exc, response.request) from exc
            for part in decoder.flush():
                yield part
        finally:
            await response.aclose()

    async def _send_with_retries(
        self,
        request: ApiRequest,
        *,
        stream: bool,
        extra_headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        http_request = self._build(request, extra_headers)
        retry_class = request.retry_class
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self.client.send(http_request, stream=stream)
            except httpx.RequestError as exc:
                error: APIError = _wrap_transport_error(exc, http_request)
                if attempt > self.max_retries or not retries.exception_is_retryable(
                    retry_class, exc
                ):
                    error.attempts = attempt
                    raise error from exc
                delay = retries.backoff_seconds(attempt)
                _log_retry(http_request, attempt, type(exc).__name__, delay)
                await asyncio.sleep(delay)
                continue
            if response.status_code < 400:
                return response
            try:
                await response.aread()
            except httpx.RequestError as exc:
                raise _wrap_transport_error(exc, http_request) from exc
            finally:
                await response.aclose()
            error = error_for_response(response)
            retry_after = retries.retry_after_seconds(response.headers)
            if (
                attempt > self.max_retries
                or not retries.status_is_retryable(retry_class, response.status_code)
                or (retry_after is not None and retry_after > retries.MAX_RETRY_AFTER)
            ):
                error.attempts = attempt
                raise error
            delay = retries.backoff_seconds(attempt, retry_after)
            _log_retry(http_request, attempt, f"status {response.status_code}", delay)
            await asyncio.sleep(delay)

    def _build(self, request: ApiRequest, extra_headers: Mapping[str, str] | None) -> httpx.Request:
        headers: dict[str, str] = dict(self._headers) if self._headers else {}
        content = None
        if request.has_body:
            content = encode_json(request.json)
            headers.update(_JSON_HEADERS)
        if extra_headers:
            headers.update(extra_headers)
        if request.headers:
            headers.update(request.headers)
        return self.client.build_request(
            request.method,
            request.path,
            params=request.params,
            headers=headers,
            content=content,
            timeout=self._timeout if self._timeout is not None else httpx.USE_CLIENT_DEFAULT,
        )


def _wrap_transport_error(exc: httpx.RequestError, request: httpx.Request) -> APIConnectionError:
    where = f"{request.method} {request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            request, message=f"Request timed out ({type(exc).__name__}): {where}"
        )
    detail = str(exc) or type(exc).__name__
    return APIConnectionError(message=f"Connection error on {where}: {detail}", request=request)


def _log_retry(request: httpx.Request, attempt: int, reason: str, delay: float) -> None:
    logger.info(
        "Retrying %s %s after %s (attempt %d), in %.2fs",
        request.method,
        request.url.path,
        reason,
        attempt,
        delay,
    )
