"""Bad store arguments fail before any request, naming the parameter."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from lg_store import SyncStoreClient
from lg_store._requests import check_namespace


def _client() -> SyncStoreClient:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request should be sent, got {request.method} {request.url}")

    return SyncStoreClient.connect(url="http://t", transport=httpx.MockTransport(handler))


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda s: s.put_item(["a.b"], "k", {}), ValueError, r"namespace\[0\].*periods"),
        (lambda s: s.put_item([], "k", {}), ValueError, "namespace"),
        (lambda s: s.put_item("ab", "k", {}), TypeError, "namespace"),
        (lambda s: s.put_item(["a", 1], "k", {}), TypeError, r"namespace\[1\]"),
        (lambda s: s.put_item(["a", ""], "k", {}), ValueError, r"namespace\[1\]"),
        (lambda s: s.put_item(["a"], "", {}), ValueError, "key"),
        (lambda s: s.put_item(["a"], "k", [1]), TypeError, "value"),
        (lambda s: s.put_item(["a"], "k", {}, ttl="5"), TypeError, "ttl"),
        (lambda s: s.put_item(["a"], "k", {}, index="text"), TypeError, "index"),
        (lambda s: s.get_item(["a"], 3), TypeError, "key"),
        (lambda s: s.get_item(["a"], "k", refresh_ttl="yes"), TypeError, "refresh_ttl"),
        (lambda s: s.search_items(["a"], limit=-1), ValueError, "limit"),
        (lambda s: s.search_items(["a"], filter=[1]), TypeError, "filter"),
        (lambda s: s.list_namespaces(prefix=["a.b"]), ValueError, "prefix"),
        (lambda s: s.list_namespaces(max_depth=0), ValueError, "max_depth"),
    ],
)
def test_bad_arguments(call: Any, exc: type[Exception], match: str) -> None:
    with _client() as store, pytest.raises(exc, match=match):
        call(store)


def test_namespace_accepts_any_sequence_of_labels() -> None:
    assert check_namespace("namespace", ("a", "b")) == ["a", "b"]
    assert check_namespace("prefix", [], allow_empty=True) == []
