"""The TLS context of httpx's default transport, built on the client's first TLS connection.

httpx builds its `ssl.SSLContext` when the client is made, and loading certifi's CA bundle into
it is most of a fresh client's memory, even for an ``http://`` server it never uses. Here the
client is made with a stand-in context (`PendingContext`, which never carries a connection),
and its pool's ``create_connection`` is wrapped: the first connection to anything but plain
``http`` swaps the real context into the pool's slot first, so every TLS connection (and
`materialise`, for other readers of the slot) sees the context httpx would have built.

It is taken only when the result is provably the same as httpx's own: the caller passes no TLS,
proxy or HTTP/2 option; the environment names no CA file or folder (``SSL_CERT_FILE``,
``SSL_CERT_DIR``), no key log (``SSLKEYLOGFILE``) and no proxy; httpx and httpcore are in
`PROVEN` and the built client has the expected shape. The real context is then httpx's
``create_ssl_context(verify=True, cert=None, trust_env=False)``: with those variables absent
when the client was made, ``trust_env`` changes nothing, and passing ``False`` keeps a variable
set later from being read (httpx reads them when the client is made). Anything else takes
httpx's own path.
"""

from __future__ import annotations

import os
import ssl
import threading
import weakref
from collections.abc import Mapping
from typing import Any, Final

import httpx

from lg_transport._internals.versions import VersionRange, within

#: Distribution -> the ``(lowest, below)`` ranges this was proved on: the versions the matrix
#: of ``scripts/test`` runs (floor, default and newest sets). Widen only after it passed there.
PROVEN: Final[Mapping[str, tuple[VersionRange, ...]]] = {
    # create_ssl_context(verify=, cert=, trust_env=) called by the transport; transport._pool
    "httpx": (((0, 27, 0), (0, 27, 1)), ((0, 28, 1), (0, 30))),
    # the pool's _ssl_context, read by its create_connection only, used for https/wss only
    "httpcore": (((1, 0, 0), (1, 0, 1)), ((1, 0, 9), (1, 1))),
}
#: The client options under which httpx's transport would build the default context.
PLAIN_OPTIONS: Final = frozenset({"base_url", "transport", "timeout", "headers", "limits"})
#: Environment variables httpx or `ssl.create_default_context` read into the context.
CONTEXT_VARIABLES: Final = ("SSL_CERT_FILE", "SSL_CERT_DIR", "SSLKEYLOGFILE")

_lock = threading.Lock()
_pending: PendingContext | None = None
_fits: bool | None = None


class PendingContext(ssl.SSLContext):
    """The stand-in in a pool's context slot until its first TLS connection (see the module
    docstring). One per process; never handed to a connection. Should it ever be, it trusts no
    certificate, so verification fails instead of passing."""


def proven(distribution: str, version: str) -> bool:
    """Whether ``version`` of ``distribution`` is in one of its `PROVEN` ranges."""
    return within(version, PROVEN[distribution])


def fits() -> bool:
    """Whether the loaded httpx and httpcore are proved here (decided once per process)."""
    global _fits
    if _fits is None:
        import httpcore  # httpx's transport imports it right after anyway

        _fits = proven("httpx", httpx.__version__) and proven(
            "httpcore", getattr(httpcore, "__version__", "")
        )
    return _fits


def pending_context() -> PendingContext:
    global _pending
    if _pending is None:
        _pending = PendingContext(ssl.PROTOCOL_TLS_CLIENT)
    return _pending


def applies(options: Mapping[str, Any]) -> bool:
    """Whether a client made of ``options`` may take the pending context."""
    if options.get("transport") is not None or not PLAIN_OPTIONS.issuperset(options):
        return False
    if any(name in os.environ for name in CONTEXT_VARIABLES) or not fits():
        return False
    from httpx._utils import get_environment_proxies

    return not get_environment_proxies()


def adopt(client: httpx.AsyncClient | httpx.Client) -> bool:
    """Wrap the pool of ``client`` (made with the pending context) so that its first TLS
    connection builds the real one. False when ``client`` has another shape than the one proved
    (the caller then makes the client again, the stock way)."""
    transport = getattr(client, "_transport", None)
    if type(transport) not in (httpx.AsyncHTTPTransport, httpx.HTTPTransport):
        return False
    if getattr(client, "_mounts", None) != {}:  # proxies: their transports took it too
        return False
    pool: Any = getattr(transport, "_pool", None)
    if not _stock_pool(pool) or getattr(pool, "_ssl_context", None) is not pending_context():
        return False
    pool.create_connection = _FirstTLSConnection(pool)
    return True


def _stock_pool(pool: Any) -> bool:
    """Whether ``pool`` is httpcore's own connection pool (not a proxy pool, not a subclass)."""
    from httpcore import AsyncConnectionPool, ConnectionPool

    return type(pool) in (AsyncConnectionPool, ConnectionPool) and callable(
        getattr(type(pool), "create_connection", None)
    )


class _FirstTLSConnection:
    """A pool's ``create_connection`` until the real context is in its slot (an instance
    attribute over the class's method, so the pool keeps its class; it holds the pool weakly,
    so the pool is not kept alive by a cycle)."""

    __slots__ = ("_pool",)

    def __init__(self, pool: Any) -> None:
        self._pool = weakref.ref(pool)

    def __call__(self, origin: Any) -> Any:
        pool: Any = self._pool()  # alive: it is the one calling
        if origin.scheme != b"http":  # httpcore wraps https and wss connections in TLS
            materialise(pool)
        return type(pool).create_connection(pool, origin)


def materialise(pool: Any) -> ssl.SSLContext:
    """The real context of ``pool``, built now if it still holds the pending one. Under a lock:
    two threads' first TLS connections build one context."""
    with _lock:
        context: ssl.SSLContext = pool._ssl_context
        if context is pending_context():
            context = _default_context()
            pool._ssl_context = context
            pool.__dict__.pop("create_connection", None)  # back to the class's own
    return context


def _default_context() -> ssl.SSLContext:
    """What httpx's transport builds for ``verify=True`` with no CA or key-log variable set."""
    from httpx._transports import default

    # The name the transport calls (looked up now, as the transport would).
    create = default.create_ssl_context  # type: ignore[attr-defined]
    context: ssl.SSLContext = create(verify=True, cert=None, trust_env=False)
    # `ssl.create_default_context` (httpx 0.28+) reads SSLKEYLOGFILE now; it was unset when the
    # client was made, so httpx's context has no key log.
    if getattr(context, "keylog_filename", None) is not None:
        context.keylog_filename = None  # type: ignore[assignment]
    return context
