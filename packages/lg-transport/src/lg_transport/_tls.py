"""httpx's default TLS context, with its certificate authorities loaded at the first handshake.

httpx builds its client's `ssl.SSLContext` when the client is made, for ``http://`` URLs too,
and loading a bundle of ~150 certificate authorities into it is a few MB of resident memory,
more than the rest of a client. `deferred_default_context` returns a context with the settings
httpx's would have (httpx 0.28 and later: ``ssl.create_default_context`` with the CA file named
by ``SSL_CERT_FILE``, else the directory named by ``SSL_CERT_DIR``, else certifi's bundle) whose
authorities are loaded the first time it wraps a socket (sync) or a memory BIO (asyncio, anyio),
or is asked for its certificates: a client that never opens an ``https://`` connection never
loads them.

Before httpx 0.28 (its own cipher and option settings) ``None`` says to let httpx build it.
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
    """The context httpx would build for ``verify=True`` (and ``trust_env=True``, its
    default), loading its CAs on first use; or ``None`` where httpx builds it another way."""
    if not _httpx_uses_create_default_context():
        return None
    cafile, capath = os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")
    if cafile:
        capath = None
    elif not capath:
        import certifi  # an httpx dependency; httpx imports it here too

        cafile = certifi.where()

    # What `ssl.create_default_context` sets for a client (tests compare the two).
    context = DeferredCAContext(ssl.PROTOCOL_TLS_CLIENT)
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    if sys.version_info >= (3, 13):
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog and not sys.flags.ignore_environment:
        context.keylog_filename = keylog
    context.defer_locations(cafile, capath)
    return context
