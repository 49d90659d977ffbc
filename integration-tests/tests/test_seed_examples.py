"""The usage examples of the specification seeds (`shared/seeds/000..004`), run against the real
Agent Server.

Each test is one example, with its calls and arguments as written, except for these
adaptations to the test server:

- URLs come from `agent_server_url`; made-up graph names (`my_graph`, `agent`,
  `stock_analyzer`) become the `echo` graph (or `slow`/`error` where the example needs a long
  or failing run); placeholder ids (`"thread-123"`, `"asst_456"`, `run["run_id"]`, `[...]`)
  become objects created in the test; `print(...)` of stream parts collects them instead.
- Where a seed shows an API the SDK (the official one included) does not have, the nearest
  real call is used: `await get_client()` -> `get_client()` (not awaitable);
  `runs.cancel(..., cancel_action=)` -> `action=`; `crons.create(thread_id=...)` ->
  `crons.create_for_thread(...)`; `store.put/get/search` -> `put_item/get_item/search_items`;
  `namespace=` / `namespace_prefix=` passed positionally (they are positional-only);
  `except langgraph_sdk.auth.exceptions.HTTPException` (the server-side Auth exception, which
  the client never raises) -> `except httpx.HTTPStatusError`.
- Where a seed misstates a result, the test checks the real one: `runs.wait` returns the run's
  output (the thread's final values), not a `Run` with `status`/`kwargs`; `update_state` needs
  a thread bound to a graph (`threads.create(graph_id=...)`), and a key outside the graph's
  state (`portfolio_value`) is not kept.

Left out (cannot run on the in-memory test server):

- seed 001, "Start run asynchronously" (`runs.create(..., webhook="https://myapp.com/...")`
  then `runs.get`): needs a webhook target; the test server must not call out to the internet.
- seed 004, "Direct HTTP Operations", the one call `client.http.get("/assistants",
  params={"limit": 20})`: the Agent Server API has no `GET /assistants` route (it answers 405;
  listing is `POST /assistants/search`). The example's other two calls run.

Not examples (skipped): signature listings (`async def x(...) -> T: ...`, the `HttpClient`
method list of seed 002, the data-model listings) and the `Auth` server-side example of seed 003.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import agent_server
import httpx
import pytest

from langgraph_sdk import get_client, get_sync_client

GRAPHS = set(agent_server.GRAPH_IDS)
AUTO_DISCOVERED_URL = "http://localhost:8123"


@pytest.fixture
async def client(agent_server_url: str) -> AsyncIterator[Any]:
    """The `client` the seeds' snippets assume to exist."""
    async with get_client(url=agent_server_url) as client:
        yield client


async def assistant_for(client: Any, graph_id: str) -> dict[str, Any]:
    """The assistant the server registered for ``graph_id``."""
    (assistant,) = await client.assistants.search(graph_id=graph_id)
    return dict(assistant)


def last_message(values: dict[str, Any]) -> str:
    return str(values["messages"][-1]["content"])


def base_url(client: Any) -> str:
    return str(client.http.client.base_url).rstrip("/")


# --- seed 000_daff279e1dcac392.txt ---------------------------------------------------------


# 000_daff279e1dcac392.txt, opening quick start ("Connect to LangGraph server ...").
async def test_seed000_quick_start(agent_server_url: str) -> None:
    client = get_client(url=agent_server_url)  # seed: `await get_client()`
    # List all assistants (narrowed to the echo graph: assistants[0] must be a chat agent)
    assistants = await client.assistants.search(graph_id="echo")
    agent = assistants[0]
    # Create a new conversation thread
    thread = await client.threads.create()
    # Start a streaming run
    input_data = {"messages": [{"role": "human", "content": "Hello!"}]}
    chunks = []
    async for chunk in client.runs.stream(
        thread["thread_id"], agent["assistant_id"], input=input_data
    ):
        chunks.append(chunk)
    # Close the client
    await client.aclose()

    assert agent["graph_id"] == "echo"
    assert chunks[0].event == "metadata"
    assert {c.event for c in chunks[1:]} == {"values"}  # the default stream_mode
    assert last_message(chunks[-1].data) == "echo: Hello!"


# --- seed 001_e31c842f940259a0.txt (examples block at the end) ------------------------------


