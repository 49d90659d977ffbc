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


def _ours(name: str) -> bool:
    return name.split(".")[0] == "langgraph_sdk" or name.startswith("lg_")


def test_an_async_client_loads_no_sync_module() -> None:
    # An async program (S9's 1,000 streams on one get_client) never pays for the sync clients.
    _, added = _added_by(
        "import langgraph_sdk\n"
        "client = langgraph_sdk.get_client(url='http://127.0.0.1:9', api_key=None)\n"
        "stream = client.runs.stream(None, 'agent', input={})\n"
        "assert stream.__aiter__ is not None\n"
        "import langgraph_sdk.errors, langgraph_sdk.client, lg_runs.official, lg_transport.official",
        baseline="import asyncio, httpx",
    )
    loaded = sorted(name for name in added if _ours(name) and "._sync" in f".{name}")
    assert loaded == []


# Lazy name -> (module it is defined in, the name there): each must be that very object.
LAZY_NAMES = {
    ("langgraph_sdk", "get_sync_client"): ("langgraph_sdk._sync.client", "get_sync_client"),
    ("langgraph_sdk.client", "SyncLangGraphClient"): (
        "langgraph_sdk._sync.client",
        "SyncLangGraphClient",
    ),
    ("langgraph_sdk.client", "get_sync_client"): ("langgraph_sdk._sync.client", "get_sync_client"),
    ("langgraph_sdk.client", "SyncAssistantsClient"): (
        "lg_assistants._sync.assistants",
        "SyncAssistantsClient",
    ),
    ("langgraph_sdk.client", "SyncCronClient"): ("lg_crons._sync.crons", "SyncCronClient"),
    ("langgraph_sdk.client", "SyncRunsClient"): ("lg_runs._sync.runs", "SyncRunsClient"),
    ("langgraph_sdk.client", "SyncStoreClient"): ("lg_store._sync.store", "SyncStoreClient"),
    ("langgraph_sdk.client", "SyncThreadsClient"): (
        "lg_threads._sync.threads",
        "SyncThreadsClient",
    ),
    ("langgraph_sdk.client", "SyncHttpClient"): ("lg_transport._sync.http", "SyncHttpClient"),
    ("langgraph_sdk.client", "_decode_json"): (
        "lg_transport._sync.json_body",
        "decode_response_json",
    ),
    ("langgraph_sdk.client", "_encode_json"): (
        "lg_transport._sync.json_body",
        "encode_request_json",
    ),
    ("langgraph_sdk.errors", "_raise_for_status_typed"): (
        "lg_transport._sync.status",
        "raise_for_status_typed",
    ),
    ("langgraph_sdk.errors", "_decode_error_body"): (
        "lg_transport._sync.status",
        "read_error_body",
    ),
    ("lg_assistants", "SyncAssistantsClient"): (
        "lg_assistants._sync.assistants",
        "SyncAssistantsClient",
    ),
    ("lg_crons", "SyncCronClient"): ("lg_crons._sync.crons", "SyncCronClient"),
    ("lg_runs", "SyncRunsClient"): ("lg_runs._sync.runs", "SyncRunsClient"),
    ("lg_runs.official", "v2_parts"): ("lg_runs._sync.runs", "_v2_parts"),
    ("lg_store", "SyncStoreClient"): ("lg_store._sync.store", "SyncStoreClient"),
    ("lg_threads", "SyncThreadsClient"): ("lg_threads._sync.threads", "SyncThreadsClient"),
    ("lg_transport", "SyncHttpClient"): ("lg_transport._sync.http", "SyncHttpClient"),
    ("lg_transport", "SyncItemPager"): ("lg_transport._sync.pages", "SyncItemPager"),
    ("lg_transport", "SyncResourceClient"): ("lg_transport._sync.resource", "SyncResourceClient"),
    ("lg_transport.official", "check_run"): ("lg_transport._sync.status", "check_run"),
    ("lg_transport.official", "decode_response_json"): (
        "lg_transport._sync.json_body",
        "decode_response_json",
    ),
    ("lg_transport.official", "encode_request_json"): (
        "lg_transport._sync.json_body",
        "encode_request_json",
    ),
    ("lg_transport.official", "raise_for_status_typed"): (
        "lg_transport._sync.status",
        "raise_for_status_typed",
    ),
    ("lg_transport.official", "read_error_body"): ("lg_transport._sync.status", "read_error_body"),
}


@pytest.mark.parametrize(("where", "name"), sorted(LAZY_NAMES))
def test_a_lazy_name_is_its_real_module_object(where: str, name: str) -> None:
    # Reached first by `from ... import` (which loads it), then listed by dir() and `import *`.
    home, real = LAZY_NAMES[where, name]
    _, added = _added_by(
        f"from {where} import {name} as value\n"
        f"import {home}, {where} as module\n"
        f"assert value is {home}.{real}\n"
        f"assert getattr(module, {name!r}) is value\n"
        f"assert {name!r} in dir(module)\n"
        "if hasattr(module, '__all__'):\n"
        "    space = {}\n"
        f"    exec('from {where} import *', space)\n"
        "    assert {n for n in space if n != '__builtins__'} == set(module.__all__)\n"
        f"    assert {name!r} not in module.__all__ or space[{name!r}] is value",
        baseline="",
    )
    assert home in added


def test_a_lazy_name_is_listed_before_it_loads() -> None:
    # dir() lists the lazy names (for completion and introspection) without loading them.
    _, added = _added_by(
        "import langgraph_sdk, langgraph_sdk.client, lg_runs, lg_threads, lg_transport\n"
        "assert 'get_sync_client' in dir(langgraph_sdk)\n"
        "assert 'SyncLangGraphClient' in dir(langgraph_sdk.client)\n"
        "assert 'SyncRunsClient' in dir(lg_runs) and 'SyncThreadsClient' in dir(lg_threads)\n"
        "assert 'SyncHttpClient' in dir(lg_transport)\n"
        "try:\n"
        "    lg_runs.SyncMissing\n"
        "except AttributeError as exc:\n"
        "    assert 'SyncMissing' in str(exc)\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')",
        baseline="",
    )
    assert not [name for name in added if _ours(name) and "._sync" in f".{name}"]


def test_a_run_stream_loads_no_other_resource_package() -> None:
    # client.assistants/.threads/.crons/.store are made on first read: a program that only
    # streams runs never loads their packages, and the first read loads just that one.
    _, added = _added_by(
        "import langgraph_sdk\n"
        "client = langgraph_sdk.get_client(url='http://127.0.0.1:9', api_key=None)\n"
        "stream = client.runs.stream(None, 'agent', input={})",
    )
    others = ("lg_assistants", "lg_threads", "lg_crons", "lg_store")
    assert [name for name in others if _loaded(added, name)] == []
    _, added = _added_by(
        "import langgraph_sdk\n"
        "client = langgraph_sdk.get_client(url='http://127.0.0.1:9', api_key=None)\n"
        "import lg_threads\n"
        "assert type(client.threads) is lg_threads.ThreadsClient",
    )
    assert [name for name in others if _loaded(added, name)] == ["lg_threads"]
