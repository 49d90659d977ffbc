"""SDK logging: one DEBUG record per HTTP attempt, and the ``LANGGRAPH_SDK_LOG`` switch.

Each attempt of each call logs, on the ``langgraph_sdk`` logger at DEBUG::

    POST /threads/search -> 200 in 3.1 ms (attempt 1, request id 5f0c...)

(the request id when the server sends one, in ``x-request-id``)
with the same facts as ``extra`` fields for structured handlers (``http_method``, ``path``,
``status_code``, ``elapsed_ms``, ``attempt``, ``request_id``, ``request_headers``). Secrets are
never written: the query string is left out and the API key, authorization and cookie headers
read ``[redacted]``. The executor asks ``isEnabledFor(DEBUG)`` once per call; when it is off,
nothing here runs.

``LANGGRAPH_SDK_LOG=debug`` (or ``info``, ``warning``, ``error``) in the environment sets the
logger's level when the first client is made, and gives it a stderr handler if it has none.
"""

from __future__ import annotations

import logging
import os
import time
import warnings

import httpx

logger = logging.getLogger("langgraph_sdk")
ENV_VAR = "LANGGRAPH_SDK_LOG"
_SECRET_HEADERS = frozenset(
    {"x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie", "x-auth-token"}
)
_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}
_configured = False


def redacted(headers: httpx.Headers) -> dict[str, str]:
    """The headers, with secrets replaced by ``[redacted]``."""
    return {
        name: "[redacted]" if name.lower() in _SECRET_HEADERS else value
        for name, value in headers.items()
    }


def log_attempt(
    request: httpx.Request,
    attempt: int,
    started: float,
    response: httpx.Response | None = None,
    error: BaseException | None = None,
) -> None:
    """The DEBUG record of one attempt (called only when DEBUG is enabled)."""
    elapsed_ms = (time.perf_counter() - started) * 1000
    status = None if response is None else response.status_code
    request_id = None if response is None else response.headers.get("x-request-id")
    outcome = str(status) if response is not None else f"failed ({type(error).__name__})"
    path = request.url.path
    logger.debug(
        "%s %s -> %s in %.1f ms (attempt %d%s)",
        request.method,
        path,
        outcome,
        elapsed_ms,
        attempt,
        "" if request_id is None else f", request id {request_id}",
        extra={
            "http_method": request.method,
            "path": path,
            "status_code": status,
            "elapsed_ms": elapsed_ms,
            "attempt": attempt,
            "request_id": request_id,
            "request_headers": redacted(request.headers),
        },
    )


def configure_from_env() -> None:
    """Apply ``LANGGRAPH_SDK_LOG`` once (called when a client is made)."""
    global _configured
    if _configured:
        return
    _configured = True
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return
    level = _LEVELS.get(value.lower())
    if level is None:
        warnings.warn(
            f"{ENV_VAR}={value!r} is not one of debug, info, warning, error; ignored",
            stacklevel=3,
        )
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
