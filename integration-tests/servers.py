"""What each server implementation lacks, by capability name (`@pytest.mark.needs(...)`).

A test marked `needs("x")` is not generated for a server listed here under `x`; the run's summary
prints it as not applicable, with the reason. Every reason was measured: the test was run on that
server and failed for exactly that reason (Aegra 0.11.0, December 2026).
"""

from __future__ import annotations

import re
from pathlib import Path

AEGRA: dict[str, str] = {
    "ok_route": "no `/ok` route (its health check is `/health`): 404",
    "internal_truncate": "no `/internal/truncate` (the harness resets it through PostgreSQL)",
    "assistant_subgraphs": "`get_subgraphs` with a `namespace` (`GET /assistants/{id}/subgraphs/"
    "{namespace}`) answers 404; without one it works",
    "assistant_versions_paging": "`assistants.get_versions` ignores `limit` and `metadata`: it "
    "answers every version",
    "assistants_per_graph": "a second assistant of the same graph and config answers 409 "
    "'already exists'",
    "assistant_delete_threads": "`assistants.delete(delete_threads=True)` leaves the threads",
    "uuid_validation": "an id that is not a UUID answers 404 Not Found, not 422",
    "crons": "crons fire at once: `crons.create*` answers a run (no `cron_id`), cron records "
    "have no `timezone` / `next_run_date`, `input` is required",
    "messages_mode": "`stream_mode='messages'` sends a different event sequence",
    "error_class_names": "error events and failed runs say `Error` / `execution failed`, not "
    "the graph's exception class (`ValueError`) and message",
    "plain_store_namespaces": "store namespaces are prefixed per user "
    "(`['users', 'anonymous', ...]`)",
    "threads_count": "`POST /threads/count` answers 405",
    "thread_search_sort": "`threads.search(sort_by=...)` does not sort",
    "thread_search_filters": "`threads.search` ignores `ids` (and takes ids that are not UUIDs) "
    "and refuses `select` (422 'select projection is not supported')",
    "slow_runs": "runs end in ~40 ms, too soon for the fault proxy to cut a call or stream as "
    "often as the test demands",
    "store_search_500": "a store search without `namespace_prefix` answers 422, not the 500 "
    "(an in-memory server bug) the test uses to make the server close a connection",
    "run_metadata": "run records have no `metadata`",
    "run_list_select": "`runs.list(select=...)` answers whole run records",
    "in_process_graph": "no in-process server for graphs: the `in_process` graph's `get_client()` "
    "with no URL reaches for localhost:8123 and fails, and Aegra lists no assistant for it",
    "store_item_timestamps": "store items have no `updated_at` (KeyError in docs/store.md)",
    "no_request_id": "answers carry an `x-request-id` header, which the test expects absent",
    "mcp_a2a": "no `/mcp` or `/a2a` JSON-RPC endpoints (the answers carry no `result`)",
    "second_wait_on_thread": "a second `runs.wait` of the ~3 s `slow` run on the same thread "
    "answered within 1 s",
    "numeric_event_ids": "event ids are `<run_id>_event_<n>`, not numbers",
    "non_resumable_streams": "every stream can be replayed, so there is no gap to report",
    "end_event": "every stream ends with an `end` event and every event carries an id",
    "run_created_header": "no `Content-Location` on run creation: `on_run_created` is not called",
    "runs_batch": "`POST /runs/batch` (`runs.create_batch`) answers 404",
    "missing_resources": "joining a missing run answers 404 (not 200 with `__error__`); a run "
    "on a missing thread creates the thread",
    "multitask_strategies": "multitask strategies other than `enqueue` are ignored (no 409)",
    "cancel_rollback": "`runs.cancel(action='rollback')` answers 422 (cancel / interrupt only)",
    "delayed_runs": "`runs.create(after_seconds=...)` starts the run at once",
    "cancel_twice": "cancelling a run already cancelled answers 200, not 404 'No matching runs'",
    "join_stream_after_end": "`runs.join_stream` on a finished run replays its events",
    "thread_stream_v2": "thread streaming v2 over WebSockets (`/threads/{id}/stream/events`) "
    "answers 403",
    "graph_id_as_assistant_id": "`assistants.get_graph` with a graph id answers 404",
    "thread_metadata": "thread metadata gains `assistant_id` / `thread_name` and drops `graph_id`",
    "thread_supersteps": "`threads.create(supersteps=...)` does not apply them",
    "history_metadata_filter": "`threads.get_history(metadata=...)` fails with 500",
    "history_before_validation": "`get_history(before='<checkpoint id>')` is accepted, not 422",
    "threads_copy": "`POST /threads/{id}/copy` (`threads.copy`) answers 404",
    "threads_join_stream": "`GET /threads/{id}/stream` (`threads.join_stream`) answers 404",
    "thread_prune": "`threads.prune` answers `{'deleted': 0, 'pruned': 0}` and leaves the threads "
    "(the LangGraph server deletes them and answers `{'pruned_count': n}`)",
}

