"""`interrupt`: prepare -> ask (interrupt) -> finish.

Input: `{"question": "ok?"}`. The run stops at `ask` with the interrupt value
`{"question": "ok?", "kind": "approval"}`; resumed with `{"command": {"resume": "yes"}}` it
ends with `status == "answered: 'yes'"`.
"""

import operator
from typing import Annotated, Any, TypedDict

from langgraph.graph import START, StateGraph
from langgraph.types import interrupt


class State(TypedDict, total=False):
    question: str
    answer: Any
    status: str
    trail: Annotated[list[str], operator.add]


async def prepare(state: State) -> dict:
    return {"question": state.get("question", ""), "trail": ["prepare"]}


async def ask(state: State) -> dict:
    answer = interrupt({"question": state.get("question", ""), "kind": "approval"})
    return {"answer": answer, "trail": ["ask"]}


async def finish(state: State) -> dict:
    return {"status": f"answered: {state.get('answer')!r}", "trail": ["finish"]}


builder = StateGraph(State)
builder.add_node("prepare", prepare)
builder.add_node("ask", ask)
builder.add_node("finish", finish)
builder.add_edge(START, "prepare")
builder.add_edge("prepare", "ask")
builder.add_edge("ask", "finish")
graph = builder.compile()
