"""httpx clients with a short path through ``send``, for any transport.

`httpx.AsyncClient.send` runs an auth flow, a redirect loop, event hooks and a per-request
context manager, and re-parses the base URL and the path on every `build_request`. When none
of that has anything to do (no auth, no redirect following, no event hooks, no proxy or other
mounts, no credentials in the URL) `ShortPathAsyncClient` / `ShortPathClient` hand the request
straight to the transport, and remember ``path -> URL`` joins. Everything else takes httpx's own
path. Either way the caller gets the same `httpx.Response` (request bound, cookies kept,
``elapsed`` set, the ``httpx`` logger line) and the same httpx exceptions with ``.request``.

Measured on 2 cores with the default httpcore transport: a sync ``assistants.get`` goes from
~235 us to ~157 us, i.e. most of httpx's own per-call cost.
"""

from __future__ import annotations

import datetime
import inspect
import logging
import time
from typing import Any

import httpx

# httpx's own send helpers, reused so that the short path behaves like the long one.
from httpx._client import (
    USE_CLIENT_DEFAULT,
    BaseClient,
    BoundAsyncStream,
    BoundSyncStream,
    ClientState,
    UseClientDefault,
)

from lg_transport._internals import direct_send as _direct
from lg_transport._internals import event_loops as _event_loops

__all__ = [
    "ReleasingAsyncStream",
    "ReleasingSyncStream",
    "ShortPathAsyncClient",
    "ShortPathClient",
    "fits",
    "short_path_classes",
]

_httpx_logger = logging.getLogger("httpx")
#: httpx's client methods the short path calls (its instance attributes are checked by the
#: version: making a client to look at them would load the CA bundle).
_CLIENT_NEEDS = ("_set_timeout", "_merge_url", "_merge_headers")


def fits() -> bool:
    """Whether this httpx has the shape the short path was written against (the version is
    checked by `lg_transport._internals.client_classes`)."""
    if not all(callable(getattr(httpx.Client, name, None)) for name in _CLIENT_NEEDS):
        return False
    try:
        parameters = inspect.signature(BoundSyncStream).parameters
    except (TypeError, ValueError):
        return False
    return "start" in parameters


def short_path_classes() -> tuple[type[httpx.AsyncClient], type[httpx.Client]]:
    return ShortPathAsyncClient, ShortPathClient


_URL_CACHE_SIZE = 512
_SIZES_PER_TEMPLATE = 64


def is_plain(
    client: httpx.AsyncClient | httpx.Client, request: httpx.Request, auth: Any, follow: Any
) -> bool:
    """Whether httpx's send machinery has nothing to do for this call beyond sending it."""
    follow_redirects = client.follow_redirects if isinstance(follow, UseClientDefault) else follow
    hooks = client.event_hooks
    return not (
        follow_redirects
        or client.auth is not None
        or not isinstance(auth, UseClientDefault)
        or hooks["request"]
        or hooks["response"]
        or client._mounts  # proxies (from arguments or the environment) or other mounts
        or request.url.userinfo
        or client.is_closed
    )


def finish(
    client: httpx.AsyncClient | httpx.Client, request: httpx.Request, response: httpx.Response
) -> None:
    """What httpx does to every answer: bind the request, keep cookies, log the call."""
    response.request = request
    response.default_encoding = client._default_encoding
    # The lowercased names httpx keeps: `"set-cookie" in response.headers` would first work
    # out the headers' encoding, a decode of every name and value, on each call.
    if b"set-cookie" in [name for _, name, _ in response.headers._list]:
        client.cookies.extract_cookies(response)
    if _httpx_logger.isEnabledFor(logging.INFO):
        _httpx_logger.info(
            'HTTP Request: %s %s "%s %d %s"',
            request.method,
            request.url,
            response.http_version,
            response.status_code,
            response.reason_phrase,
        )