LACKS: dict[str, dict[str, str]] = {"inmem": {}, "aegra": AEGRA}


def lacks(server: str, capability: str) -> str | None:
    """Why `server` lacks `capability`, or None when it has it."""
    known = {name for table in LACKS.values() for name in table}
    if capability not in known:
        raise KeyError(f"unknown capability {capability!r}: add it to servers.LACKS")
    return LACKS[server].get(capability)


# What each lacking capability means for the SDK's methods: "missing" (the server has no such
# endpoint: the call raises `NotImplementedByServerError`) or "differs" (it answers, differently).
# Capabilities of the harness or of the test conditions (`ok_route`, `slow_runs`, ...) concern
# no SDK method of their own.
AFFECTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "assistant_subgraphs": ("differs", ("assistants.get_subgraphs",)),
    "assistant_versions_paging": ("differs", ("assistants.get_versions",)),
    "assistants_per_graph": ("differs", ("assistants.create",)),
    "assistant_delete_threads": ("differs", ("assistants.delete",)),
    "uuid_validation": ("differs", ("assistants.get",)),
    "crons": (
        "differs",
        ("crons.create", "crons.create_for_thread", "crons.search", "crons.update"),
    ),
    "messages_mode": ("differs", ("runs.stream",)),
    "error_class_names": ("differs", ("runs.stream", "runs.wait", "runs.join")),
    "plain_store_namespaces": (
        "differs",
        ("store.put_item", "store.get_item", "store.search_items", "store.list_namespaces"),
    ),
    "threads_count": ("missing", ("threads.count",)),
    "store_item_timestamps": ("differs", ("store.get_item", "store.search_items")),
    "thread_search_sort": ("differs", ("threads.search",)),
    "thread_search_filters": ("differs", ("threads.search",)),
    "numeric_event_ids": ("differs", ("runs.join_stream",)),
    "end_event": ("differs", ("runs.stream", "runs.join_stream", "client.http.stream")),
    "run_created_header": ("differs", ("runs.create", "runs.stream", "runs.wait")),
    "runs_batch": ("missing", ("runs.create_batch",)),
    "missing_resources": ("differs", ("runs.join", "runs.create")),
    "multitask_strategies": ("differs", ("runs.create",)),
    "run_metadata": ("differs", ("runs.get", "runs.list")),
    "run_list_select": ("differs", ("runs.list",)),
    "second_wait_on_thread": ("differs", ("runs.wait",)),
    "cancel_rollback": ("differs", ("runs.cancel",)),
    "cancel_twice": ("differs", ("runs.cancel",)),
    "delayed_runs": ("differs", ("runs.create",)),
    "join_stream_after_end": ("differs", ("runs.join_stream",)),
    "thread_stream_v2": ("differs", ("threads.stream",)),
    "graph_id_as_assistant_id": ("differs", ("assistants.get_graph",)),
    "thread_metadata": ("differs", ("threads.create",)),
    "thread_supersteps": ("differs", ("threads.create",)),
    "history_metadata_filter": ("differs", ("threads.get_history",)),
    "history_before_validation": ("differs", ("threads.get_history",)),
    "threads_copy": ("missing", ("threads.copy",)),
    "threads_join_stream": ("missing", ("threads.join_stream",)),
    "thread_prune": ("differs", ("threads.prune",)),
}

# What the client bridges, so both servers give the same answer (docs/servers.md says so too).
BRIDGED: dict[str, str] = {
    "store.get_item": "a missing item is `None` (Aegra answers 404, the LangGraph server 200 `null`)",
}


def sdk_classes() -> dict[str, list[type]]:
    from lg_assistants import AssistantsClient, SyncAssistantsClient
    from lg_crons import CronClient, SyncCronClient
    from lg_runs import RunsClient, SyncRunsClient
    from lg_store import StoreClient, SyncStoreClient
    from lg_threads import SyncThreadsClient, ThreadsClient

    return {
        "assistants": [AssistantsClient, SyncAssistantsClient],
        "threads": [ThreadsClient, SyncThreadsClient],
        "runs": [RunsClient, SyncRunsClient],
        "crons": [CronClient, SyncCronClient],
        "store": [StoreClient, SyncStoreClient],
    }


