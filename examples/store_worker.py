"""A background worker that needs only the long-term store: `pip install lg-store`.

It reads user "events" from one namespace and keeps a per-user profile up to date in another,
with nothing of the SDK but `lg_store` (plus `lg-schema` and `lg-transport`, its dependencies).

    python examples/store_worker.py

The server is `LANGGRAPH_URL` (default http://localhost:2024, where `./scripts/server` runs).
"""

from __future__ import annotations

import asyncio
import os
import uuid

from lg_store import StoreClient

URL = os.environ.get("LANGGRAPH_URL", "http://localhost:2024")


async def process(store: StoreClient, run_id: str) -> None:
    """Fold every pending event of every user into that user's profile, then drop the event."""
    events = ("worker", run_id, "events")
    pending = await store.search_items(events, limit=100)
    for item in pending["items"]:
        user, kind = item["value"]["user"], item["value"]["kind"]
        profile_ns = ("worker", run_id, "profiles")
        current = await store.get_item(profile_ns, user)
        counts = dict(current["value"]["counts"]) if current else {}
        counts[kind] = counts.get(kind, 0) + 1
        await store.put_item(profile_ns, user, {"counts": counts}, index=False)
        await store.delete_item(events, item["key"])
    print(f"processed {len(pending['items'])} events")


async def main() -> None:
    run_id = uuid.uuid4().hex[:8]  # keeps this run's data apart from earlier runs
    async with StoreClient.connect(url=URL) as store:
        # What a web app would write: one item per event.
        for user, kind in [("alice", "login"), ("bob", "login"), ("alice", "purchase")]:
            await store.put_item(
                ("worker", run_id, "events"), uuid.uuid4().hex, {"user": user, "kind": kind}
            )

        await process(store, run_id)

        found = await store.search_items(("worker", run_id, "profiles"))
        for item in sorted(found["items"], key=lambda i: i["key"]):
            print(f"{item['key']:6}: {item['value']['counts']}")
        namespaces = await store.list_namespaces(prefix=["worker", run_id])
        print(f"namespaces: {namespaces['namespaces']}")


if __name__ == "__main__":
    asyncio.run(main())
