"""`slow`: one `tick` node that loops `steps` times, sleeping `delay` seconds each time.

Input: `{"steps": 5, "delay": 0.2}` (the defaults). Each tick is its own superstep, so
`values` mode emits one event per step (`{"steps", "delay", "done": i, "log": [...]}`).
Keep `steps` under the default recursion limit (25) or raise it in the run's config.
For cancel, join and multitask tests.
"""

import asyncio
import operator
from typing import Annotated, TypedDict

from langgraph.graph import END, START, StateGraph


class State(TypedDict, total=False):
    steps: int
    delay: float
    done: int
    log: Annotated[list[str], operator.add]


async def tick(state: State) -> dict:
    await asyncio.sleep(state.get("delay", 0.2))
    done = state.get("done", 0) + 1
    return {"done": done, "log": [f"step {done}"]}


def _next(state: State) -> str:
    return "tick" if state.get("done", 0) < state.get("steps", 5) else END


builder = StateGraph(State)
builder.add_node("tick", tick)
builder.add_edge(START, "tick")
builder.add_conditional_edges("tick", _next, ["tick", END])
graph = builder.compile()
