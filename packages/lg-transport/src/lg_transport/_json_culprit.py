"""Which argument of a call cannot be sent as JSON, for the error raised before sending.

Only runs after encoding failed, so the normal path pays nothing. A request body's top-level
keys are the call's parameters (``metadata``, ``input``, ``config``, ``value``...), so the first
key whose value fails names the parameter; the walk goes on down to the offending value.
"""

from __future__ import annotations

from typing import Any

from lg_transport._json import encode_json

_MAX_DEPTH = 32


def unserializable_error(body: Any, error: TypeError) -> TypeError:
    """A `TypeError` naming the parameter and the path of the value that failed in ``body``."""
    path = _culprit_path(body, 0)
    if not path:
        return TypeError(f"the request body cannot be sent as JSON: {error}")
    parameter = path[0]
    where = str(parameter) + "".join(f"[{step!r}]" for step in path[1:])
    return TypeError(f"{parameter}: cannot be sent as JSON: {error} (at {where})")


def _culprit_path(value: Any, depth: int) -> list[Any]:
    if depth >= _MAX_DEPTH:
        return []
    if isinstance(value, dict):
        entries: Any = value.items()
    elif isinstance(value, (list, tuple)):
        entries = enumerate(value)
    else:
        return []
    for key, item in entries:
        if _fails(item):
            return [key, *_culprit_path(item, depth + 1)]
    return []


def _fails(value: Any) -> bool:
    try:
        encode_json(value)
    except TypeError:
        return True
    return False
