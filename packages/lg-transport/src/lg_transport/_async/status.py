"""Raising the typed error of a response: the official SDK's ``_araise_for_status_typed`` and
``_adecode_error_body`` (``langgraph_sdk.errors`` exports them)."""

import httpx

from lg_transport._official import body_for_error, map_status_error


async def read_error_body(response: httpx.Response) -> object | None:
    """The response's body as JSON, else text; None when empty, undecodable or unreadable."""
    try:
        content = await response.aread()
    except Exception:  # a broken body must not hide the status error being built
        return None
    return body_for_error(content)


async def raise_for_status_typed(response: httpx.Response) -> None:
    """Raise the typed error (`NotFoundError`, ...) of a 4xx/5xx response; return otherwise."""
    if response.status_code < 400:
        return
    raise map_status_error(response, await read_error_body(response))
