"""`store`: writes one item to the long-term store through the runtime, then reads it back.

Input: `{"namespace": ["tests", "store"], "key": "k", "value": {"n": 1}}` (the defaults for
missing fields). Output adds `read` (the item's value as read back) and `found` (the keys
that a search of the namespace lists). The item is then visible through `GET /store/items`.
"""

from typing import Any, TypedDict

from langgraph.graph import START, StateGraph
from langgraph.runtime import Runtime


class State(TypedDict, total=False):
    namespace: list[str]
    key: str
    value: dict[str, Any]
    read: dict[str, Any] | None
    found: list[str]


async def remember(state: State, runtime: Runtime) -> dict:
    store = runtime.store
    if store is None:
        raise RuntimeError("the server gave this run no store")
    namespace = tuple(state.get("namespace") or ["tests", "store"])
    key = state.get("key", "k")
    await store.aput(namespace, key, state.get("value", {"n": 1}))
    item = await store.aget(namespace, key)
    found = await store.asearch(namespace)
    return {"read": item.value if item else None, "found": sorted(i.key for i in found)}


builder = StateGraph(State)
builder.add_node("remember", remember)
builder.add_edge(START, "remember")
graph = builder.compile()