class MergedUrls:
    """``path -> URL`` joins with the base URL, remembered: httpx re-parses both on each call."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[httpx.URL, httpx.URL]] = {}

    def merge(self, client: Any, url: httpx.URL | str, merge: Any) -> httpx.URL:
        if not isinstance(url, str):
            return merge(url)  # type: ignore[no-any-return]
        base = client.base_url
        found = self._cache.get(url)
        if found is not None and found[0] is base:
            return found[1]
        merged: httpx.URL = merge(url)
        if len(self._cache) >= _URL_CACHE_SIZE:
            self._cache.clear()
        self._cache[url] = (base, merged)
        return merged


class MergedHeaders:
    """The client's headers with a call's ``dict`` of headers, remembered per distinct dict.

    httpx builds two `httpx.Headers` and re-decodes every name for each call's merge (~4 us of
    a ~110 us call on the aiohttp lane); the SDK sends the same few header sets over and over.
    An entry is used only while the client's headers are still what they were when it was
    made (compared by value, so changing ``client.headers`` in place or replacing it is seen).
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[tuple[str, str], ...], tuple[list[Any], httpx.Headers]] = {}

    def merge(self, client: Any, headers: Any, merge: Any) -> httpx.Headers:
        if type(headers) is not dict:
            return merge(headers)  # type: ignore[no-any-return]
        try:
            key = tuple(headers.items())
            found = self._cache.get(key)
        except TypeError:  # an unhashable value: nothing to remember it by
            return merge(headers)  # type: ignore[no-any-return]
        base = client._headers._list
        if found is not None and found[0] == base:
            return httpx.Headers(found[1])  # a copy: the caller owns what it gets
        merged: httpx.Headers = merge(headers)
        if len(self._cache) >= _URL_CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = (list(base), httpx.Headers(merged))
        return merged


class RequestTemplates:
    """`build_request` for the SDK's usual call without httpx's per-call header preparation.

    `httpx.Request` checks and rebuilds its headers on every call (Host, Content-Length,
    normalising every name twice): ~8 us of a ~100 us call on the aiohttp lane. The SDK's calls
    come in a few shapes (method, header set, with or without a body); for each, the first
    request is built by httpx and its prepared headers are kept. The path is not part of the
    shape: the only header httpx derives from the URL is Host (its ``netloc``), which is
    compared instead, so calls on thousands of threads share one template, and each request's
    headers list holds the template's own entries rather than new copies of them. Later ones
    copy them, with their own Content-Length, and are made through httpx's ``stream=`` form,
    which adds no header of its own. The result has the same method, URL, headers (same
    order), extensions and body.

    Taken only for bytes content (or none), no query parameters, cookies, files or extensions,
    and while the URL's host and port and the client's headers are unchanged and its cookie
    jar is empty; any other call is built by httpx as usual.
    """

    def __init__(self) -> None:
        self._cache: dict[Any, tuple[bytes, list[Any], httpx.Headers, dict[int, Any]]] = {}

    def build(
        self,
        client: Any,
        method: str,
        url: Any,
        headers: Any,
        content: Any,
        timeout: Any,
        slow: Any,
    ) -> httpx.Request:
        if (
            type(url) is not str
            or (content is not None and type(content) is not bytes)
            or (headers is not None and type(headers) is not dict)
            or len(client.cookies.jar)
        ):
            return slow()  # type: ignore[no-any-return]
        try:
            # httpx places Content-Length differently with and without a body: two templates.
            key = (method, tuple(headers.items()) if headers else (), not content)
            found = self._cache.get(key)
        except TypeError:  # an unhashable header value
            return slow()  # type: ignore[no-any-return]
        merged_url = client._merge_url(url)
        netloc = merged_url.netloc  # what httpx's Host header says, when the call sets none
        base = client._headers._list
        if found is None or found[0] != netloc or found[1] != base:
            request: httpx.Request = slow()
            if len(self._cache) >= _URL_CACHE_SIZE:
                self._cache.clear()
            template = httpx.Headers(request.headers)
            _direct.remember_pairs(template._list)
            self._cache[key] = (netloc, list(base), template, {})
            return request
        template = found[2]
        if content:
            # The template's headers with this body's Content-Length, kept per length: the
            # SDK's bodies come in a few sizes, and setting the header rescans the list.
            sized_headers = found[3]
            size = len(content)
            sized = sized_headers.get(size)
            if sized is None:
                # Passing the encoding on spares the copy from working it out again (a scan
                # of every name and value).
                sized = httpx.Headers(template, encoding=template.encoding)
                sized["Content-Length"] = str(size)
                _direct.remember_pairs(sized._list)
                if len(sized_headers) >= _SIZES_PER_TEMPLATE:
                    sized_headers.clear()
                sized_headers[size] = sized
        else:
            sized = template  # httpx's own headers for no body (the same for None and b"")
        if isinstance(timeout, UseClientDefault):
            timeout = client.timeout
        elif not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout)
        request = httpx.Request(
            method,
            merged_url,
            headers=sized,  # copied by the request
            stream=httpx.ByteStream(content or b""),
            extensions={"timeout": timeout.as_dict()},
        )
        # The copy does not keep the encoding: without it, sending the headers would work it
        # out again.
        request.headers.encoding = sized.encoding
        request._content = content or b""  # what `read()` would set: the body is in memory
        return request


