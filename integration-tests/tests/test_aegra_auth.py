"""Aegra enforcing a custom auth module written with `lg-auth` (`aegra/auth.py`), on our SDK.

Aegra loads the module with its own `langgraph_sdk` (ours, see `aegra_server.provision`) and calls
the authenticate hook the Aegra way (the headers dict as the only argument). The client sees the
server's refusals as typed errors: 401 `AuthenticationError`, 403 `PermissionDeniedError`, and
one user's threads do not exist for another.
"""

from __future__ import annotations

from collections.abc import Iterator

import aegra_server
import pytest

from langgraph_sdk import get_sync_client
from langgraph_sdk.client import SyncLangGraphClient
from langgraph_sdk.errors import AuthenticationError, NotFoundError, PermissionDeniedError

ECHO_INPUT = {"messages": [{"role": "user", "content": "hello auth"}]}


@pytest.fixture
def url(aegra_auth_url: str, _postgres: aegra_server.PostgresCluster) -> str:
    _postgres.psql("aegra_auth", aegra_server._RESET_SQL)
    return aegra_auth_url


@pytest.fixture
def alice(url: str) -> Iterator[SyncLangGraphClient]:
    with get_sync_client(
        url=url, api_key=None, headers={"Authorization": "Bearer alice-token"}
    ) as c:
        yield c


@pytest.fixture
def bob(url: str) -> Iterator[SyncLangGraphClient]:
    with get_sync_client(url=url, api_key=None, headers={"Authorization": "Bearer bob-token"}) as c:
        yield c


def test_no_or_unknown_credentials_are_401(url: str) -> None:
    with get_sync_client(url=url, api_key=None) as anonymous:
        with pytest.raises(AuthenticationError) as caught:
            anonymous.threads.create()
        assert caught.value.status_code == 401
        assert "missing or unknown token" in str(caught.value)
    headers = {"Authorization": "Bearer mallory-token"}
    with (
        get_sync_client(url=url, api_key=None, headers=headers) as stranger,
        pytest.raises(AuthenticationError),
    ):
        stranger.assistants.search()


def test_a_read_only_user_is_refused_writes_with_403(url: str) -> None:
    headers = {"Authorization": "Bearer reader-token"}
    with get_sync_client(url=url, api_key=None, headers=headers) as reader:
        assert reader.threads.search() == []  # reading is allowed
        with pytest.raises(PermissionDeniedError) as caught:
            reader.threads.create()
        assert caught.value.status_code == 403
        assert "read-only user" in str(caught.value)


def test_each_user_sees_only_their_own_threads(
    alice: SyncLangGraphClient, bob: SyncLangGraphClient
) -> None:
    thread = alice.threads.create(metadata={"topic": "mine"})
    thread_id = thread["thread_id"]
    assert thread["metadata"]["owner"] == "alice"
    assert [t["thread_id"] for t in alice.threads.search()] == [thread_id]
    assert bob.threads.search() == []
    with pytest.raises(NotFoundError):
        bob.threads.get(thread_id)
    bob_thread = bob.threads.create()
    assert bob_thread["metadata"]["owner"] == "bob"
    assert [t["thread_id"] for t in alice.threads.search()] == [thread_id]


def test_an_authenticated_run_executes_and_stays_private(
    alice: SyncLangGraphClient, bob: SyncLangGraphClient
) -> None:
    thread_id = alice.threads.create()["thread_id"]
    result = alice.runs.wait(thread_id, "echo", input=ECHO_INPUT)
    assert result["messages"][-1]["content"] == "echo: hello auth"
    # Aegra answers another user's thread's runs with an empty list (no 404): nothing leaks.
    assert bob.runs.list(thread_id) == []
    assert [r["thread_id"] for r in alice.runs.list(thread_id)] == [thread_id]
