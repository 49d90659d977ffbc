"""The official server-side paths are lg_server's modules themselves, and the top level exports
what the official package's does."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import langgraph_sdk

PAIRS = {
    "langgraph_sdk.encryption": "lg_server.encryption",
    "langgraph_sdk.encryption.types": "lg_server.encryption.types",
    "langgraph_sdk.priority": "lg_server.priority",
    "langgraph_sdk.priority.types": "lg_server.priority.types",
    "langgraph_sdk.runtime": "lg_server.runtime",
    "langgraph_sdk.cache": "lg_server.cache",
}


@pytest.mark.parametrize(("official", "ours"), PAIRS.items())
def test_official_path_is_the_lg_server_module(official: str, ours: str) -> None:
    assert importlib.import_module(official) is importlib.import_module(ours)


@pytest.mark.parametrize("first", ["langgraph_sdk.encryption.types", "langgraph_sdk.runtime"])
def test_any_import_order_yields_one_module_per_path(first: str) -> None:
    # A submodule imported first must not load a second copy of its classes.
    code = (
        f"import {first}\n"
        "import langgraph_sdk, lg_server.encryption.types as t, lg_server.runtime as r\n"
        "from langgraph_sdk.encryption.types import EncryptionContext\n"
        "from langgraph_sdk.runtime import ServerRuntime\n"
        "assert EncryptionContext is t.EncryptionContext and ServerRuntime is r.ServerRuntime\n"
        "assert langgraph_sdk.Encryption.types is t\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_top_level_exports_match_the_official_names() -> None:
    official = {
        "Auth",
        "DecryptResult",
        "Encryption",
        "EncryptionContext",
        "Priority",
        "PriorityContext",
        "PrioritySettings",
        "get_client",
        "get_sync_client",
    }
    assert official <= set(langgraph_sdk.__all__)
    import lg_server

    for name in official - {"Auth", "get_client", "get_sync_client"}:
        assert getattr(langgraph_sdk, name) is getattr(lg_server, name), name


def test_patching_the_official_cache_module_reaches_lg_server() -> None:
    import langgraph_sdk.cache
    import lg_server.cache

    saved = langgraph_sdk.cache._api_swr
    try:
        langgraph_sdk.cache._api_swr = "patched"  # type: ignore[assignment]
        assert lg_server.cache._api_swr == "patched"
    finally:
        langgraph_sdk.cache._api_swr = saved


def test_server_names_load_on_first_use_only() -> None:
    code = (
        "import sys, langgraph_sdk\n"
        "assert not [m for m in sys.modules if m.startswith('lg_server')], 'loaded eagerly'\n"
        "from langgraph_sdk import Encryption, PrioritySettings\n"
        "import lg_server\n"
        "assert Encryption is lg_server.Encryption\n"
        "assert langgraph_sdk.runtime is sys.modules['lg_server.runtime']\n"
        "assert {'Encryption', 'priority', 'cache'} <= set(dir(langgraph_sdk))\n"
        "try:\n"
        "    langgraph_sdk.missing\n"
        "except AttributeError as exc:\n"
        "    assert 'missing' in str(exc)\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
