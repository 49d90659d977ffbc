"""The official `langgraph_sdk.errors` module path: re-exports of `lg_transport.errors`
(plus `StreamGapError`, which the official SDK does not have)."""

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
    NotImplementedByServerError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from lg_transport.resilience import StreamGapError

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
    "NotImplementedByServerError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamGapError",
    "UnprocessableEntityError",
]