# 001_e31c842f940259a0.txt, "# Basic streaming run".
async def test_seed001_basic_streaming_run(client: Any) -> None:
    thread = await client.threads.create()
    assistant = await assistant_for(client, "echo")
    messages, events, others = [], [], []
    async for chunk in client.runs.stream(
        thread_id=thread["thread_id"],
        assistant_id=assistant["assistant_id"],
        input={"messages": [{"role": "human", "content": "Hello!"}]},
    ):
        if chunk.event == "messages":
            messages.append(chunk.data)
        elif chunk.event == "events":
            events.append(chunk.data)
        else:
            others.append(chunk)

    # The default stream_mode is "values": neither branch fires, the run's states come.
    assert messages == [] and events == []
    assert others[0].event == "metadata"
    assert last_message(others[-1].data) == "echo: Hello!"


# 001_e31c842f940259a0.txt, "# Advanced streaming with configuration".
async def test_seed001_advanced_streaming_with_configuration(client: Any) -> None:
    thread = await client.threads.create()
    assistant = await assistant_for(client, "echo")
    chunks = []
    async for chunk in client.runs.stream(
        thread_id=thread["thread_id"],
        assistant_id=assistant["assistant_id"],
        input={"query": "Explain AI"},
        config={"temperature": 0.7, "max_tokens": 1000},
        stream_mode="events",
        interrupt_before=["human_review"],
        multitask_strategy="enqueue",
    ):
        chunks.append(chunk)

    assert chunks[0].event == "metadata"
    assert {c.event for c in chunks[1:]} == {"events"}
    kinds = [c.data["event"] for c in chunks[1:]]
    assert kinds[0] == "on_chain_start" and kinds[-1] == "on_chain_end"
    assert "on_chat_model_stream" in kinds
    assert chunks[1].data["data"]["input"] == {"query": "Explain AI"}


# 001_e31c842f940259a0.txt, "# Execute and wait for completion".
async def test_seed001_execute_and_wait_for_completion(client: Any) -> None:
    thread = await client.threads.create()
    assistant = await assistant_for(client, "echo")
    completed_run = await client.runs.wait(
        thread_id=thread["thread_id"],
        assistant_id=assistant["assistant_id"],
        input={"calculation": "fibonacci", "n": 100},
        config={"timeout": 300},
    )

    # runs.wait returns the run's output (the final state), not the Run itself.
    assert "status" not in completed_run and "kwargs" not in completed_run
    assert last_message(completed_run) == "echo: "  # the input holds no human message
    (run,) = await client.runs.list(thread["thread_id"])
    assert run["status"] == "success"


# 001_e31c842f940259a0.txt, "# Create multiple runs".
async def test_seed001_create_multiple_runs(client: Any) -> None:
    thread = await client.threads.create()
    assistant = await assistant_for(client, "echo")
    payloads = [
        {
            "thread_id": thread["thread_id"],
            "assistant_id": assistant["assistant_id"],
            "input": {"task": f"process_item_{i}"},
        }
        for i in range(10)
    ]
    batch_runs = await client.runs.create_batch(payloads)

    assert len(batch_runs) == 10
    assert len({r["run_id"] for r in batch_runs}) == 10
    assert all(r["assistant_id"] == assistant["assistant_id"] for r in batch_runs)
    assert all(r["status"] in ("pending", "running") for r in batch_runs)
    assert [r["kwargs"]["input"] for r in batch_runs] == [p["input"] for p in payloads]


# 001_e31c842f940259a0.txt, "# List thread runs" / "# Cancel a run" / "# Join an ongoing run".
async def test_seed001_list_cancel_join_runs(client: Any) -> None:
    thread = await client.threads.create()
    slow = await assistant_for(client, "slow")
    long_run = await client.runs.create(
        thread["thread_id"], slow["assistant_id"], input={"steps": 20, "delay": 0.2}
    )

    # List thread runs
    runs = await client.runs.list(thread["thread_id"], limit=50)
    active_runs = [r for r in runs if r["status"] in ["pending", "running"]]
    # Cancel a run
    if active_runs:
        await client.runs.cancel(
            thread["thread_id"],
            active_runs[0]["run_id"],
            action="interrupt",  # seed: cancel_action=
        )
    # Join an ongoing run
    run_789 = await client.runs.create(
        thread["thread_id"], slow["assistant_id"], input={"steps": 3, "delay": 0.2}
    )
    result = await client.runs.join(thread["thread_id"], run_789["run_id"])
    # Stream events from ongoing run
    events = []
    async for event in client.runs.join_stream(thread["thread_id"], run_789["run_id"]):
        events.append(event)

    assert [r["run_id"] for r in active_runs] == [long_run["run_id"]]
    assert (await client.runs.get(thread["thread_id"], long_run["run_id"]))["status"] == (
        "interrupted"
    )
    assert result["done"] == 3 and result["log"] == ["step 1", "step 2", "step 3"]
    # join returned once the run was done: its output is not replayed to a later join_stream.
    assert events == []


