"""Transport failures as typed errors, and which of them a rejoin may try again. Pure."""

from __future__ import annotations

import httpx

from lg_transport import retries
from lg_transport.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    connection_error_type,
)


def wrap_transport_error(exc: httpx.RequestError, request: httpx.Request) -> APIConnectionError:
    """The typed error for an httpx transport failure (raise it ``from exc``): an instance of
    ``exc``'s own class too, so ``except httpx.ConnectError`` and the like still catch it."""
    if isinstance(exc, APIConnectionError):
        return exc  # typed already (a nested call of ours failed)
    where = f"{request.method} {where_sent(request.url)}"
    error_type = connection_error_type(type(exc))
    if isinstance(exc, httpx.TimeoutException):
        message = f"Request timed out ({type(exc).__name__}): {where}"
    else:
        message = f"Connection error on {where}: {str(exc) or type(exc).__name__}"
    return error_type(message=message, request=request)


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