class RememberedBuilds(BaseClient):
    """What both short-path clients remember between calls: URL joins, header merges and
    request templates. Mixed in before httpx's client class, whose methods it wraps."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._merged_urls = MergedUrls()
        self._merged_headers = MergedHeaders()
        self._request_templates = RequestTemplates()

    def build_request(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        content: Any = None,
        params: Any = None,
        headers: Any = None,
        timeout: Any = USE_CLIENT_DEFAULT,
        **others: Any,
    ) -> httpx.Request:
        build = super().build_request

        def slow() -> httpx.Request:
            return build(
                method,
                url,
                content=content,
                params=params,
                headers=headers,
                timeout=timeout,
                **others,
            )

        if params or any(value is not None for value in others.values()):
            return slow()
        return self._request_templates.build(self, method, url, headers, content, timeout, slow)

    def _merge_url(self, url: httpx.URL | str) -> httpx.URL:
        return self._merged_urls.merge(self, url, super()._merge_url)

    def _merge_headers(self, headers: Any = None) -> httpx.Headers:
        return self._merged_headers.merge(self, headers, super()._merge_headers)


class ReleasingAsyncStream(BoundAsyncStream):
    """httpx's bound response stream, which lets go of its response once closed.

    httpx's response and its bound stream refer to each other, so a finished call's whole
    object graph (response, request, headers, httpcore's pool request and its event) outlives
    the caller until the cycle collector's next full pass; with hundreds of streams at once
    those graphs pile up. Closing breaks the cycle: the graph is freed as soon as the caller
    drops the response. A closed response never reads its stream again (httpx raises
    `httpx.StreamClosed` first), so nothing else changes.

    Closing also lets the next queued call through the pool's gate, when the call came
    through one (`lg_transport._internals.pool_gate.leave_on_close`).
    """

    _gate: Any = None

    async def aclose(self) -> None:
        response = self._response
        if response is not None:  # a second close only closes the stream under it
            self._response = None  # type: ignore[assignment]
            elapsed = time.perf_counter() - self._start
            response.elapsed = datetime.timedelta(seconds=elapsed)
        try:
            await self._stream.aclose()
        finally:
            gate = self._gate
            if gate is not None:  # its connection is back in the pool: the next call's turn
                self._gate = None
                gate.leave()


class ReleasingSyncStream(BoundSyncStream):
    """`ReleasingAsyncStream` for sync clients."""

    def close(self) -> None:
        response = self._response
        if response is not None:
            self._response = None  # type: ignore[assignment]
            elapsed = time.perf_counter() - self._start
            response.elapsed = datetime.timedelta(seconds=elapsed)
        self._stream.close()


class ShortPathAsyncClient(RememberedBuilds, httpx.AsyncClient):
    """An `httpx.AsyncClient` that skips httpx's send machinery when it has nothing to do.

    It also follows its caller from one event loop to the next (`lg_transport._internals.event_loops`).
    """

    _loop: Any = None

    async def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = USE_CLIENT_DEFAULT,
        follow_redirects: Any = USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        loop = _event_loops.running_loop()
        if loop is not self._loop:  # another event loop than the last call's
            _event_loops.move_to_loop(self, self._loop)
            self._loop = loop
        if not is_plain(self, request, auth, follow_redirects):
            return await super().send(
                request, stream=stream, auth=auth, follow_redirects=follow_redirects
            )
        self._state = ClientState.OPENED
        self._set_timeout(request)
        # On httpx's own transport, unless a subclass has its own send step, httpcore's pool is
        # called from this frame: one coroutine less per request waiting for a connection.
        pool = None
        if type(self)._send_plain is ShortPathAsyncClient._send_plain:
            pool = _direct.direct_pool(self._transport)
        try:
            if pool is None:
                response = await self._send_plain(request, stream)
            else:  # httpx's transport method (`lg_transport._internals.direct_send`)
                start = time.perf_counter()
                core_request = _direct.core_request(request)
                try:
                    core_response = await pool.handle_async_request(core_request)
                except Exception:
                    _direct.raise_mapped()
                # As when httpx's method returns: httpcore's response is dropped once wrapped.
                response = _direct.httpx_response(core_response)
                del core_request, core_response
                releasing(response, start)
                if not stream:
                    await read_or_close(response)
        except httpx.RequestError as exc:
            exc.request = request
            raise
        finish(self, request, response)
        return response

    async def aclose(self) -> None:
        loop = _event_loops.running_loop()
        if loop is not self._loop:  # closed from another loop than the last call's
            _event_loops.move_to_loop(self, self._loop)
            self._loop = loop
        await super().aclose()

    async def _send_plain(self, request: httpx.Request, stream: bool) -> httpx.Response:
        start = time.perf_counter()
        response = await self._transport.handle_async_request(request)
        releasing(response, start)
        if not stream:
            await read_or_close(response)
        return response


def releasing(response: httpx.Response, start: float) -> None:
    """Bind ``response``'s stream as httpx does, with a stream that lets go of it once closed."""
    assert isinstance(response.stream, httpx.AsyncByteStream)
    response.stream = ReleasingAsyncStream(response.stream, response=response, start=start)


async def read_or_close(response: httpx.Response) -> None:
    """Read the body of a call that is not streamed; close the response if that fails."""
    try:
        await response.aread()
    except BaseException:
        await response.aclose()
        raise


class ShortPathClient(RememberedBuilds, httpx.Client):
    """An `httpx.Client` that skips httpx's send machinery when it has nothing to do."""

    def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = USE_CLIENT_DEFAULT,
        follow_redirects: Any = USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        if not is_plain(self, request, auth, follow_redirects):
            return super().send(
                request, stream=stream, auth=auth, follow_redirects=follow_redirects
            )
        self._state = ClientState.OPENED
        self._set_timeout(request)
        try:
            response = self._send_plain(request, stream)
        except httpx.RequestError as exc:
            exc.request = request
            raise
        finish(self, request, response)
        return response

    def _send_plain(self, request: httpx.Request, stream: bool) -> httpx.Response:
        start = time.perf_counter()
        response = self._transport.handle_request(request)
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = ReleasingSyncStream(response.stream, response=response, start=start)
        if not stream:
            try:
                response.read()
            except BaseException:
                response.close()
                raise
        return response
