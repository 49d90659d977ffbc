"""The same SDK calls against Aegra, for whichever `langgraph_sdk` is importable (ours or the
official one): prints one JSON object, behaviour -> {"held": bool, "outcome": str}.

Run by `compare_official.py` once in each environment; uses only the official public API.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Callable
from typing import Any

from langgraph_sdk import get_sync_client

ECHO_INPUT = {"messages": [{"role": "user", "content": "hi"}]}


def _names_missing_route(error: BaseException) -> bool:
    return "does not implement" in str(error)


def probe(url: str) -> dict[str, dict[str, Any]]:
    client = get_sync_client(url=url, api_key=None)
    results: dict[str, dict[str, Any]] = {}

    def check(behaviour: str, call: Callable[[], Any], held: Callable[[Any], bool]) -> None:
        try:
            value = call()
        except Exception as error:  # the outcome is the point: report every kind
            outcome = f"{type(error).__name__}: {str(error)[:160]}"
            results[behaviour] = {"held": bool(held(error)), "outcome": outcome}
            return
        results[behaviour] = {"held": bool(held(value)), "outcome": repr(value)[:160]}

    thread_id = client.threads.create()["thread_id"]
    namespace = ["probe", uuid.uuid4().hex]

    def ok(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
        return lambda value: not isinstance(value, BaseException) and test(value)

    check(
        "assistants.search lists the 7 graphs", client.assistants.search, ok(lambda v: len(v) == 7)
    )
    check(
        "threads.get returns the created thread",
        lambda: client.threads.get(thread_id),
        ok(lambda v: v["thread_id"] == thread_id),
    )
    check(
        "runs.wait returns the graph's output",
        lambda: client.runs.wait(thread_id, "echo", input=ECHO_INPUT),
        ok(lambda v: v["messages"][-1]["content"] == "echo: hi"),
    )
    check(
        "runs.stream yields the run's values",
        lambda: [p.event for p in client.runs.stream(None, "echo", input=ECHO_INPUT)],
        ok(lambda v: "values" in v and "metadata" in v),
    )
    check(
        "store.put_item then get_item gives the value back",
        lambda: (
            client.store.put_item(namespace, "k", {"v": 1}),
            client.store.get_item(namespace, "k"),
        )[1],
        ok(lambda v: v is not None and v["value"] == {"v": 1}),
    )
    check(
        "store.get_item of a missing item is None",
        lambda: client.store.get_item(namespace, "missing"),
        ok(lambda v: v is None),
    )
    check(
        "threads.get of a missing thread raises a 404 error",
        lambda: client.threads.get(str(uuid.uuid4())),
        lambda v: getattr(getattr(v, "response", None), "status_code", None) == 404,
    )
    for behaviour, call in (
        ("threads.count", lambda: client.threads.count()),
        ("threads.copy", lambda: client.threads.copy(thread_id)),
        ("runs.create_batch", lambda: client.runs.create_batch([{"assistant_id": "echo"}])),
        ("threads.join_stream", lambda: list(client.threads.join_stream(thread_id))),
    ):
        check(
            f"{behaviour}: a result, or an error saying the server lacks it",
            call,
            lambda v: not isinstance(v, BaseException) or _names_missing_route(v),
        )
    client.close()
    return results


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1])))
