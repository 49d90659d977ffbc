"""The short async path's call into httpcore's pool, without httpx's transport method around it.

`httpx.AsyncHTTPTransport.handle_async_request` converts the request to httpcore's, calls its
pool inside a ``map_httpcore_exceptions()`` context manager and wraps the answer. A request
waiting in the pool for a connection keeps all of that alive: the method's coroutine frame,
the context manager and its generator, and the httpcore request's header list, a new
``(name, value)`` tuple per header made from new tuples of httpx's ``Headers.raw``. With
hundreds of requests queued on a few connections, that is most of what each one holds below
the SDK. `ShortPathAsyncClient.send` does the same steps in its own frame instead:

- the httpcore request is the one httpx builds (same method, URL, content, extensions), with
  its header list made of shared ``(name, value)`` tuples for the headers of the short path's
  request templates (`remember_pairs`), equal to the ones httpcore would make;
- an error of the pool is mapped by httpx's own ``map_httpcore_exceptions()``, entered only
  once an exception is being handled (`raise_mapped`): same exception type, message, cause;
- the answer is httpx's `httpx.Response` around httpx's own ``AsyncResponseStream``.

Taken only for httpx's own async transport (exact type: a subclass may send differently) on
the httpcore versions proved (`lg_transport._internals.PROVEN`); any other transport is
called as usual.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterable
from typing import Any, NoReturn

import httpx

__all__ = ["core_request", "direct_pool", "httpx_response", "raise_mapped", "remember_pairs"]

#: ``(name, lowercased name, value)`` entries of template headers -> their ``(name, value)``.
_pairs: dict[tuple[bytes, bytes, bytes], tuple[bytes, bytes]] = {}
_PAIRS_LIMIT = 1024

_ready: bool | None = None
_core: Any = None  # httpcore, once loaded
_map_errors: Any = None
_response_stream: Any = None


def _load() -> bool:
    """Whether the direct call may be made (decided once httpcore is loaded)."""
    global _ready, _core, _map_errors, _response_stream
    if _ready is not None:
        return _ready
    core = sys.modules.get("httpcore")
    if core is None:  # not loaded yet: ask again on the next call
        return False
    from lg_transport._internals import proven

    _ready = False
    if not (proven("httpcore", getattr(core, "__version__", "")) and _h11_proven(proven)):
        return False
    try:
        from httpx._transports.default import AsyncResponseStream, map_httpcore_exceptions
    except ImportError:  # another httpx layout: its transport's own method
        return False
    if not (callable(getattr(core, "Request", None)) and callable(getattr(core, "URL", None))):
        return False
    _core, _map_errors, _response_stream = core, map_httpcore_exceptions, AsyncResponseStream
    _ready = True
    return True


def _h11_proven(proven: Any) -> bool:
    h11 = sys.modules.get("h11")
    return h11 is not None and bool(proven("h11", getattr(h11, "__version__", "")))


def direct_pool(transport: Any) -> Any:
    """The httpcore pool to call directly for ``transport``, or ``None`` to call the transport."""
    if type(transport) is not httpx.AsyncHTTPTransport or not (_ready or _load()):
        return None
    return transport._pool


def remember_pairs(entries: list[tuple[bytes, bytes, bytes]]) -> None:
    """Keep one ``(name, value)`` tuple per entry of a template's headers, for `core_request`."""
    if len(_pairs) + len(entries) > _PAIRS_LIMIT:
        _pairs.clear()
    for entry in entries:
        if entry not in _pairs:
            _pairs[entry] = (entry[0], entry[2])


def core_request(request: httpx.Request) -> Any:
    """The httpcore request httpx's transport would make of ``request``."""
    assert isinstance(request.stream, httpx.AsyncByteStream)
    url = request.url
    core = _core.Request(
        method=request.method,
        url=_core.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
        content=request.stream,
        extensions=request.extensions,
    )
    # httpx's headers are bytes already: httpcore's checks of each would pass them unchanged.
    pairs = _pairs
    core.headers = [pairs.get(entry) or (entry[0], entry[2]) for entry in request.headers._list]
    return core


def raise_mapped() -> NoReturn:
    """Raise the exception being handled as httpx's transport would (httpcore's errors become
    httpx's, the original as their cause; anything else unchanged)."""
    with _map_errors():
        raise  # called from an except block: the exception being handled


def httpx_response(core: Any) -> httpx.Response:
    """httpx's response for httpcore's ``core``, as its transport builds it."""
    assert isinstance(core.stream, AsyncIterable)
    return httpx.Response(
        status_code=core.status,
        headers=core.headers,
        stream=_response_stream(core.stream),
        extensions=core.extensions,
    )
