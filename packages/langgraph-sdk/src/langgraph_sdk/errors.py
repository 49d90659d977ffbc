"""The official `langgraph_sdk.errors` module path: re-exports of `lg_transport.errors`
(plus `StreamGapError`, which the official SDK does not have)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from lg_transport.lazy import lazy_names
from lg_transport.official import araise_for_status_typed as _araise_for_status_typed
from lg_transport.official import aread_error_body as _adecode_error_body
from lg_transport.official import extract_error_message as _extract_error_message
from lg_transport.official import map_status_error as _map_status_error
from lg_transport.resilience import StreamGapError

if TYPE_CHECKING:
    from lg_transport.official import raise_for_status_typed as _raise_for_status_typed
    from lg_transport.official import read_error_body as _decode_error_body

# The sync helpers load when first reached: async programs import this module for its errors.
_LAZY = {
    "_raise_for_status_typed": "lg_transport.official:raise_for_status_typed",
    "_decode_error_body": "lg_transport.official:read_error_body",
}

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
    "_adecode_error_body",
    "_araise_for_status_typed",
    "_decode_error_body",
    "_extract_error_message",
    "_map_status_error",
    "_raise_for_status_typed",
]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