def sdk_methods() -> list[str]:
    """Every public method of the five resource clients, as `resource.method`."""
    names = set()
    for resource, classes in sdk_classes().items():
        for cls in classes:
            names |= {
                f"{resource}.{name}"
                for name, value in vars(cls).items()
                if not name.startswith("_") and callable(value) and not isinstance(value, type)
            }
    return sorted(names)


# The client-level calls (constructors, the client's own methods, the raw HTTP verbs the
# official SDK exposes on `client.http`); `client.aclose` is the async flavour's, `client.close`
# the sync one's.
CLIENT_METHODS = (
    "get_client",
    "get_sync_client",
    "client.aclose",
    "client.close",
    "client.with_options",
    "client.with_raw_response",
    "client.http.get",
    "client.http.post",
    "client.http.put",
    "client.http.patch",
    "client.http.delete",
    "client.http.stream",
    "client.http.request_reconnect",
)


def table_methods() -> list[str]:
    """The rows of docs/servers.md's table: the client-level calls, then every resource method."""
    return [*CLIENT_METHODS, *sdk_methods()]


# The table's methods the running test called (conftest.py counts them per passing test); the
# resource methods are noted by conftest.py's wrappers, the client-level calls by every_method.py.
CALLED: set[str] = set()

# What `tests/test_every_method_*.py` measured: OUTCOMES[server][method][flavour] = the
# capabilities the server lacks that the passing call met (empty: it works as on LangGraph).
OUTCOMES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {"inmem": {}, "aegra": {}}


def record(server: str, method: str, flavour: str, consulted: list[str]) -> None:
    """Note a passing every-method case. A capability it met must name the method in AFFECTS,
    so the table's notes and the measurement cannot disagree."""
    for capability in consulted:
        if method not in AFFECTS.get(capability, ("", ()))[1]:
            raise AssertionError(
                f"{server} lacks {capability!r} in {method}: list {method!r} under "
                f"AFFECTS[{capability!r}] in servers.py"
            )
    OUTCOMES[server].setdefault(method, {})[flavour] = tuple(dict.fromkeys(consulted))


def _pinned_langgraph_api() -> str:
    text = (Path(__file__).parent / "server" / "pyproject.toml").read_text()
    match = re.search(r'"(langgraph-api==[^"]+)"', text)
    return match.group(1) if match else "langgraph-api"


INMEM_SERVER = _pinned_langgraph_api()  # the in-memory server's pin (server/pyproject.toml)
SERVER_COLUMNS = (("inmem", "in-memory Agent Server"), ("aegra", "Aegra 0.11"))


def table(passed: dict[str, dict[str, int]]) -> str:
    """docs/servers.md's table: each SDK method on each server, from this run's every-method
    cases (`OUTCOMES`), the known differences (`AFFECTS`) and how many passing tests called it
    (`passed[server][method]`)."""
    lines = [
        "| SDK method | " + " | ".join(title for _, title in SERVER_COLUMNS) + " |",
        "|---|" + "---|" * len(SERVER_COLUMNS),
    ]
    for method in table_methods():
        cells = [
            _cell(server, method, passed.get(server, {}).get(method, 0))
            for server, _ in SERVER_COLUMNS
        ]
        lines.append(f"| `{method}` | {' | '.join(cells)} |")
    return "\n".join(lines)


def unchecked(server: str) -> list[str]:
    """The table's methods no every-method case checked on ``server`` in this run."""
    return [method for method in table_methods() if method not in OUTCOMES[server]]


def _cell(server: str, method: str, tests: int) -> str:
    measured = OUTCOMES[server].get(method)
    if not measured:
        return "**not checked in this run**"
    met = {capability for found in measured.values() for capability in found}
    in_call, elsewhere, kind = [], [], "works"
    for capability, why in LACKS[server].items():
        how, methods = AFFECTS.get(capability, ("", ()))
        if method in methods:
            (in_call if capability in met else elsewhere).append(why)
            if how == "missing" and capability in met:
                kind = "**missing** (raises `NotImplementedByServerError`)"
            elif kind == "works":
                kind = "differs"
    if server == "aegra" and method in BRIDGED:
        in_call.append(f"bridged by the client: {BRIDGED[method]}")
    checked = " + ".join(flavour for flavour in ("async", "sync") if flavour in measured)
    count = f"{tests} passing test{'s' if tests != 1 else ''}"
    notes = []
    if in_call:
        notes.append("In this call: " + "; ".join(in_call) + ".")
    if elsewhere:
        notes.append("Other tests: " + "; ".join(elsewhere) + ".")
    return f"{kind} ({checked}; {count})" + (": " + " ".join(notes) if notes else "")
