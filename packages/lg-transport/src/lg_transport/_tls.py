"""httpx's default TLS context, with its certificate authorities loaded at the first handshake.

httpx builds its client's `ssl.SSLContext` when the client is made, for ``http://`` URLs too,
and loading certifi's ~150 certificate authorities into it is a few MB of resident memory, more
than the rest of a client. `deferred_default_context` returns a context with the settings
httpx's would have (httpx 0.28 and later: ``ssl.create_default_context(cafile=certifi.where())``)
whose authorities are loaded the first time it wraps a socket (sync) or a memory BIO (asyncio,
anyio), or is asked for its certificates: a client that never opens an ``https://`` connection
never loads them.

Only certifi's bundle, which always loads, is deferred. With ``SSL_CERT_FILE`` or
``SSL_CERT_DIR`` set, httpx loads what they name when the client is made, so that a wrong path
or a bad file fails there, before any request, as with the official SDK; before httpx 0.28 (its
own cipher and option settings) httpx builds its context as usual too: ``None`` says so.
"""

from __future__ import annotations

import os
import ssl
import sys
import threading
from typing import Any

import httpx

__all__ = ["DeferredCAContext", "deferred_default_context"]


class DeferredCAContext(ssl.SSLContext):
    """An `ssl.SSLContext` that loads one CA file when it is first used."""

    _pending: tuple[str | None, str | None] | None = None
    _pending_lock: threading.Lock

    def defer_locations(self, cafile: str | None, capath: str | None) -> None:
        """`load_verify_locations` with these arguments before the first use."""
        self._pending_lock = threading.Lock()
        self._pending = cafile, capath

    def _load_pending(self) -> None:
        if self._pending is None:
            return
        with self._pending_lock:  # two threads' first handshakes: one load
            pending, self._pending = self._pending, None
            if pending is not None:
                super().load_verify_locations(*pending)

    def wrap_socket(self, *args: Any, **kwargs: Any) -> Any:
        self._load_pending()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> Any:
        self._load_pending()
        return super().wrap_bio(*args, **kwargs)

    def load_verify_locations(self, *args: Any, **kwargs: Any) -> None:
        self._load_pending()  # in the order they were asked for
        super().load_verify_locations(*args, **kwargs)

    def get_ca_certs(self, binary_form: bool = False) -> Any:
        self._load_pending()
        return super().get_ca_certs(binary_form)

    def cert_store_stats(self) -> dict[str, int]:
        self._load_pending()
        return super().cert_store_stats()


def _httpx_uses_create_default_context() -> bool:
    try:
        major, minor = (int(part) for part in httpx.__version__.split(".")[:2])
    except ValueError:  # an unusual version string: httpx's own way
        return False
    return (major, minor) >= (0, 28)


def deferred_default_context() -> ssl.SSLContext | None:
    """The context httpx would build for ``verify=True``, loading certifi's CAs on first use;
    or ``None`` where httpx builds it another way."""
    if os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR"):
        return None
    if not _httpx_uses_create_default_context():
        return None
    import certifi  # an httpx dependency; httpx imports it here too

    # What `ssl.create_default_context` sets for a client (tests compare the two).
    context = DeferredCAContext(ssl.PROTOCOL_TLS_CLIENT)
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    if sys.version_info >= (3, 13):
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog and not sys.flags.ignore_environment:
        context.keylog_filename = keylog
    context.defer_locations(certifi.where(), None)
    return context
