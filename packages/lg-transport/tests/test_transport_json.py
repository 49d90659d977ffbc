"""JSON encoding of the values users put in bodies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
import tracemalloc
import uuid
from decimal import Decimal

import orjson
import pydantic
import pytest

from lg_transport import decode_json, encode_json


class Color(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Model(pydantic.BaseModel):
    name: str
    when: dt.date


def test_native_and_extended_types() -> None:
    value = {
        "uuid": uuid.UUID(int=1),
        "when": dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
        "enum": Color.RED,
        "point": Point(1, 2),
        "model": Model(name="m", when=dt.date(2025, 1, 1)),
        "decimal": Decimal("1.5"),
        "int_decimal": Decimal("3"),
        "set": {1},
    }
    assert orjson.loads(encode_json(value)) == {
        "uuid": "00000000-0000-0000-0000-000000000001",
        "when": "2025-01-02T03:04:05+00:00",
        "enum": "red",
        "point": {"x": 1, "y": 2},
        "model": {"name": "m", "when": "2025-01-01"},
        "decimal": 1.5,
        "int_decimal": 3,
        "set": [1],
    }


def test_pydantic_v1_models() -> None:
    from pydantic import v1

    class Old(v1.BaseModel):
        a: int

    assert orjson.loads(encode_json({"m": Old(a=1)})) == {"m": {"a": 1}}


def test_unsupported_object_names_its_type() -> None:
    class Opaque:
        pass

    with pytest.raises(TypeError, match="Opaque"):
        encode_json({"x": Opaque()})


def test_a_model_class_is_refused_not_called() -> None:
    class Model(pydantic.BaseModel):
        name: str

    with pytest.raises(TypeError, match="Type is not JSON serializable: Model"):
        encode_json({"x": Model})


def test_decode() -> None:
    assert decode_json(b"") is None
    assert decode_json(b'{"a": [1, null]}') == {"a": [1, None]}


def test_a_short_body_holds_no_more_memory_than_its_bytes() -> None:
    # Request bodies live as long as their response (a whole stream): orjson's output buffer
    # must not come with them.
    body = {"assistant_id": "agent", "input": {"messages": []}, "stream_mode": "values"}
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        encoded = encode_json(body)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert encoded == orjson.dumps(body)
    assert held <= sys.getsizeof(encoded) + 64
