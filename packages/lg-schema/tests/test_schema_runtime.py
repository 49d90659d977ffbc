"""Run-time behaviour: a cheap import, resolvable annotations, and the shape of the aliases."""

import subprocess
import sys
import textwrap
import typing
from collections.abc import Mapping
from typing import Any, get_args, get_origin

import pytest
import typing_extensions

import lg_schema
from lg_schema import _inputs, _resources, _store, _stream

HEAVY_MODULES = ("httpx", "orjson", "pydantic", "anyio", "httpcore")


def test_schema_import_pulls_in_no_third_party_module() -> None:
    script = textwrap.dedent(
        """
        import sys
        before = set(sys.modules)
        import lg_schema
        new = {name.partition(".")[0] for name in set(sys.modules) - before}
        allowed = set(sys.stdlib_module_names) | {"lg_schema", "typing_extensions"}
        print(",".join(sorted(new - allowed)))
        heavy = set(sys.argv[1:])
        print(",".join(sorted(m for m in sys.modules if m.partition(".")[0] in heavy)))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *HEAVY_MODULES], capture_output=True, text=True, check=True
    )
    third_party, heavy = result.stdout.splitlines()
    assert third_party == ""
    assert heavy == ""


def _all_typeddicts() -> list[type]:
    # The private ones too: they sit inside public aliases (DebugPayload).
    modules = (_inputs, _resources, _store, _stream)
    return [
        obj
        for module in modules
        for obj in vars(module).values()
        if typing_extensions.is_typeddict(obj) and obj.__module__ == module.__name__
    ]


@pytest.mark.parametrize("cls", _all_typeddicts(), ids=lambda c: c.__name__)
def test_schema_get_type_hints_resolves_every_typeddict(cls: type) -> None:
    hints = typing.get_type_hints(cls)
    assert set(hints) == set(cls.__annotations__)
    extras = typing_extensions.get_type_hints(cls, include_extras=True)
    assert set(extras) == set(cls.__annotations__)


def test_schema_public_typeddicts_are_all_checked() -> None:
    public = {
        getattr(lg_schema, n)
        for n in lg_schema.__all__
        if typing_extensions.is_typeddict(getattr(lg_schema, n))
    }
    assert public <= set(_all_typeddicts())


def test_schema_get_type_hints_resolves_the_forward_references() -> None:
    assert typing.get_type_hints(lg_schema.ThreadTask)["state"] == (lg_schema.ThreadState | None)


class _UserRequest(typing_extensions.TypedDict):
    """A caller's own TypedDict, in a module that knows nothing of lg_schema's internals."""

    context: lg_schema.Context
    input: lg_schema.Input | None


def test_schema_context_resolves_outside_lg_schema() -> None:
    # The recursive JSON mapping inside Context must resolve from any module's globals.
    hints = typing.get_type_hints(_UserRequest)
    assert set(hints) == {"context", "input"}


def test_schema_context_and_input_accept_the_same_kinds() -> None:
    context_kinds = get_args(lg_schema.Context)
    assert context_kinds == get_args(lg_schema.Input)
    assert [getattr(k, "__name__", None) for k in context_kinds[:4]] == [
        "_TypedDictLikeV1",
        "_TypedDictLikeV2",
        "_DataclassLike",
        "_BaseModelLike",
    ]
    json_map = context_kinds[4]
    assert get_origin(json_map) is Mapping
    assert get_args(json_map)[0] is str


def test_schema_simple_aliases() -> None:
    assert get_args(lg_schema.Json) == (dict[str, Any], type(None))
    assert get_args(lg_schema.PrimitiveData) == (str, int, float, bool, type(None))
    assert lg_schema.Subgraphs == dict[str, lg_schema.GraphSchema]
    query_kinds = get_args(lg_schema.QueryParamTypes)
    assert [get_origin(k) or k for k in query_kinds] == [Mapping, list, tuple, str, bytes]