# 001_e31c842f940259a0.txt, last example: error handling (`try: ... runs.stream(...)`).
async def test_seed001_stream_error_handling(client: Any) -> None:
    thread = await client.threads.create()
    assistant = await assistant_for(client, "error")
    execution_errors, interrupts, stream_errors = [], [], []
    try:
        async for chunk in client.runs.stream(
            thread_id=thread["thread_id"],
            assistant_id=assistant["assistant_id"],
            input={"query": "test"},
        ):
            if chunk.event == "error":
                execution_errors.append(chunk.data)
                break
            elif chunk.event == "interrupt":  # noqa: RET508 (as written)
                interrupts.append(chunk.data)
    except Exception as e:
        stream_errors.append(e)

    assert stream_errors == []
    assert interrupts == []
    assert execution_errors == [{"error": "ValueError", "message": "boom: "}]


# --- seed 002_1eb9501b9e9f5a5a.txt -----------------------------------------------------------


# 002_1eb9501b9e9f5a5a.txt, "Client Classes > LangGraphClient > Initialization".
async def test_seed002_initialization(agent_server_url: str) -> None:
    # Async client
    client = get_client(url=agent_server_url)
    async_client = client
    # Sync client
    client = get_sync_client(url=agent_server_url)
    sync_client = client

    for each in (async_client, sync_client):
        for resource in ("assistants", "threads", "runs", "crons", "store"):
            assert hasattr(each, resource)
        assert base_url(each) == agent_server_url
    assert type(async_client).__name__ == "LangGraphClient"
    assert type(sync_client).__name__ == "SyncLangGraphClient"
    assert {a["graph_id"] for a in await async_client.assistants.search()} == GRAPHS
    assert {a["graph_id"] for a in sync_client.assistants.search()} == GRAPHS
    await async_client.aclose()
    sync_client.close()


# 002_1eb9501b9e9f5a5a.txt, "Resource Clients > AssistantsClient > Example".
async def test_seed002_assistants_example(client: Any) -> None:
    # Create an assistant
    assistant = await client.assistants.create(
        graph_id="echo",
        name="Investment Analyzer",
        config={"configurable": {"model": "claude-3-7-sonnet"}},
    )
    created = assistant

    # Get assistant details
    assistant = await client.assistants.get(assistant["assistant_id"])

    # Update assistant
    updated = await client.assistants.update(
        assistant["assistant_id"], config={"configurable": {"model": "claude-3-5-sonnet"}}
    )

    # Search assistants
    assistants = await client.assistants.search(metadata={"type": "investment"}, limit=5)

    assert created["graph_id"] == "echo" and created["name"] == "Investment Analyzer"
    assert created["config"]["configurable"] == {"model": "claude-3-7-sonnet"}
    assert assistant["assistant_id"] == created["assistant_id"]
    assert assistant["name"] == "Investment Analyzer"
    assert updated["assistant_id"] == created["assistant_id"]
    assert updated["config"]["configurable"] == {"model": "claude-3-5-sonnet"}
    fetched = await client.assistants.get(created["assistant_id"])
    assert fetched["config"]["configurable"] == {"model": "claude-3-5-sonnet"}
    # No assistant carries {"type": "investment"} metadata: the filter leaves none.
    assert assistants == []


