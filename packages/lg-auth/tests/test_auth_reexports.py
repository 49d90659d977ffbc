"""``langgraph_sdk.auth`` re-exports lg_auth's own objects: the same classes, not copies.

A server checks ``isinstance(obj, langgraph_sdk.Auth)``; rules written with ``lg_auth.Auth`` pass
only if the two names are one class. Runs where the workspace's langgraph_sdk is installed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap

import pytest

import lg_auth

SDK_SPEC = importlib.util.find_spec("langgraph_sdk")
pytestmark = pytest.mark.skipif(SDK_SPEC is None, reason="langgraph_sdk is not installed here")

# Imports langgraph_sdk.auth under a bare parent package, so these checks cover the auth
# re-export modules alone, whatever state the rest of langgraph_sdk is in.
CHECK_AUTH_ALONE = textwrap.dedent(
    """
    import importlib, importlib.util, sys, types
    spec = importlib.util.find_spec("langgraph_sdk")
    parent = types.ModuleType("langgraph_sdk")
    parent.__path__ = list(spec.submodule_search_locations)
    sys.modules["langgraph_sdk"] = parent

    import lg_auth
    import langgraph_sdk.auth
    import langgraph_sdk.auth.exceptions
    import langgraph_sdk.auth.types
    from langgraph_sdk.auth import Auth, exceptions, is_studio_user, types as auth_types
    from langgraph_sdk.auth.exceptions import HTTPException
    from langgraph_sdk.auth.types import AuthContext, MinimalUserDict, StudioUser, on

    assert Auth is lg_auth.Auth
    assert langgraph_sdk.auth.types is lg_auth.types is auth_types is Auth.types
    assert langgraph_sdk.auth.exceptions is lg_auth.exceptions is exceptions is Auth.exceptions
    assert HTTPException is lg_auth.exceptions.HTTPException
    assert AuthContext is lg_auth.types.AuthContext
    assert MinimalUserDict is lg_auth.types.MinimalUserDict
    assert StudioUser is lg_auth.types.StudioUser
    assert on is lg_auth.types.on
    assert is_studio_user is lg_auth.is_studio_user
    assert langgraph_sdk.auth.__all__ == ["Auth", "exceptions", "types"]
    for name in ("AH", "AHO", "TH", "T", "V", "VCreate", "VRead", "VUpdate", "VDelete",
                 "VSearch", "ResourceActionT"):
        assert hasattr(langgraph_sdk.auth, name), name

    # The shim files hand over to lg_auth's modules even when imported on their own.
    for name in ("types", "exceptions"):
        del sys.modules["langgraph_sdk.auth." + name]
        module = importlib.import_module("langgraph_sdk.auth." + name)
        assert module is getattr(lg_auth, name), name
    print("ok")
    """
)


def test_auth_reexports_are_lg_auth_objects() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK_AUTH_ALONE], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_top_level_langgraph_sdk_auth_is_lg_auth() -> None:
    # The whole SDK may be mid-construction in the workspace; only its import is guarded.
    try:
        import langgraph_sdk
        import langgraph_sdk.auth
    except ImportError as exc:  # pragma: no cover - depends on sibling packages
        pytest.skip(f"langgraph_sdk does not import yet: {exc}")
    assert langgraph_sdk.auth.Auth is lg_auth.Auth
    assert langgraph_sdk.auth.types is lg_auth.types
    assert langgraph_sdk.auth.exceptions is lg_auth.exceptions
    if hasattr(langgraph_sdk, "Auth"):
        assert langgraph_sdk.Auth is lg_auth.Auth
