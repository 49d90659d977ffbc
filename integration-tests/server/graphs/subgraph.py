"""`subgraph`: parent_start -> child -> parent_end; `child` is a compiled subgraph of its own
(child_step_1 -> child_step_2).

Input: `{"value": "x"}`; output `{"value": "x>c1>c2", "trail": ["parent_start", "parent_end"]}`.
With `stream_subgraphs: true` the child's events are named `values|child:<task_id>` and
`updates|child:<task_id>`.
"""

import operator
from typing import Annotated, TypedDict

from langgraph.graph import START, StateGraph


class ChildState(TypedDict, total=False):
    value: str
    steps: Annotated[list[str], operator.add]


class ParentState(TypedDict, total=False):
    value: str
    trail: Annotated[list[str], operator.add]


async def child_step_1(state: ChildState) -> dict:
    return {"value": f"{state.get('value', '')}>c1", "steps": ["child_1"]}


async def child_step_2(state: ChildState) -> dict:
    return {"value": f"{state.get('value', '')}>c2", "steps": ["child_2"]}


child_builder = StateGraph(ChildState)
child_builder.add_node("child_step_1", child_step_1)
child_builder.add_node("child_step_2", child_step_2)
child_builder.add_edge(START, "child_step_1")
child_builder.add_edge("child_step_1", "child_step_2")
child = child_builder.compile()


async def parent_start(state: ParentState) -> dict:
    return {"trail": ["parent_start"], "value": state.get("value", "")}


async def parent_end(state: ParentState) -> dict:
    return {"trail": ["parent_end"]}


builder = StateGraph(ParentState)
builder.add_node("parent_start", parent_start)
builder.add_node("child", child)
builder.add_node("parent_end", parent_end)
builder.add_edge(START, "parent_start")
builder.add_edge("parent_start", "child")
builder.add_edge("child", "parent_end")
graph = builder.compile()