# 002_1eb9501b9e9f5a5a.txt, "Resource Clients > ThreadsClient > Example".
async def test_seed002_threads_example(client: Any) -> None:
    # Create a thread (bound to a graph: update_state needs one)
    thread = await client.threads.create(
        metadata={"user_id": "123", "portfolio": "growth"}, graph_id="echo"
    )

    # Get thread state
    state = await client.threads.get_state(thread["thread_id"])

    # Update thread state
    new_state = await client.threads.update_state(
        thread["thread_id"], values={"portfolio_value": 50000}
    )

    # Get state history
    history = await client.threads.get_history(thread["thread_id"], limit=5)

    assert thread["metadata"]["user_id"] == "123" and thread["metadata"]["portfolio"] == "growth"
    assert state["values"] == {} and state["checkpoint"] is None  # nothing has run yet
    checkpoint_id = new_state["checkpoint"]["checkpoint_id"]
    assert new_state["checkpoint"]["thread_id"] == thread["thread_id"]
    assert 1 <= len(history) <= 5
    assert history[0]["checkpoint"]["checkpoint_id"] == checkpoint_id
    assert history[0]["metadata"]["source"] == "update"
    # `portfolio_value` is no key of the echo graph's state (`messages`): it is not kept.
    assert "portfolio_value" not in history[0]["values"]


# 002_1eb9501b9e9f5a5a.txt, "Resource Clients > RunsClient > Example".
async def test_seed002_runs_example(client: Any) -> None:
    thread = await client.threads.create()
    assistant = await assistant_for(client, "echo")

    # Create and wait for run
    result = await client.runs.wait(
        thread_id=thread["thread_id"],
        assistant_id=assistant["assistant_id"],
        input={"messages": [{"role": "user", "content": "Analyze AAPL"}]},
    )

    # Stream run results
    chunks = []
    async for chunk in client.runs.stream(
        thread_id=thread["thread_id"],
        assistant_id=assistant["assistant_id"],
        input={"messages": [{"role": "user", "content": "Analyze TSLA"}]},
        stream_mode=["values", "updates"],
    ):
        chunks.append(chunk)

    # Cancel a run (`run`: a long run on the same thread)
    run = await client.runs.create(thread["thread_id"], "slow", input={"steps": 20, "delay": 0.2})
    await client.runs.cancel(thread["thread_id"], run["run_id"])

    assert last_message(result) == "echo: Analyze AAPL"
    assert {c.event for c in chunks[1:]} == {"values", "updates"}
    assert last_message([c for c in chunks if c.event == "values"][-1].data) == (
        "echo: Analyze TSLA"
    )
    (update,) = [c.data for c in chunks if c.event == "updates"]
    assert update["respond"]["messages"][-1]["content"] == "echo: Analyze TSLA"
    await client.runs.join(thread["thread_id"], run["run_id"])
    assert (await client.runs.get(thread["thread_id"], run["run_id"]))["status"] == "interrupted"


# 002_1eb9501b9e9f5a5a.txt, "Resource Clients > CronClient > Example".
async def test_seed002_crons_example(client: Any) -> None:
    thread = await client.threads.create()
    assistant = await assistant_for(client, "echo")

    # Create daily analysis job (seed: crons.create(thread_id=...), which is create_for_thread)
    cron = await client.crons.create_for_thread(
        thread_id=thread["thread_id"],
        assistant_id=assistant["assistant_id"],
        schedule="0 9 * * *",  # Daily at 9 AM
        input={"messages": [{"role": "user", "content": "Daily portfolio analysis"}]},
    )

    # List cron jobs for assistant
    jobs = await client.crons.search(assistant_id=assistant["assistant_id"])

    # Delete cron job
    await client.crons.delete(cron["cron_id"])

    assert cron["schedule"] == "0 9 * * *"
    assert cron["thread_id"] == thread["thread_id"]
    assert cron["assistant_id"] == assistant["assistant_id"]
    assert [j["cron_id"] for j in jobs] == [cron["cron_id"]]
    assert await client.crons.search(assistant_id=assistant["assistant_id"]) == []


# 002_1eb9501b9e9f5a5a.txt, "Resource Clients > StoreClient > Example".
async def test_seed002_store_example(client: Any) -> None:
    # Store user preferences (seed: store.put(namespace=...))
    await client.store.put_item(
        ["users", "123"],
        key="preferences",
        value={"risk_tolerance": "moderate", "sectors": ["tech", "healthcare"]},
    )

    # Retrieve preferences (seed: store.get(namespace=...))
    prefs = await client.store.get_item(["users", "123"], key="preferences")

    # Search in namespace (seed: store.search(namespace=...))
    items = await client.store.search_items(["users"], filter={"risk_tolerance": "moderate"})

    assert prefs["value"] == {"risk_tolerance": "moderate", "sectors": ["tech", "healthcare"]}
    assert prefs["namespace"] == ["users", "123"] and prefs["key"] == "preferences"
    assert [(i["namespace"], i["key"]) for i in items["items"]] == [
        (["users", "123"], "preferences")
    ]


