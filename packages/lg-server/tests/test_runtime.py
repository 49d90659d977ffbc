"""`ServerRuntime`: the variants a graph factory receives, and how a server recognizes them."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from lg_server.runtime import ServerRuntime, _ExecutionRuntime, _ReadRuntime

SOURCE = Path(__file__).resolve().parents[1] / "src"


class _User:
    identity = "alice"


def test_execution_runtime_narrows_and_carries_the_context() -> None:
    user = _User()
    runtime = _ExecutionRuntime(
        access_context="threads.create_run", user=user, store=None, context={"k": 1}
    )
    assert runtime.execution_runtime is runtime
    assert runtime.context == {"k": 1}
    assert runtime.ensure_user() is user
    assert _ExecutionRuntime(access_context="threads.create_run", store=None).context is None


@pytest.mark.parametrize("access", ["threads.update", "threads.read", "assistants.read"])
def test_read_runtime_has_no_execution_variant(access: str) -> None:
    runtime = _ReadRuntime(access_context=access, store=None)  # type: ignore[arg-type]
    assert runtime.execution_runtime is None
    assert not hasattr(runtime, "context")


def test_ensure_user_without_auth_raises_permission_error_naming_the_context() -> None:
    runtime = _ReadRuntime(access_context="threads.read", store=None)
    with pytest.raises(PermissionError, match=r"access_context='threads\.read'"):
        runtime.ensure_user()


def test_runtimes_are_frozen_and_keyword_only() -> None:
    runtime = _ReadRuntime(access_context="threads.read", store=None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        runtime.user = _User()  # type: ignore[misc]
    with pytest.raises(TypeError):
        _ReadRuntime("threads.read", None, None)  # type: ignore[misc]


def test_server_runtime_is_a_generic_alias_a_server_can_recognize() -> None:
    parameterized = ServerRuntime[dict]  # type: ignore[misc]
    assert typing.get_origin(parameterized) is ServerRuntime
    assert typing.get_args(parameterized) == (dict,)
    assert ServerRuntime.__name__ == "ServerRuntime"


def test_without_typing_extensions_the_alias_still_parameterizes() -> None:
    # On 3.10/3.11 a bare install has no typing_extensions: the stand-in must behave the same.
    code = (
        "import sys, typing\n"
        "sys.modules['typing_extensions'] = None\n"
        "from lg_server.runtime import ServerRuntime, _ExecutionRuntime\n"
        "p = ServerRuntime[int]\n"
        "assert typing.get_origin(p) is ServerRuntime, p\n"
        "assert typing.get_args(p) == (int,)\n"
        "print(ServerRuntime.__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{SOURCE}"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ServerRuntime"
