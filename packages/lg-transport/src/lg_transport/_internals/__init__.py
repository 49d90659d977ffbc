"""The one door to httpx's, httpcore's, h11's and aiohttp's private internals.

Three fast paths build on names those libraries do not promise to keep:

- ``short_path`` (`short_path`): httpx's clients minus the send machinery a plain call does
  not need; needs httpx's private client helpers. On httpx's own async transport it calls
  httpcore's pool itself (`direct_send`), with httpx's exception mapping and stream wrapper.
- ``lean_pool`` (`lean_pool`): httpcore's connection pool with a lazy sweep of idle sockets;
  the sync pool's connections take a short HTTP/1.1 exchange for plain calls (`lean_http11`),
  parsed with h11's grammar and handed to h11 for anything else.
- ``raw_body`` (`raw_body`): chunked event-stream bodies read straight off httpcore's
  HTTP/1.1 connection, then h11's state put back.

``lazy_tls`` (`lazy_tls`): the TLS context (and its CA bundle) of httpx's default transport built
on the client's first TLS connection instead of when the client is made (`make_client`).

`event_loops` (used by the short path) drops a client's pooled connections when its calls move
to another event loop; it reads httpx's, httpcore's and aiohttp's private state too.

Each is taken only on the versions the dependency matrix of ``scripts/test`` proved it on
(`PROVEN`), and only when the classes it touches still have the shape it expects. Any other
version takes httpx's stock path, which gives the same results, slower. The decision is made
once per process (httpcore's on first use: httpx imports it only when a transport is made).

Every other module of the SDK reaches those internals through the functions below only; a
lint rule (``flake8-tidy-imports`` banned-api) and ``tests/test_boundaries.py`` keep it so.
"""

from __future__ import annotations

import ssl
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import httpx

# The TLS context of httpx's default transport, built on the first TLS connection.
from lg_transport._internals import lazy_tls

# A client's pools and sessions moved from one event loop to the next (the notebook pattern).
from lg_transport._internals.event_loops import retire_session

# Async calls beyond the pool's connections queue before their request is built.
from lg_transport._internals.pool_gate import (
    AsyncPoolGate,
    SyncPoolGate,
    Turn,
    async_admission,
    leave_on_close,
    set_pool_timeout,
    sync_admission,
)

# Bodies taken over by `take_over` are read with these (they touch no private name themselves
# but `give_back` and `mapped_errors`, which only ever see what `take_over` vetted).
from lg_transport._internals.raw_body import (
    READ_SIZE,
    RawBody,
    decoding_pieces,
    give_back,
    incomplete_body,
    mapped_errors,
    take_first,
)

# The version ranges each fast path was proved on, read one way.
from lg_transport._internals.versions import within

if TYPE_CHECKING:  # the classes `client_classes` may return, for subclasses' type checks
    from lg_transport._internals.short_path import ShortPathAsyncClient as ShortPathAsyncClient
    from lg_transport._internals.short_path import ShortPathClient as ShortPathClient

__all__ = [
    "PROVEN",
    "READ_SIZE",
    "AsyncPoolGate",
    "RawBody",
    "SyncPoolGate",
    "Turn",
    "async_admission",
    "client_classes",
    "client_tls_context",
    "client_uses_mounts",
    "decoding_pieces",
    "drop_idle_aiohttp_connections",
    "fast_paths",
    "give_back",
    "leave_on_close",
    "headers_from_raw",
    "incomplete_body",
    "lighten",
    "lighten_client",
    "make_client",
    "mapped_errors",
    "proven",
    "retire_session",
    "set_pool_timeout",
    "set_read_content",
    "sync_admission",
    "take_first",
    "take_over",
    "transport_stream",
    "url_identity",
]

#: Distribution -> the versions its fast paths were proved on: ``(lowest, below)``. Widen a
#: range only after the matrix of ``scripts/test`` passed with the new version at its edge.
PROVEN: Final[Mapping[str, tuple[tuple[int, ...], tuple[int, ...]]]] = {
    "httpx": ((0, 28, 1), (0, 30)),  # short_path: BoundAsyncStream(start=), Client._set_timeout
    "httpcore": ((1, 0, 9), (1, 1)),  # lean_pool and raw_body: the 1.0.9 pool and connection
    "h11": ((0, 16), (0, 17)),  # raw_body: h11's connection state and receive buffer
}


def proven(distribution: str, version: str) -> bool:
    """Whether ``version`` of ``distribution`` is inside its `PROVEN` range (a pre-release or
    a local build never is: the matrix tests releases)."""
    return within(version, (PROVEN[distribution],))


def _module_proven(name: str) -> bool:
    module = sys.modules.get(name)
    return module is not None and proven(name, getattr(module, "__version__", ""))


_client_classes: tuple[type[httpx.AsyncClient], type[httpx.Client]] | None = None
#: `headers_from_raw` fills `httpx.Headers`' (raw name, lowercased name, value) list itself.
_HEADERS_LIST_PROVEN: Final = proven("httpx", httpx.__version__)