# 002_1eb9501b9e9f5a5a.txt, "Error Handling".
async def test_seed002_error_handling(agent_server_url: str) -> None:
    seed_client = get_client(url=agent_server_url)
    thread_id = (await seed_client.threads.create())["thread_id"]
    assistant_id = (await assistant_for(seed_client, "error"))["assistant_id"]
    await seed_client.aclose()

    errors = []
    try:
        client = get_client(url=agent_server_url)
        result = await client.runs.wait(
            thread_id=thread_id,
            assistant_id=assistant_id,
            input={"messages": [{"role": "user", "content": "query"}]},
        )
    except Exception as e:
        errors.append(f"Error: {e}")
    finally:
        await client.aclose()

    assert "result" not in locals()
    (error,) = errors
    assert "ValueError" in error and "boom" in error


# 002_1eb9501b9e9f5a5a.txt, "Sync vs Async" (the async half).
async def test_seed002_sync_vs_async_async(agent_server_url: str) -> None:
    client = get_client(url=agent_server_url)
    thread = await client.threads.create()
    result = await client.runs.wait(
        thread["thread_id"], "echo", input={"messages": [{"role": "user", "content": "async"}]}
    )
    await client.aclose()

    assert last_message(result) == "echo: async"


# 002_1eb9501b9e9f5a5a.txt, "Sync vs Async" (the sync half).
def test_seed002_sync_vs_async_sync(agent_server_url: str) -> None:
    client = get_sync_client(url=agent_server_url)
    thread = client.threads.create()
    result = client.runs.wait(
        thread["thread_id"], "echo", input={"messages": [{"role": "user", "content": "sync"}]}
    )
    client.close()

    assert last_message(result) == "echo: sync"


# 002_1eb9501b9e9f5a5a.txt, "Complete Example" (`analyze_stock`).
async def test_seed002_complete_example(agent_server_url: str) -> None:
    events: list[Any] = []

    async def analyze_stock(symbol: str) -> dict[str, Any]:
        # Initialize client
        client = get_client(url=agent_server_url)

        # Create or get assistant
        assistant = await client.assistants.create(
            graph_id="echo",
            name="Stock Analysis Agent",
            config={"configurable": {"model": "claude-3-7-sonnet"}},
        )

        # Create thread
        thread = await client.threads.create(metadata={"user": "investor_1", "symbol": symbol})

        # Stream analysis
        async for event in client.runs.stream(
            thread_id=thread["thread_id"],
            assistant_id=assistant["assistant_id"],
            input={"messages": [{"role": "user", "content": f"Analyze {symbol}"}]},
            stream_mode=["values", "updates"],
        ):
            events.append(event)

        # Get final state
        state = await client.threads.get_state(thread["thread_id"])
        await client.aclose()
        return state["values"]

    values = await analyze_stock("AAPL")

    assert [m["content"] for m in values["messages"]] == ["Analyze AAPL", "echo: Analyze AAPL"]
    assert {e.event for e in events} == {"metadata", "values", "updates"}
    assert last_message([e for e in events if e.event == "values"][-1].data) == (
        "echo: Analyze AAPL"
    )


# --- seed 003_8fa11ee0507d540b.txt -----------------------------------------------------------


# 003_8fa11ee0507d540b.txt, "Python sync vs. async" (Sync tab).
def test_seed003_sync_client(agent_server_url: str) -> None:
    client = get_sync_client(url=agent_server_url, api_key="test-api-key")
    assistants = client.assistants.search()
    client.close()

    assert {a["graph_id"] for a in assistants} == GRAPHS


# 003_8fa11ee0507d540b.txt, "Python sync vs. async" (Async tab).
async def test_seed003_async_client(agent_server_url: str) -> None:
    client = get_client(url=agent_server_url, api_key="test-api-key")
    assistants = await client.assistants.search()
    await client.aclose()

    assert {a["graph_id"] for a in assistants} == GRAPHS


