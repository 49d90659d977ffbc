"""The TLS context of httpx's default transport is built on the first TLS connection
(`lg_transport._internals.lazy_tls`): never for a plain ``http://`` server, the same context as
httpx's own when it is built, and httpx's own path whenever the environment or the options
could make them differ."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx._transports import default as httpx_default
from proven_paths import LAZY_TLS

from lg_transport import create_http_client, create_sync_http_client
from lg_transport._internals import client_tls_context, lazy_tls, make_client

needs_lazy_tls = pytest.mark.skipif(
    not LAZY_TLS,
    reason=f"httpx {httpx.__version__} is outside lazy_tls's proven versions (httpx's own path "
    "is taken: test_untested_versions_take_httpx_path and test_internals check it)",
)
ENV_NAMES = (*lazy_tls.CONTEXT_VARIABLES, "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the refused handshakes of the verification tests


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No CA, key-log or proxy variable (this machine may set some), lower and upper case."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[ssl.SSLContext]:
    """Every context httpx's transport module builds, recorded (not the stand-in it is given
    and hands back as it is, which loads nothing)."""
    built: list[ssl.SSLContext] = []
    real = httpx_default.create_ssl_context

    def recording(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        context = real(*args, **kwargs)
        if not isinstance(context, lazy_tls.PendingContext):
            built.append(context)
        return context

    monkeypatch.setattr(httpx_default, "create_ssl_context", recording)
    return built


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:  # as lg-threads' WebSocket tests do
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _serve(tls: ssl.SSLContext | None) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), _Answer)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        scheme = "https" if tls else "http"
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def tls_url(tls_files: tuple[Path, Path]) -> Iterator[str]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*tls_files)
    yield from _serve(context)


@pytest.fixture(scope="module")
def plain_url() -> Iterator[str]:
    yield from _serve(None)


@pytest.fixture
def trusting_builds(
    builds: list[ssl.SSLContext], tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> list[ssl.SSLContext]:
    """httpx's contexts also trust the test certificate (certifi's bundle cannot be edited)."""
    recording = httpx_default.create_ssl_context

    def trusting(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        context = recording(*args, **kwargs)
        if not isinstance(context, lazy_tls.PendingContext):
            context.load_verify_locations(cafile=str(tls_files[0]))
        return context

    monkeypatch.setattr(httpx_default, "create_ssl_context", trusting)
    return builds


def _slot(client: httpx.AsyncClient | httpx.Client) -> Any:
    return client._transport._pool._ssl_context  # type: ignore[attr-defined]


def _sync(url: str) -> httpx.Client:
    return create_sync_http_client(url=url, max_retries=0).client


def _async(url: str) -> httpx.AsyncClient:
    return create_http_client(url=url, max_retries=0).client


def _chain(exc: BaseException | None) -> list[type[BaseException]]:
    found = []
    while exc is not None:
        found.append(type(exc))
        exc = exc.__cause__ or exc.__context__
    return found


def _same_context(ours: ssl.SSLContext, httpx_own: ssl.SSLContext) -> None:
    assert type(ours) is ssl.SSLContext
    for name in (
        "verify_mode",
        "check_hostname",
        "options",
        "minimum_version",
        "maximum_version",
        "verify_flags",
        "post_handshake_auth",
        "hostname_checks_common_name",
        "keylog_filename",
    ):
        assert getattr(ours, name) == getattr(httpx_own, name), name
    assert ours.cert_store_stats() == httpx_own.cert_store_stats()
    assert ours.get_ca_certs() == httpx_own.get_ca_certs()
    assert [c["name"] for c in ours.get_ciphers()] == [c["name"] for c in httpx_own.get_ciphers()]


# --- a plain http:// server: no CA bundle ---------------------------------------------------


@needs_lazy_tls
def test_sync_http_client_never_loads_the_bundle(
    builds: list[ssl.SSLContext], plain_url: str
) -> None:
    client = _sync(plain_url)
    assert isinstance(_slot(client), lazy_tls.PendingContext)
    assert _slot(client).cert_store_stats()["x509_ca"] == 0
    for _ in range(3):
        assert client.get("/ok").json() == {"ok": True}
    assert builds == []
    assert isinstance(_slot(client), lazy_tls.PendingContext)
    client.close()


@needs_lazy_tls
async def test_async_http_client_never_loads_the_bundle(
    builds: list[ssl.SSLContext], plain_url: str
) -> None:
    client = _async(plain_url)
    assert isinstance(_slot(client), lazy_tls.PendingContext)
    for _ in range(3):
        assert (await client.get("/ok")).json() == {"ok": True}
    assert builds == []
    await client.aclose()


# --- the first TLS connection builds httpx's own context ------------------------------------


@needs_lazy_tls
def test_sync_tls_connection_builds_the_context_once(
    trusting_builds: list[ssl.SSLContext], tls_url: str
) -> None:
    client = _sync(tls_url)
    assert trusting_builds == []
    for _ in range(3):
        assert client.get("/ok").json() == {"ok": True}
    assert len(trusting_builds) == 1
    assert _slot(client) is trusting_builds[0]
    assert "create_connection" not in vars(client._transport._pool)  # type: ignore[attr-defined]
    client.close()


@needs_lazy_tls
async def test_async_tls_connection_builds_the_context_once(
    trusting_builds: list[ssl.SSLContext], tls_url: str
) -> None:
    client = _async(tls_url)
    assert trusting_builds == []
    for _ in range(3):
        assert (await client.get("/ok")).json() == {"ok": True}
    assert len(trusting_builds) == 1
    assert _slot(client) is trusting_builds[0]
    await client.aclose()


@needs_lazy_tls
def test_the_built_context_is_httpx_own() -> None:
    client = _sync("https://127.0.0.1:9")
    context = client_tls_context(client)
    assert context is not None
    assert _slot(client) is context  # what the pool's TLS connections will use
    _same_context(context, httpx.create_ssl_context(verify=True, cert=None, trust_env=True))
    _same_context(context, client_tls_context(httpx.Client()))  # type: ignore[arg-type]
    assert context.cert_store_stats()["x509_ca"] > 0  # certifi's bundle


@needs_lazy_tls
def test_a_variable_set_after_the_client_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tls_files: tuple[Path, Path], tmp_path: Path
) -> None:
    client = _sync("https://127.0.0.1:9")  # made with none of the variables set, as httpx read
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[0]))
    monkeypatch.setenv("SSLKEYLOGFILE", str(tmp_path / "keys.log"))
    context = client_tls_context(client)
    assert context is not None
    assert context.keylog_filename is None
    assert context.cert_store_stats()["x509_ca"] > 1  # certifi's, not the one test certificate


@needs_lazy_tls
@pytest.mark.parametrize("flavour", ["sync", "async"])
async def test_self_signed_server_fails_verification_as_before(
    flavour: str, tls_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What is raised depends on the httpcore version (1.0.0's async backend lets the ssl error
    # through unmapped): the same as httpx's own path, whatever it is, is what matters.
    async def failure() -> BaseException:
        if flavour == "sync":
            client: Any = create_sync_http_client(url=tls_url, max_retries=0)
            with pytest.raises(Exception) as caught:
                client.get("/ok")
        else:
            client = create_http_client(url=tls_url, max_retries=0)
            with pytest.raises(Exception) as caught:
                await client.get("/ok")
        return caught.value

    async def stock_httpx_failure() -> BaseException:
        if flavour == "sync":
            with httpx.Client() as plain, pytest.raises(Exception) as caught:
                plain.get(f"{tls_url}/ok")
        else:
            async with httpx.AsyncClient() as aplain:
                with pytest.raises(Exception) as caught:
                    await aplain.get(f"{tls_url}/ok")
        return caught.value

    lazy = await failure()
    underneath = _chain(await stock_httpx_failure())  # what bare httpx raises, as it chains it
    monkeypatch.setattr(lazy_tls, "_fits", False)  # httpx's own path, same code otherwise
    stock = await failure()
    assert type(lazy) is type(stock)
    assert _chain(lazy) == _chain(stock)
    assert ssl.SSLCertVerificationError in _chain(lazy)
    assert _chain(lazy)[-len(underneath) :] == underneath  # our error wraps httpx's own


@needs_lazy_tls
def test_two_threads_first_tls_connections_build_one_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[ssl.SSLContext] = []
    real = httpx_default.create_ssl_context

    def slow(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        time.sleep(0.2)  # both threads are waiting by now
        built.append(real(*args, **kwargs))
        return built[-1]

    client = _sync("https://127.0.0.1:9")
    monkeypatch.setattr(httpx_default, "create_ssl_context", slow)
    pool = client._transport._pool  # type: ignore[attr-defined]
    start = threading.Barrier(2)
    seen: list[ssl.SSLContext] = []

    def connect() -> None:
        start.wait()
        seen.append(lazy_tls.materialise(pool))

    threads = [threading.Thread(target=connect) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert seen == [built[0], built[0]]


@needs_lazy_tls
def test_concurrent_first_calls_over_tls_share_one_context(
    trusting_builds: list[ssl.SSLContext], tls_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusting = httpx_default.create_ssl_context

    def slow(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        time.sleep(0.2)  # the other threads' first calls arrive meanwhile
        return trusting(*args, **kwargs)

    client = _sync(tls_url)
    monkeypatch.setattr(httpx_default, "create_ssl_context", slow)
    start = threading.Barrier(4)
    answers: list[Any] = []

    def call() -> None:
        start.wait()
        answers.append(client.get("/ok").json())

    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [{"ok": True}] * 4
    assert len(trusting_builds) == 1
    assert _slot(client) is trusting_builds[0]
    client.close()


# --- httpx's own path, unchanged ------------------------------------------------------------


@pytest.mark.parametrize("make", [_sync, _async])
def test_custom_ca_variable_takes_httpx_path_and_verifies(
    make: Callable[[str], Any], tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[0]))
    client = make("https://127.0.0.1:9")
    context = _slot(client)
    assert type(context) is ssl.SSLContext  # built with the client, as httpx does
    assert context.cert_store_stats()["x509_ca"] == 1  # the test certificate only


def test_custom_ca_variable_connects(
    tls_files: tuple[Path, Path], tls_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[0]))
    client = _sync(tls_url)
    assert client.get("/ok").json() == {"ok": True}
    client.close()


@pytest.mark.parametrize("name", lazy_tls.CONTEXT_VARIABLES)
def test_any_context_variable_takes_httpx_path(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, "")
    assert type(_slot(_sync("http://127.0.0.1:9"))) is ssl.SSLContext


def test_proxy_environment_takes_httpx_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    client = _sync("https://127.0.0.1:9")
    assert type(_slot(client)) is ssl.SSLContext
    for mounted in client._mounts.values():
        assert type(mounted._pool._ssl_context) is ssl.SSLContext  # type: ignore[union-attr]


def test_a_proxy_that_appears_meanwhile_remakes_the_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setattr(lazy_tls, "applies", lambda options: True)
    client = make_client(httpx.Client, {"base_url": "https://127.0.0.1:9"})
    assert client._mounts
    assert type(_slot(client)) is ssl.SSLContext
    for mounted in client._mounts.values():
        assert type(mounted._pool._ssl_context) is ssl.SSLContext


@pytest.mark.parametrize(
    "option",
    [
        {"verify": False},
        {"verify": ssl.create_default_context()},
        {"cert": None},
        {"trust_env": False},
        {"http2": False},
        {"proxy": None},
    ],
)
def test_tls_and_proxy_options_take_httpx_path(option: dict[str, Any]) -> None:
    client = make_client(httpx.Client, {"base_url": "https://127.0.0.1:9", **option})
    context = _slot(client)
    assert type(context) is ssl.SSLContext
    if isinstance(option.get("verify"), ssl.SSLContext):
        assert context is option["verify"]
    if option.get("verify") is False:
        assert context.verify_mode == ssl.CERT_NONE


def test_a_given_transport_is_untouched() -> None:
    transport = httpx.HTTPTransport(verify=False)
    client = create_sync_http_client(url="https://127.0.0.1:9", transport=transport).client
    assert client._transport is transport
    assert type(transport._pool._ssl_context) is ssl.SSLContext


@pytest.mark.parametrize(
    ("distribution", "version", "expected"),
    [
        ("httpx", "0.26.0", False),
        ("httpx", "0.27.0", True),  # the matrix's floor
        ("httpx", "0.27.2", False),  # not run by the matrix
        ("httpx", "0.28.0", False),
        ("httpx", "0.28.1", True),
        ("httpx", "0.29.0", True),
        ("httpx", "0.30.0", False),
        ("httpx", "1.0.dev1", False),
        ("httpcore", "1.0.0", True),
        ("httpcore", "1.0.5", False),
        ("httpcore", "1.0.9", True),
        ("httpcore", "1.1.0", False),
    ],
)
def test_proven_versions(distribution: str, version: str, expected: bool) -> None:
    assert lazy_tls.proven(distribution, version) is expected


def test_untested_versions_take_httpx_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(httpx, "__version__", "1.0.0")
    monkeypatch.setattr(lazy_tls, "_fits", None)
    assert type(_slot(_sync("http://127.0.0.1:9"))) is ssl.SSLContext
