"""Raising the typed error of a response, and checking a run after its stream closed: the
official SDK's ``_araise_for_status_typed``, ``_adecode_error_body`` (``langgraph_sdk.errors``)
and ``_acheck_run`` (``langgraph_sdk._async.http``)."""

from collections.abc import Mapping

import httpx

from lg_transport import errors
from lg_transport._json import decode_json
from lg_transport._official import (
    body_for_error,
    map_status_error,
    run_check_headers,
    run_url_from_stream_location,
)


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


async def check_run(
    client: httpx.AsyncClient, stream_location: str, headers: Mapping[str, str]
) -> httpx.HTTPError | None:
    """After a run stream at ``stream_location`` closed cleanly: an error to reconnect on if
    the run is still pending or running, or if checking failed the way a restart does
    (transport error, 429, 5xx); None when the stream really ended (or the location names no
    run, or the check failed otherwise). The official SDK's ``_acheck_run``."""
    run_url = run_url_from_stream_location(stream_location)
    if run_url is None:
        return None
    try:
        response = await client.get(run_url, headers=run_check_headers(headers))
        if response.status_code == 429 or response.status_code >= 500:
            await raise_for_status_typed(response)
        status = decode_json(await response.aread())["status"] if response.is_success else None
    except (httpx.TransportError, errors.RateLimitError, errors.InternalServerError) as exc:
        return exc
    except Exception:  # a failed check must not turn a normal end into an error
        return None
    if status in ("pending", "running"):
        return httpx.TransportError("Stream closed while the run was still pending or running")
    return None
