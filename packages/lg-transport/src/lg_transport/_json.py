"""JSON in and out with orjson, inline on the calling thread.

Encoding an ordinary request body takes microseconds; a thread-pool hop costs tens of them, so
nothing here is offloaded. orjson natively handles dataclasses, UUID, datetime, date, time and
Enum; `_default` adds what it does not: pydantic models (v1 and v2), Decimal and sets. Other
objects raise rather than being guessed at.
"""

from __future__ import annotations

import sys
from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
#: Bodies shorter than this are copied out of orjson's buffer (see `encode_json`).
_TIGHTEN_BELOW = 64 * 1024


def encode_json(obj: Any) -> bytes:
    """Serialize ``obj``; an unsupported object raises `TypeError` naming its type.

    orjson returns its whole output buffer (at least 4 KiB, several times the JSON for longer
    ones), and a request keeps its body until its response is closed, so every open stream
    held a mostly empty buffer. A short body is copied into a bytes of its own size, a cost
    far below the encoding's; a long one is left as is: the untouched tail of a large buffer
    is not resident memory.
    """
    try:
        data = orjson.dumps(obj, default=_default, option=_OPTIONS)
    except orjson.JSONEncodeError as exc:
        # orjson wraps our TypeError; surface a plain TypeError with the culprit's type.
        cause = exc.__cause__
        if isinstance(cause, TypeError):
            raise TypeError(str(cause)) from None
        raise TypeError(f"cannot serialize to JSON: {exc}") from None
    if len(data) < _TIGHTEN_BELOW:
        return b"".join((data, b""))  # a copy of exactly len(data) bytes
    return data


#: orjson's parser itself, for per-event loops that skip empty input on their own (one call
#: less per event than `decode_json`).
parse_json = orjson.loads


def decode_json(content: bytes | bytearray | memoryview | str) -> Any:
    """Parse JSON; empty content means no value (``None``)."""
    if not content:
        return None
    return orjson.loads(content)


def _default(obj: Any) -> Any:
    if isinstance(obj, type):
        # A model class (not an instance) passed by mistake: its methods are unbound.
        raise TypeError(f"Type is not JSON serializable: {obj.__name__}")
    model_dump = getattr(obj, "model_dump", None)
    if callable(model_dump) and hasattr(type(obj), "model_fields"):
        return model_dump(mode="json")  # pydantic v2
    dict_method = getattr(obj, "dict", None)
    if callable(dict_method) and hasattr(type(obj), "__fields__"):
        return dict_method()  # pydantic v1
    # A Decimal can only exist once its module is imported: no need to import it here.
    decimal = sys.modules.get("decimal")
    if decimal is not None and isinstance(obj, decimal.Decimal):
        # Keep integral values exact; JSON has no NaN/Infinity, so those become strings.
        if not obj.is_finite():
            return str(obj)
        return int(obj) if obj == obj.to_integral_value() else float(obj)
    if isinstance(obj, (set, frozenset)):
        return list(obj)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
