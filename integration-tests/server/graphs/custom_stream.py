"""`custom_stream`: one `work` node writing custom stream events.

Input: `{"n": 3}` (the default). `custom` mode yields `{"progress": i, "of": n}` for
i = 1..n, then `{"done": true}`; the node's update is `{"result": "did n steps"}`.
"""

from typing import TypedDict

from langgraph.config import get_stream_writer
from langgraph.graph import START, StateGraph


class State(TypedDict, total=False):
    n: int
    result: str


async def work(state: State) -> dict:
    write = get_stream_writer()
    n = state.get("n", 3)
    for i in range(1, n + 1):
        write({"progress": i, "of": n})
    write({"done": True})
    return {"result": f"did {n} steps"}


builder = StateGraph(State)
builder.add_node("work", work)
builder.add_edge(START, "work")
graph = builder.compile()
