"""``langgraph_sdk.client``'s JSON helpers (``_aencode_json`` and friends) behave as the
official's: ``(headers, body)`` for a request body, a response body parsed (empty is None)."""

from __future__ import annotations

import httpx
import orjson
import pytest

from langgraph_sdk.client import _adecode_json, _aencode_json, _decode_json, _encode_json


async def test_encode_none_is_no_body_and_no_headers() -> None:
    assert await _aencode_json(None) == ({}, None)
    assert _encode_json(None) == ({}, None)


async def test_encode_gives_body_with_length_and_type() -> None:
    value = {"a": [1, {2, 3}], 4: "non-string key"}
    for headers, body in (await _aencode_json(value), _encode_json(value)):
        assert body is not None
        assert orjson.loads(body) in (
            {"a": [1, [2, 3]], "4": "non-string key"},
            {"a": [1, [3, 2]], "4": "non-string key"},
        )
        assert headers == {"Content-Length": str(len(body)), "Content-Type": "application/json"}


async def test_encode_unsupported_object_raises_type_error() -> None:
    with pytest.raises(TypeError):
        await _aencode_json({"x": object()})
    with pytest.raises(TypeError):
        _encode_json({"x": object()})


async def test_decode_reads_the_body_and_parses_it() -> None:
    async def astream() -> object:
        yield b'{"ok"'
        yield b": true}"

    streamed = httpx.Response(200, content=astream())  # type: ignore[arg-type]
    assert await _adecode_json(streamed) == {"ok": True}
    assert _decode_json(httpx.Response(200, content=b"[1, 2]")) == [1, 2]
    assert await _adecode_json(httpx.Response(204)) is None
    assert _decode_json(httpx.Response(200, content=b"")) is None
