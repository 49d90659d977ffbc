"""``client.<resource>.with_raw_response.<method>(...)``: the HTTP response with the result.

The convention of the OpenAI and Anthropic SDKs: any method called through
``with_raw_response`` returns a `RawResponse` holding the status, headers, request id and the
`httpx.Response` of the call, and ``.parse()`` gives what the plain method would have returned.
For a stream, the response arrives when the stream opens: the call opens it and ``.parse()``
gives its parts. The plain methods are untouched: the recording executor exists only for a
call made this way.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from lg_schema import StreamPart
from lg_transport._async.http import HttpClient, OnResponse
from lg_transport._request import ApiRequest

if TYPE_CHECKING:
    from lg_transport._async.resource import ResourceClient

T = TypeVar("T")


class RawResponse(Generic[T]):
    """One call's HTTP response and its result.

    Attributes:
        http_response: The `httpx.Response` (for a call that was retried or rejoined: the
            last one, whose body gave the result).
        status_code: Its HTTP status.
        headers: Its headers.
        request_id: The server's ``x-request-id`` header, if any.
    """

    def __init__(self, http_response: httpx.Response, result: T) -> None:
        self.http_response = http_response
        self._result = result

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def url(self) -> httpx.URL:
        return self.http_response.request.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    def parse(self) -> T:
        """What the method returns when called without ``with_raw_response``."""
        return self._result

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {self.method} {self.url.path}>"


class RecordingHttpClient(HttpClient):
    """The executor of one ``with_raw_response`` call: keeps each response it receives."""

    responses: list[httpx.Response]

    @classmethod
    def around(cls, http: HttpClient) -> RecordingHttpClient:
        recording = copy.copy(http)
        recording.__class__ = cls
        assert isinstance(recording, RecordingHttpClient)
        recording.responses = []
        return recording

    def _recorder(self, on_response: OnResponse | None) -> OnResponse:
        def record(response: httpx.Response) -> None:
            self.responses.append(response)
            if on_response is not None:
                on_response(response)

        return record

    async def send(self, request: ApiRequest, on_response: OnResponse | None = None) -> Any:
        return await super().send(request, self._recorder(on_response))

    async def request_reconnect(
        self, path: str, method: str, *, on_response: OnResponse | None = None, **kwargs: Any
    ) -> Any:
        return await super().request_reconnect(
            path, method, on_response=self._recorder(on_response), **kwargs
        )

    def stream_request(
        self, request: ApiRequest, on_response: OnResponse | None = None
    ) -> AsyncIterator[StreamPart]:
        return super().stream_request(request, self._recorder(on_response))

    def stream_batches(
        self, request: ApiRequest, on_response: OnResponse | None = None
    ) -> AsyncIterator[list[StreamPart]]:
        return super().stream_batches(request, self._recorder(on_response))


class RawResponses:
    """The methods of a resource client, each returning a `RawResponse` (async: awaitable)."""

    def __init__(self, resource: ResourceClient) -> None:
        self._resource = resource

    def __repr__(self) -> str:
        return f"<RawResponses of {type(self._resource).__name__}>"

    def __getattr__(self, name: str) -> Any:
        from lg_transport._async.resource import ResourceClient

        target = getattr(self._resource, name)
        if isinstance(target, ResourceClient):  # client.with_raw_response.threads.get(...)
            return target.with_raw_response
        if name.startswith("_") or not callable(target):
            raise AttributeError(f"with_raw_response has no method {name!r}")
        return self._raw_method(name)

    def _raw_method(self, name: str) -> Callable[..., Any]:
        resource = self._resource

        async def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            recording = RecordingHttpClient.around(resource.http)
            result = getattr(resource._from_http(recording), name)(*args, **kwargs)
            if isinstance(result, AsyncIterator):
                result = await _opened(result)
            elif hasattr(result, "__await__"):
                result = await result
            if not recording.responses:
                raise TypeError(f"{name} sent no HTTP request: it has no raw response")
            return RawResponse(recording.responses[-1], result)

        call.__name__ = name
        call.__doc__ = f"`{name}`, returning a `RawResponse` whose ``.parse()`` is its result."
        return call


async def _opened(parts: AsyncIterator[Any]) -> AsyncIterator[Any]:
    """Open a stream (its response arrives with the first part) and give it back whole."""
    try:
        first = await anext(parts)
    except StopAsyncIteration:
        return _empty()
    return _chained(first, parts)


async def _chained(first: Any, rest: AsyncIterator[Any]) -> AsyncIterator[Any]:
    yield first
    async for part in rest:
        yield part


async def _empty() -> AsyncIterator[Any]:
    return
    yield  # an async generator that yields nothing
