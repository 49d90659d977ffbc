"""Every error the SDK raises, as one tree.

    Exception
    └── LangGraphError
        └── APIError                        (also an httpx.HTTPError)
            ├── APIConnectionError          the request never got an HTTP answer
            │   │                           (also an httpx.TransportError)
            │   ├── APITimeoutError         ... because a timeout expired
            │   │                           (also an httpx.TimeoutException)
            │   └── StreamGapError          a stream broke and events would be lost by resuming
            │                               (lg_transport.resilience)
            ├── APIResponseValidationError  an answer came but could not be understood
            │                               (also an httpx.HTTPStatusError)
            └── APIStatusError              the server answered with a 4xx or 5xx status
                │                           (also an httpx.HTTPStatusError)
                ├── BadRequestError            400
                ├── AuthenticationError        401
                ├── PermissionDeniedError      403
                ├── NotFoundError              404
                ├── ConflictError              409
                ├── UnprocessableEntityError   422
                ├── RateLimitError             429
                └── InternalServerError        >= 500

Status errors carry `status_code`, `response`, `body` (the decoded JSON, else the text),
`request_id` and a message holding the server's own explanation. Messages never contain request
headers, so an API key cannot leak through them.

`except` clauses written for the official SDK keep catching what they caught there: it raises
`httpx.HTTPStatusError` for 4xx/5xx answers and httpx's own transport errors (`ConnectError`,
`ReadTimeout`, `RemoteProtocolError`, ...) for failures. So a status error here is an
`httpx.HTTPStatusError`, and a transport failure is an instance of the very httpx class that
failed as well as of `APIConnectionError` (or `APITimeoutError`): `except httpx.ConnectError`,
`except httpx.TimeoutException` and `except APIConnectionError` all catch a refused connection
(`connection_error_type` makes those classes, e.g. `APIConnectError`, `APIReadTimeout`). The
original httpx exception stays as `__cause__`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Literal

import httpx
import orjson

logger = logging.getLogger("langgraph_sdk")

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "LangGraphError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "connection_error_type",
    "error_for_response",
    "status_error_class",
]


class LangGraphError(Exception):
    """Root of every error raised by this SDK."""


class APIError(httpx.HTTPError, LangGraphError):
    """A request to the Agent Server failed."""

    message: str
    body: object | None
    code: str | None
    param: str | None
    type: str | None
    attempts: int

    def __init__(
        self,
        message: str,
        response_or_request: httpx.Response | httpx.Request,
        *,
        body: object | None,
    ) -> None:
        # httpx's initialisers differ by branch (a status error insists on a response, a
        # transport error has none): set the fields they would set ourselves.
        Exception.__init__(self, message)
        if isinstance(response_or_request, httpx.Response):
            self._request: httpx.Request | None = response_or_request.request
            self.response = response_or_request
        else:
            self._request = response_or_request
        self.message = message
        self.body = body
        fields = body if isinstance(body, Mapping) else {}
        self.code = _str_or_none(fields.get("code"))
        self.param = _str_or_none(fields.get("param"))
        self.type = _str_or_none(fields.get("type"))
        self.attempts = 1

    def __str__(self) -> str:
        if self.attempts > 1:
            return f"{self.message} (after {self.attempts} attempts)"
        return self.message


class APIConnectionError(APIError, httpx.TransportError):
    """No HTTP answer: the connection failed, dropped, or the body was cut short."""

    def __init__(self, *, message: str = "Connection error.", request: httpx.Request) -> None:
        super().__init__(message, request, body=None)


class APITimeoutError(APIConnectionError, httpx.TimeoutException):
    """A connect, read, write or pool timeout expired."""

    def __init__(self, request: httpx.Request, *, message: str = "Request timed out.") -> None:
        super().__init__(message=message, request=request)


class APIResponseValidationError(APIError, httpx.HTTPStatusError):
    """The server answered, but not with what the API promises."""

    response: httpx.Response
    status_code: int

    def __init__(
        self, response: httpx.Response, body: object | None, *, message: str | None = None
    ) -> None:
        super().__init__(
            message or "Data returned by the API is not valid for this call.", response, body=body
        )
        self.status_code = response.status_code


class APIStatusError(APIError, httpx.HTTPStatusError):
    """The server answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    request_id: str | None

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        super().__init__(message, response, body=body)
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    """400: the request is malformed."""

    status_code: Literal[400] = 400


