"""Server-sent events decoding (compatibility module; the implementation is `lg_transport.sse`)."""

from lg_schema import StreamPart
from lg_transport.sse import (
    BytesLike,
    BytesLineDecoder,
    SSEDecoder,
    aiter_lines_raw,
    iter_lines_raw,
)

__all__ = [
    "BytesLike",
    "BytesLineDecoder",
    "SSEDecoder",
    "StreamPart",
    "aiter_lines_raw",
    "iter_lines_raw",
]
