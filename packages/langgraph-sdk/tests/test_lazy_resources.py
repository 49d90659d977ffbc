"""`client.assistants`, ``.threads``, ``.crons`` and ``.store`` are made on first read
(`langgraph_sdk._lazy_resources`), and then behave as the instance attributes the official client
sets in ``__init__``: the same object on every read, over the client's executor, assignable."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.client import LangGraphClient, SyncLangGraphClient
from lg_assistants import AssistantsClient, SyncAssistantsClient
from lg_crons import CronClient, SyncCronClient
from lg_runs import RunsClient, SyncRunsClient
from lg_store import StoreClient, SyncStoreClient
from lg_threads import SyncThreadsClient, ThreadsClient

ASYNC = {
    "assistants": AssistantsClient,
    "threads": ThreadsClient,
    "runs": RunsClient,
    "crons": CronClient,
    "store": StoreClient,
}
SYNC = {
    "assistants": SyncAssistantsClient,
    "threads": SyncThreadsClient,
    "runs": SyncRunsClient,
    "crons": SyncCronClient,
    "store": SyncStoreClient,
}


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"thread_id": request.url.path.rsplit("/", 1)[-1]})


def _clients() -> list[tuple[Any, dict[str, type]]]:
    async_client = get_client(
        url="http://test", api_key=None, transport=httpx.MockTransport(_answer)
    )
    sync_client = get_sync_client(
        url="http://test", api_key=None, transport=httpx.MockTransport(_answer)
    )
    return [(async_client, ASYNC), (sync_client, SYNC)]


@pytest.mark.parametrize("flavour", [0, 1], ids=["async", "sync"])
def test_each_resource_is_one_instance_over_the_clients_executor(flavour: int) -> None:
    client, classes = _clients()[flavour]
    for name, resource_class in classes.items():
        resource = getattr(client, name)
        assert type(resource) is resource_class, name
        assert resource.http is client.http, name
        assert getattr(client, name) is resource, name
        assert vars(client)[name] is resource, name


@pytest.mark.parametrize("flavour", [0, 1], ids=["async", "sync"])
def test_assignment_replaces_the_resource_before_and_after_first_read(flavour: int) -> None:
    client, _ = _clients()[flavour]
    stand_in, other = object(), object()
    client.threads = stand_in  # never read before: nothing is built over it
    assert client.threads is stand_in
    client.store  # noqa: B018 (a read that builds it)
    client.store = other
    assert client.store is other and vars(client)["store"] is other


@pytest.mark.parametrize("flavour", [0, 1], ids=["async", "sync"])
def test_threads_reading_at_once_get_the_same_instance(flavour: int) -> None:
    client, _ = _clients()[flavour]
    seen: list[object] = []
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        seen.append(client.assistants)

    workers = [threading.Thread(target=read) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(seen) == 8 and all(resource is client.assistants for resource in seen)


def test_a_derived_client_has_its_own_resources_over_its_executor() -> None:
    client, _ = _clients()[0]
    first = client.crons
    derived = client.with_options(headers={"x-tenant": "t1"})
    assert derived.crons is not first
    assert derived.crons.http is derived.http is not client.http
    assert client.crons is first


def test_a_subclass_may_set_its_own_resources() -> None:
    class Custom(LangGraphClient):
        def __init__(self, client: httpx.AsyncClient) -> None:
            super().__init__(client)
            self.threads = "mine"  # type: ignore[assignment]

    custom = Custom(httpx.AsyncClient(base_url="http://test"))
    assert custom.threads == "mine"
    assert type(custom.assistants) is AssistantsClient


async def test_a_lazily_made_resource_sends_requests() -> None:
    client, _ = _clients()[0]
    assert (await client.threads.get("t1"))["thread_id"] == "t1"
    raw = await client.with_raw_response.threads.get("t2")
    assert raw.parse()["thread_id"] == "t2"
    await client.aclose()


def test_a_sync_lazily_made_resource_sends_requests() -> None:
    client, _ = _clients()[1]
    assert client.threads.get("t1")["thread_id"] == "t1"
    client.close()


def test_the_class_lists_the_resources() -> None:
    # dir() and help() of the class still name them, as the annotations did.
    for client_class in (LangGraphClient, SyncLangGraphClient):
        assert {"assistants", "threads", "crons", "store"} <= set(dir(client_class))