def client_classes() -> tuple[type[httpx.AsyncClient], type[httpx.Client]]:
    """httpx's (async, sync) clients with the short send path where it was proved, else
    httpx's own clients."""
    global _client_classes
    if _client_classes is None:
        _client_classes = httpx.AsyncClient, httpx.Client
        if proven("httpx", httpx.__version__):
            try:
                from lg_transport._internals.short_path import fits, short_path_classes
            except ImportError:  # httpx moved a helper the short path reuses
                pass
            else:
                if fits():
                    _client_classes = short_path_classes()
    return _client_classes


def _httpcore_proven() -> bool:
    """Whether the loaded httpcore and h11 are the proved ones (not loaded yet: no)."""
    return _module_proven("httpcore") and _module_proven("h11")


def lighten(transport: httpx.AsyncBaseTransport | httpx.BaseTransport) -> None:
    """Make the pool of httpx's default transport lean where proved; else leave it alone."""
    if not _httpcore_proven():
        return
    from lg_transport._internals.lean_pool import lighten as lighten_pool

    lighten_pool(transport)


def make_client(client_class: type[Any], options: Mapping[str, Any]) -> Any:
    """``client_class(**options)``; for httpx's own transport where `lazy_tls` applies, with
    the TLS context built on the first TLS connection (else exactly httpx's own path)."""
    if client_class in _httpx_client_classes() and lazy_tls.applies(options):
        client = client_class(**options, verify=lazy_tls.pending_context())
        if lazy_tls.adopt(client):
            return client
        # Another shape than proved (a proxy appeared meanwhile): nothing was sent; remake it.
    return client_class(**options)


def _httpx_client_classes() -> tuple[type[Any], ...]:
    return (httpx.AsyncClient, httpx.Client, *client_classes())


def lighten_client(client: httpx.AsyncClient | httpx.Client) -> None:
    """`lighten` the transport httpx built for ``client`` (from its arguments, no mounts)."""
    lighten(client._transport)


def take_over(response: httpx.Response) -> RawBody | None:
    """`raw_body.take_over` where proved, else ``None`` (the caller reads through httpx)."""
    if not _httpcore_proven():
        return None
    from lg_transport._internals.raw_body import take_over as take_over_body

    return take_over_body(response)


def transport_stream(response: httpx.Response) -> Any:
    """The transport's own stream under httpx's bound response stream, or ``None``."""
    return getattr(response.stream, "_stream", None)


def set_read_content(response: httpx.Response, content: bytes) -> None:
    """Leave ``response`` as `httpx.Response.read` would with ``content`` (already decoded)."""
    response._content = content
    response.is_stream_consumed = True


def headers_from_raw(raw: Sequence[tuple[bytes, bytes]]) -> httpx.Headers:
    """`httpx.Headers` of an answer's raw ``(name, value)`` byte pairs (aiohttp's
    ``raw_headers``): where proved, the list httpx would build, without its two calls and
    type checks per header."""
    if not _HEADERS_LIST_PROVEN:
        return httpx.Headers(raw)
    headers = httpx.Headers()
    headers._list = [(name, name.lower(), value) for name, value in raw]
    return headers


def url_identity(url: httpx.URL) -> object:
    """What copies of one `httpx.URL` share (httpx's parsed form): a per-URL cache can key on
    its identity instead of rebuilding the URL's text on each call. Without it, the URL itself."""
    return getattr(url, "_uri_reference", url)


def drop_idle_aiohttp_connections(connector: Any) -> None:
    """Close every idle connection an aiohttp connector holds (it keeps no public handle)."""
    idle = getattr(connector, "_conns", None)
    if not isinstance(idle, dict):
        return
    for key in list(idle):
        for protocol, _ in idle.pop(key, ()):
            protocol.close()


def fast_paths() -> dict[str, bool]:
    """Which fast paths this process takes (httpcore's once a transport has loaded it)."""
    short = client_classes()[0] is not httpx.AsyncClient
    lean = False
    if _httpcore_proven():
        from lg_transport._internals.lean_pool import lean_pool_types
        from lg_transport._internals.raw_body import stock_chains

        lean = bool(lean_pool_types())
        raw = bool(stock_chains())
    else:
        raw = False
    return {"short_path": short, "lean_pool": lean, "raw_body": raw, "lazy_tls": lazy_tls.fits()}


def client_uses_mounts(client: httpx.AsyncClient | httpx.Client) -> bool:
    """Whether httpx may route some of ``client``'s requests through a mounted transport
    (a proxy, from its arguments or the environment), so a connection made beside httpx
    could take another route. An httpx that keeps its mounts elsewhere counts as yes."""
    mounts = getattr(client, "_mounts", None)
    return mounts is None or bool(mounts)


def client_tls_context(client: httpx.AsyncClient | httpx.Client) -> ssl.SSLContext | None:
    """The TLS context of the connections httpx's own transport makes for ``client``
    (``verify``, ``cert``, ``trust_env`` applied); None for another transport."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    context = getattr(pool, "_ssl_context", None)
    if isinstance(context, lazy_tls.PendingContext):
        context = lazy_tls.materialise(pool)  # the one its TLS connections will use
    return context if isinstance(context, ssl.SSLContext) else None