# 003_8fa11ee0507d540b.txt, "Core Components > Key Functions".
async def test_seed003_key_functions(agent_server_url: str) -> None:
    # Get async client
    client = get_client(url=agent_server_url, api_key="...")
    async_client = client

    # Get sync client
    client = get_sync_client(url=agent_server_url, api_key="...")
    sync_client = client

    for each in (async_client, sync_client):
        assert base_url(each) == agent_server_url
        assert each.http.client.headers["x-api-key"] == "..."
    assert (await async_client.threads.create())["thread_id"]
    assert sync_client.threads.create()["thread_id"]
    await async_client.aclose()
    sync_client.close()


# 003_8fa11ee0507d540b.txt, "Common Usage Patterns > Working with Assistants".
async def test_seed003_working_with_assistants(client: Any) -> None:
    # Create assistant
    assistant = await client.assistants.create(
        graph_id="echo", config={"model": "gpt-4"}, metadata={"owner": "user123"}
    )
    created = assistant

    # Get assistant
    assistant = await client.assistants.get(created["assistant_id"])

    # Search assistants
    assistants = await client.assistants.search(metadata={"owner": "user123"}, limit=10)

    assert created["graph_id"] == "echo" and created["metadata"] == {"owner": "user123"}
    assert created["config"]["model"] == "gpt-4"
    assert assistant == created
    assert [a["assistant_id"] for a in assistants] == [created["assistant_id"]]


# 003_8fa11ee0507d540b.txt, "Common Usage Patterns > Managing Threads".
async def test_seed003_managing_threads(client: Any) -> None:
    thread_123 = (await client.threads.create(graph_id="echo"))["thread_id"]

    # Create thread
    thread = await client.threads.create(metadata={"user_id": "123"})

    # Get thread state
    state = await client.threads.get_state(thread_id=thread_123)

    # Update thread state
    await client.threads.update_state(
        thread_id=thread_123, values={"messages": [{"role": "user", "content": "hi"}]}
    )

    assert thread["metadata"]["user_id"] == "123" and thread["status"] == "idle"
    assert state["values"] == {}
    after = await client.threads.get_state(thread_id=thread_123)
    assert [(m["type"], m["content"]) for m in after["values"]["messages"]] == [("human", "hi")]


# 003_8fa11ee0507d540b.txt, "Common Usage Patterns > Running Graphs".
async def test_seed003_running_graphs(client: Any) -> None:
    thread_123 = (await client.threads.create())["thread_id"]
    asst_456 = (await assistant_for(client, "echo"))["assistant_id"]

    # Stream run results
    chunks = []
    async for chunk in client.runs.stream(
        thread_id=thread_123,
        assistant_id=asst_456,
        input={"messages": [{"role": "user", "content": "Hello"}]},
        stream_mode=["values", "updates"],
    ):
        chunks.append(chunk)

    # Create background run
    run = await client.runs.create(
        thread_id=thread_123,
        assistant_id=asst_456,
        input={"messages": [{"role": "user", "content": "in the background"}]},
    )

    # Wait for completion
    result = await client.runs.wait(
        thread_id=thread_123,
        assistant_id=asst_456,
        input={"messages": [{"role": "user", "content": "and wait"}]},
    )

    assert {c.event for c in chunks[1:]} == {"values", "updates"}
    assert last_message([c for c in chunks if c.event == "values"][-1].data) == "echo: Hello"
    assert run["status"] in ("pending", "running") and run["thread_id"] == thread_123
    # The waited run was queued behind the background one: both ran, in order.
    assert [m["content"] for m in result["messages"]] == [
        "Hello",
        "echo: Hello",
        "in the background",
        "echo: in the background",
        "and wait",
        "echo: and wait",
    ]
    assert (await client.runs.get(thread_123, run["run_id"]))["status"] == "success"


