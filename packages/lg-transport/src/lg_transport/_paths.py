"""Path building: every id is validated and percent-encoded before it reaches a URL."""

from __future__ import annotations

from urllib.parse import quote


def path_id(value: object, name: str) -> str:
    """``value`` as one encoded path segment; a missing or empty id raises `ValueError`."""
    if value is None:
        raise ValueError(f"{name} is required, got None")
    if not isinstance(value, str):
        # UUID objects are a common, harmless input; anything else is a caller bug.
        if type(value).__name__ == "UUID":
            value = str(value)
        else:
            raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must be a non-empty string")
    quoted = quote(value, safe="")
    if not quoted.strip("."):
        # "." or ".." would be collapsed by httpx as a relative segment: send them opaque.
        return "%2E" * len(quoted)
    return quoted


def build_path(template: str, **ids: object) -> str:
    """Fill ``template`` (``"/threads/{thread_id}/runs/{run_id}"``) with validated, encoded ids."""
    return template.format(**{name: path_id(value, name) for name, value in ids.items()})
