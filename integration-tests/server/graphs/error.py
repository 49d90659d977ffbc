"""`error`: `fine` succeeds, then `explode` raises `ValueError("boom: <message>")`.

Input: `{"message": "sample"}`. A stream ends with `event: error`
`{"error": "ValueError", "message": "boom: sample"}`; `/runs/wait` answers `{"__error__": ...}`.
"""

from typing import TypedDict

from langgraph.graph import START, StateGraph


class State(TypedDict, total=False):
    message: str
    ok: bool


async def fine(state: State) -> dict:
    return {"ok": True}


async def explode(state: State) -> dict:
    raise ValueError(f"boom: {state.get('message', '')}")


builder = StateGraph(State)
builder.add_node("fine", fine)
builder.add_node("explode", explode)
builder.add_edge(START, "fine")
builder.add_edge("fine", "explode")
graph = builder.compile()