# 003_8fa11ee0507d540b.txt, "Common Usage Patterns > Using the Store".
async def test_seed003_using_the_store(client: Any) -> None:
    # Store item
    await client.store.put_item(
        ["users", "profiles"], key="user123", value={"name": "Alice", "age": 30}
    )

    # Get item
    item = await client.store.get_item(["users", "profiles"], key="user123")

    # Search items
    results = await client.store.search_items(["users"], filter={"age": {"$gte": 25}}, limit=10)

    assert item["value"] == {"name": "Alice", "age": 30}
    assert item["namespace"] == ["users", "profiles"] and item["key"] == "user123"
    assert [(i["key"], i["value"]) for i in results["items"]] == [
        ("user123", {"name": "Alice", "age": 30})
    ]


# 003_8fa11ee0507d540b.txt, "Error Handling".
async def test_seed003_error_handling(client: Any) -> None:
    from langgraph_sdk.auth.exceptions import HTTPException

    caught = []
    try:
        thread = await client.threads.get("invalid_id")
    except httpx.HTTPStatusError as e:  # seed: `except HTTPException` (server-side only)
        caught.append(e)
        message = f"Error {e.response.status_code}: {e}"

    assert "thread" not in locals()
    (error,) = caught
    assert not isinstance(error, HTTPException)
    assert error.response.status_code == 422
    assert message.startswith("Error 422:") and "Invalid thread ID" in message


# --- seed 004_b1f42c6b1b19d89e.txt -----------------------------------------------------------


# 004_b1f42c6b1b19d89e.txt, "Usage Examples > Basic Client Setup".
async def test_seed004_basic_client_setup(agent_server_url: str) -> None:
    # Async client with auto-discovery (seed: `await get_client()`)
    async_client = get_client()
    # No server runs in this process: the client falls back to localhost:8123.
    assert base_url(async_client) == AUTO_DISCOVERED_URL
    await async_client.aclose()

    # Async client with specific server
    async_client = get_client(url=agent_server_url, api_key="your-api-key")
    assert base_url(async_client) == agent_server_url
    assert async_client.http.client.headers["x-api-key"] == "your-api-key"
    assert {a["graph_id"] for a in await async_client.assistants.search()} == GRAPHS
    await async_client.aclose()

    # Sync client
    sync_client = get_sync_client()
    assert base_url(sync_client) == AUTO_DISCOVERED_URL
    sync_client.close()

    # With custom headers
    client = get_client(url=agent_server_url, headers={"User-Agent": "MyApp/1.0"}, timeout=60.0)
    sent: list[str | None] = []
    await client.http.get(
        "/ok", on_response=lambda r: sent.append(r.request.headers.get("user-agent"))
    )
    assert sent == ["MyApp/1.0"]
    assert client.http.client.timeout == httpx.Timeout(60.0)
    await client.aclose()


# 004_b1f42c6b1b19d89e.txt, "Usage Examples > Resource Access".
async def test_seed004_resource_access(client: Any) -> None:
    thread_123 = (await client.threads.create())["thread_id"]
    await client.runs.wait(
        thread_123, "echo", input={"messages": [{"role": "user", "content": "x"}]}
    )

    # Access different resource managers
    assistants = await client.assistants.search()
    threads = await client.threads.search()
    runs = await client.runs.list(thread_id=thread_123)

    # Cleanup when done
    await client.aclose()

    assert {a["graph_id"] for a in assistants} == GRAPHS
    assert [t["thread_id"] for t in threads] == [thread_123]
    assert [(r["thread_id"], r["status"]) for r in runs] == [(thread_123, "success")]


# 004_b1f42c6b1b19d89e.txt, "Usage Examples > Direct HTTP Operations" (minus `GET /assistants`).
async def test_seed004_direct_http_operations(client: Any) -> None:
    run_data = {
        "assistant_id": "echo",
        "input": {"messages": [{"role": "user", "content": f"raw {uuid.uuid4().hex[:6]}"}]},
    }

    # Low-level API access
    new_thread = await client.http.post("/threads", json={"metadata": {"user": "john"}})

    # Streaming
    chunks = []
    async for chunk in client.http.stream("/runs/stream", method="POST", json=run_data):
        chunks.append(chunk)

    assert new_thread["metadata"]["user"] == "john"
    assert (await client.threads.get(new_thread["thread_id"]))["metadata"]["user"] == "john"
    assert chunks[0].event == "metadata"
    assert {c.event for c in chunks[1:]} == {"values"}
    sent = run_data["input"]["messages"][0]["content"]  # type: ignore[index]
    assert last_message(chunks[-1].data) == f"echo: {sent}"