class AuthenticationError(APIStatusError):
    """401: missing or invalid credentials."""

    status_code: Literal[401] = 401


class PermissionDeniedError(APIStatusError):
    """403: the credentials do not allow this."""

    status_code: Literal[403] = 403


class NotFoundError(APIStatusError):
    """404: no such resource."""

    status_code: Literal[404] = 404


class ConflictError(APIStatusError):
    """409: it exists already, or the thread is busy."""

    status_code: Literal[409] = 409


class UnprocessableEntityError(APIStatusError):
    """422: the request is well-formed but its values are rejected."""

    status_code: Literal[422] = 422


class RateLimitError(APIStatusError):
    """429: too many requests."""

    status_code: Literal[429] = 429


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


_BY_CAUSE: dict[type[BaseException], type[APIConnectionError]] = {}


def connection_error_type(cause: type[BaseException]) -> type[APIConnectionError]:
    """The `APIConnectionError` class that is also ``cause`` (an httpx transport error class):
    `APITimeoutError` and ``cause`` for timeouts. Made once per class, then remembered."""
    known = _BY_CAUSE.get(cause)
    if known is not None:
        return known
    base: type[APIConnectionError] = (
        APITimeoutError if issubclass(cause, httpx.TimeoutException) else APIConnectionError
    )
    made: type[APIConnectionError] = base
    # The exact class when it mixes in (a transport's own subclass too), else its nearest httpx
    # ancestor (when the class cannot be combined: it refuses subclasses, or its layout or
    # metaclass conflicts).
    for candidate in cause.__mro__:
        if not issubclass(candidate, httpx.HTTPError) or issubclass(base, candidate):
            continue
        name = f"API{candidate.__name__}"
        try:
            made = type(name, (base, candidate), {"__module__": __name__, "__qualname__": name})
        except TypeError:
            continue
        break
    _BY_CAUSE[cause] = made
    return made


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """The error class of a 4xx/5xx status."""
    return _STATUS_ERRORS.get(status) or (InternalServerError if status >= 500 else APIStatusError)


def error_for_response(response: httpx.Response) -> APIStatusError:
    """The typed error for a 4xx/5xx response whose body has been read."""
    body = _decode_body(response)
    status = response.status_code
    cls = status_error_class(status)
    request = response.request
    reason = response.reason_phrase or httpx.codes.get_reason_phrase(status)
    message = f"{status} {reason} for {request.method} {request.url.path}"
    explanation = server_explanation(body)
    if explanation:
        message = f"{message}: {explanation}"
    return cls(message, response=response, body=body)


def server_explanation(body: object) -> str:
    """The human-readable part of an error body, FastAPI ``detail`` lists included."""
    if isinstance(body, str):
        return body.strip()[:2000]
    if not isinstance(body, Mapping):
        return ""
    detail = body.get("detail", body.get("message", body.get("error")))
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        return "; ".join(_describe_validation_item(item) for item in detail)
    if detail is not None:
        return orjson.dumps(detail).decode()
    return ""


def _describe_validation_item(item: Any) -> str:
    if not isinstance(item, Mapping):
        return str(item)
    location = ".".join(str(part) for part in item.get("loc", ()))
    msg = str(item.get("msg", item))
    return f"{location}: {msg}" if location else msg


def _decode_body(response: httpx.Response) -> object | None:
    content = response.content
    if not content:
        return None
    try:
        body: object = orjson.loads(content)
    except orjson.JSONDecodeError:
        return response.text
    return body


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
