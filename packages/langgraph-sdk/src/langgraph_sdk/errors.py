"""The official `langgraph_sdk.errors` module path: re-exports of `lg_transport.errors`
(plus `StreamGapError`, which the official SDK does not have, and the official module's private
`_raise_for_status_typed` / `_araise_for_status_typed`, which code imports)."""

from lg_transport.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    LangGraphError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    araise_for_status_typed,
    raise_for_status_typed,
)
from lg_transport.resilience import StreamGapError

_raise_for_status_typed = raise_for_status_typed
_araise_for_status_typed = araise_for_status_typed

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
    "StreamGapError",
    "UnprocessableEntityError",
]
