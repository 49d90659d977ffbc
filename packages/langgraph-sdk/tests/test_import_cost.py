"""`import langgraph_sdk` is on every client's start-up path (and on the benchmarks' S5): what
it loads is checked here by module, not by time (timings on a shared machine are noise).

Each check runs in a fresh interpreter, since this test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Modules the client never needs at import: asyncio (with the subprocess, signal and
# concurrent.futures modules it pulls in) is loaded where a coroutine first needs it, the
# server-side extension points and the optional transports on first use.
NOT_AT_IMPORT = (
    "asyncio",
    "concurrent.futures",
    "subprocess",
    "lg_server",
    "aiohttp",
    "yarl",
    "websockets",
    "pydantic",
    "langchain_core",
    "lg_threads.transport",
    "lg_threads._async.thread_stream",
    "lg_threads._sync.thread_stream",
)


def _added_by(statement: str, baseline: str = "import httpx") -> tuple[set[str], set[str]]:
    """The modules loaded by ``baseline`` and those ``statement`` adds on top of it.

    httpx is the baseline: the official client pays for it too, and what it loads depends on
    its version (an older one may load asyncio itself), not on this SDK.
    """
    code = (
        "import json, sys\n"
        f"{baseline}\n"
        "before = set(sys.modules)\n"
        f"{statement}\n"
        "print(json.dumps([sorted(before), sorted(set(sys.modules) - before)]))\n"
    )
    # -I: no environment variable or user site can import extra modules.
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    before, added = json.loads(result.stdout)
    return set(before), set(added)


def _loaded(names: set[str], module: str) -> bool:
    return any(name == module or name.startswith(module + ".") for name in names)


@pytest.mark.parametrize(
    "statement",
    [
        "import langgraph_sdk",
        "from langgraph_sdk import get_client, get_sync_client, Auth",
        "import langgraph_sdk.client",
        "import langgraph_sdk.schema, langgraph_sdk.errors",
        "import lg_threads, lg_runs, lg_assistants, lg_crons, lg_store",
    ],
)
def test_import_loads_no_event_loop_server_or_optional_transport(statement: str) -> None:
    before, added = _added_by(statement)
    unwanted = [
        module for module in NOT_AT_IMPORT if _loaded(added, module) and not _loaded(before, module)
    ]
    assert unwanted == [], f"{statement!r} loads {unwanted}"


def test_official_path_modules_load_on_first_use() -> None:
    # langgraph_sdk._async.assistants & co. only re-export: the client does not need them.
    _, added = _added_by("import langgraph_sdk")
    shims = sorted(
        name
        for name in added
        if name.startswith(("langgraph_sdk._async.", "langgraph_sdk._sync."))
        and not name.endswith(".client")
    )
    assert shims == []


def test_official_path_names_still_resolve() -> None:
    _, added = _added_by(
        "from langgraph_sdk._async import AssistantsClient, HttpClient, get_client\n"
        "from langgraph_sdk._sync import SyncThreadsClient, get_sync_client\n"
        "import langgraph_sdk._async as package, lg_assistants, lg_threads\n"
        "assert AssistantsClient is lg_assistants.AssistantsClient\n"
        "assert SyncThreadsClient is lg_threads.SyncThreadsClient\n"
        "assert {'RunsClient', 'get_client'} <= set(dir(package))\n"
        "try:\n"
        "    package.Missing\n"
        "except AttributeError as exc:\n"
        "    assert 'Missing' in str(exc)\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')",
        baseline="",
    )
    assert {"langgraph_sdk._async.assistants", "langgraph_sdk._sync.threads"} <= added


def test_asyncio_comes_with_the_first_coroutine_that_needs_it() -> None:
    # The deferral is not a loss of function: an async client works once asyncio is running.
    _, added = _added_by(
        "import asyncio, httpx, langgraph_sdk\n"
        "def answer(request):\n"
        "    return httpx.Response(200, json={'thread_id': 't'})\n"
        "async def main():\n"
        "    client = langgraph_sdk.get_client(\n"
        "        url='http://test', api_key=None, transport=httpx.MockTransport(answer)\n"
        "    )\n"
        "    assert (await client.threads.get('t'))['thread_id'] == 't'\n"
        "    await client.aclose()\n"
        "asyncio.run(main())",
        baseline="",
    )
    assert "asyncio" in added


def test_auth_rules_load_on_first_use() -> None:
    # A client never needs lg_auth; `from langgraph_sdk import Auth` still gives it at once.
    _, added = _added_by("import langgraph_sdk")
    assert not _loaded(added, "lg_auth")
    _, added = _added_by(
        "from langgraph_sdk import Auth\nimport lg_auth\nassert Auth is lg_auth.Auth", baseline=""
    )
    assert _loaded(added, "lg_auth")


def test_official_submodules_are_attributes_after_import() -> None:
    # The official package's start-up imports these, so code may reach them as attributes.
    _added_by(
        "import sys, langgraph_sdk, lg_schema\n"
        "assert langgraph_sdk.schema.Thread is lg_schema.Thread\n"
        "assert langgraph_sdk.client.get_client is langgraph_sdk.get_client\n"
        "assert langgraph_sdk.auth.Auth is langgraph_sdk.Auth\n"
        "names = ('auth', 'client', 'schema', 'errors', 'sse', 'stream', '_shared',\n"
        "         'encryption', 'priority', 'runtime', 'cache')\n"
        "for name in names:\n"
        "    assert getattr(langgraph_sdk, name) is sys.modules['langgraph_sdk.' + name], name\n"
        "assert set(names) <= set(dir(langgraph_sdk))",
        baseline="",
    )
