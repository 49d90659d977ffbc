"""Transport failures as typed errors, and which of them a rejoin may try again. Pure."""

from __future__ import annotations

import httpx

from lg_transport import retries
from lg_transport.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
)


def wrap_transport_error(exc: httpx.RequestError, request: httpx.Request) -> APIConnectionError:
    """The typed error for an httpx transport failure (raise it ``from exc``)."""
    where = f"{request.method} {where_sent(request.url)}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            request, message=f"Request timed out ({type(exc).__name__}): {where}"
        )
    detail = str(exc) or type(exc).__name__
    return APIConnectionError(message=f"Connection error on {where}: {detail}", request=request)


def where_sent(url: httpx.URL) -> str:
    """The URL a call went to, without credentials or query (which may hold secrets)."""
    return f"{url.scheme}://{url.netloc.decode('ascii')}{url.path}"


def is_transient(error: APIError) -> bool:
    """Whether a failed rejoin (a safe ``GET``) is worth another try."""
    if isinstance(error, APIResponseValidationError):
        return False
    status = getattr(error, "status_code", None)
    if status is not None:
        return retries.status_is_retryable("safe", status)
    return isinstance(error, APIConnectionError) and not isinstance(
        error.__cause__, httpx.UnsupportedProtocol
    )


def describe_error(error: APIError) -> str:
    """A short reason for logs: ``"status 503"``, ``"ReadError"``, ``"ReadTimeout"``."""
    status = getattr(error, "status_code", None)
    if status is not None:
        return f"status {status}"
    cause = error.__cause__
    return type(cause).__name__ if cause is not None else type(error).__name__


def retry_after(error: APIError) -> float | None:
    """The pause a failed response asked for (``Retry-After``), when it is within the cap."""
    response = getattr(error, "response", None)
    if not isinstance(response, httpx.Response):
        return None
    seconds = retries.retry_after_seconds(response.headers)
    if seconds is None or seconds > retries.MAX_RETRY_AFTER:
        return None
    return seconds
