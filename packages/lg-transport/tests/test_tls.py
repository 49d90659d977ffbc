"""httpx's default TLS context with its certificate authorities loaded at first use."""

from __future__ import annotations

import ssl
import threading
from pathlib import Path

import certifi
import httpx
import pytest

from lg_transport import create_http_client, create_sync_http_client
from lg_transport._tls import DeferredCAContext, deferred_default_context

SETTINGS = (
    "protocol",
    "verify_mode",
    "check_hostname",
    "verify_flags",
    "options",
    "minimum_version",
    "maximum_version",
    "post_handshake_auth",
    "hostname_checks_common_name",
    "keylog_filename",
)


@pytest.fixture(autouse=True)
def certifi_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # httpx takes these variables over certifi; the tests that want them set them.
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def httpx_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()


def deferred() -> DeferredCAContext:
    context = deferred_default_context()
    assert isinstance(context, DeferredCAContext)
    return context


def test_same_settings_and_authorities_as_httpx() -> None:
    ours, theirs = deferred(), httpx_context()
    for name in SETTINGS:
        assert getattr(ours, name) == getattr(theirs, name), name
    assert ours.get_ciphers() == theirs.get_ciphers()
    assert ours.get_ca_certs(binary_form=True) == theirs.get_ca_certs(binary_form=True)
    assert ours.cert_store_stats() == theirs.cert_store_stats()


def test_the_keylog_variable_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SSLKEYLOGFILE", str(tmp_path / "keys.log"))
    assert deferred().keylog_filename == httpx_context().keylog_filename


def test_nothing_is_loaded_before_a_handshake() -> None:
    context = deferred()
    assert ssl.SSLContext.cert_store_stats(context)["x509_ca"] == 0
    context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="example.com")
    assert ssl.SSLContext.cert_store_stats(context)["x509_ca"] > 100


def test_a_blocking_socket_wrap_loads_them_too() -> None:
    context = deferred()
    import socket

    with (
        socket.socket() as raw,
        context.wrap_socket(raw, server_hostname="example.com", do_handshake_on_connect=False),
    ):
        assert ssl.SSLContext.cert_store_stats(context)["x509_ca"] > 100


def test_first_uses_from_many_threads_load_once() -> None:
    context = deferred()
    threads = [
        threading.Thread(
            target=context.wrap_bio,
            args=(ssl.MemoryBIO(), ssl.MemoryBIO()),
            kwargs={"server_hostname": "example.com"},
        )
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fresh = ssl.create_default_context(cafile=certifi.where())
    assert context.cert_store_stats() == fresh.cert_store_stats()


def test_later_locations_are_added_after_certifi() -> None:
    context = deferred()
    context.load_verify_locations(cafile=certifi.where())  # the same file twice: no change
    assert context.cert_store_stats() == httpx_context().cert_store_stats()


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "SSL_CERT_DIR"])
def test_httpx_variables_leave_the_context_to_httpx(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "/nonexistent/ca-bundle")
    assert deferred_default_context() is None


def test_a_wrong_ca_file_fails_when_the_client_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca-bundle")
    with pytest.raises(FileNotFoundError):
        create_http_client(url="http://127.0.0.1:1", api_key=None)


def pool_context(client: httpx.AsyncClient | httpx.Client) -> ssl.SSLContext:
    return client._transport._pool._ssl_context  # type: ignore[union-attr]


async def test_clients_load_no_certificates_until_https() -> None:
    http = create_http_client(url="http://127.0.0.1:1", api_key=None)
    try:
        context = pool_context(http.client)
        assert isinstance(context, DeferredCAContext)
        assert ssl.SSLContext.cert_store_stats(context)["x509_ca"] == 0
    finally:
        await http.aclose()
    sync = create_sync_http_client(url="http://127.0.0.1:1", api_key=None)
    try:
        assert isinstance(pool_context(sync.client), DeferredCAContext)
    finally:
        sync.close()


async def test_a_custom_transport_is_left_alone() -> None:
    transport = httpx.AsyncHTTPTransport()
    http = create_http_client(url="http://127.0.0.1:1", api_key=None, transport=transport)
    try:
        assert http.client._transport is transport  # type: ignore[attr-defined]
        assert not isinstance(pool_context(http.client), DeferredCAContext)
    finally:
        await http.aclose()
