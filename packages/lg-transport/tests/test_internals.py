"""The door to httpx's, httpcore's and h11's internals (`lg_transport._internals`): each fast
path is taken on the versions it was proved on, and httpx's stock path everywhere else."""

from __future__ import annotations

import httpx
import pytest
from proven_paths import HTTPCORE_PATHS, LAZY_TLS, SHORT_PATH

from lg_transport import create_http_client, create_sync_http_client
from lg_transport._internals import client_classes, fast_paths, proven


@pytest.mark.parametrize(
    ("distribution", "version", "expected"),
    [
        ("httpx", "0.27.0", False),  # no Client._set_timeout
        ("httpx", "0.27.2", False),  # BoundAsyncStream takes timer=, not start=
        ("httpx", "0.28.0", False),  # not run by the matrix
        ("httpx", "0.28.1", True),
        ("httpx", "0.29.0", True),
        ("httpx", "0.30.0", False),
        ("httpx", "1.0.dev6", False),  # a pre-release: never
        ("httpx", "1.0", False),
        ("httpcore", "1.0.2", False),  # another pool layout
        ("httpcore", "1.0.8", False),
        ("httpcore", "1.0.9", True),
        ("httpcore", "1.1.0", False),
        ("h11", "0.14.0", False),
        ("h11", "0.16.0", True),
        ("h11", "0.16.1", True),
        ("h11", "0.17.0", False),
        ("h11", "0.16.0+local", False),
    ],
)
def test_proven_ranges(distribution: str, version: str, expected: bool) -> None:
    assert proven(distribution, version) is expected


def test_fast_paths_engaged_where_proved_and_off_elsewhere() -> None:
    executor = create_http_client(url="http://127.0.0.1:9")
    sync_executor = create_sync_http_client(url="http://127.0.0.1:9")
    try:
        short = {type(executor.client).__name__, type(sync_executor.client).__name__}
        if SHORT_PATH:
            assert short == {"ShortPathAsyncClient", "ShortPathClient"}
        else:
            assert (type(executor.client), type(sync_executor.client)) == (
                httpx.AsyncClient,
                httpx.Client,
            )
        assert client_classes() == (type(executor.client), type(sync_executor.client))
        assert fast_paths() == {
            "short_path": SHORT_PATH,
            "lean_pool": HTTPCORE_PATHS,
            "raw_body": HTTPCORE_PATHS,
            "lazy_tls": LAZY_TLS,
        }
    finally:
        sync_executor.close()
