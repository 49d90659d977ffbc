"""The public surface of the clients is documented in the source: every public method and
function has a docstring that says what it does and documents each of its parameters in an
``Args:`` section (Google style, which the reference site renders).

Methods still missing parameter docs are listed in ``UNDOCUMENTED``; the list may only shrink:
a new undocumented method fails, and so does a listed one that has become documented (remove it
from the list).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from langgraph_sdk import get_client, get_sync_client
from langgraph_sdk.client import LangGraphClient, SyncLangGraphClient
from lg_assistants import AssistantsClient, SyncAssistantsClient
from lg_crons import CronClient, SyncCronClient
from lg_runs import RunsClient, SyncRunsClient
from lg_store import StoreClient, SyncStoreClient
from lg_threads import SyncThreadsClient, ThreadsClient

CLASSES: list[type] = [
    LangGraphClient,
    SyncLangGraphClient,
    AssistantsClient,
    SyncAssistantsClient,
    ThreadsClient,
    SyncThreadsClient,
    RunsClient,
    SyncRunsClient,
    CronClient,
    SyncCronClient,
    StoreClient,
    SyncStoreClient,
]
FUNCTIONS: list[Callable[..., Any]] = [get_client, get_sync_client]
# A one-line summary is not enough to use a method without reading its source.
MIN_DOCSTRING = 60
_SECTION = re.compile(
    r"^\s*(Args|Arguments|Parameters|Returns|Yields|Raises|Example|Examples|Note|Notes):\s*$"
)
_ARG = re.compile(r"^\s+(\*{0,2}[A-Za-z_][\w]*(?:\s*,\s*\*{0,2}[A-Za-z_][\w]*)*)\s*(?:\([^)]*\))?:")

# Methods whose parameters are not all documented yet ("Class.method"); only ever shrinks.
UNDOCUMENTED: set[str] = set()


def public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    for function in FUNCTIONS:
        yield function.__name__, function
    for cls in CLASSES:
        for name, member in inspect.getmembers(cls):
            if name.startswith("_") or not callable(member) or isinstance(member, type):
                continue
            yield f"{cls.__name__}.{name}", member


def documented_args(doc: str) -> set[str]:
    """Names listed in the docstring's Args section."""
    names: set[str] = set()
    in_args = False
    for line in doc.splitlines():
        section = _SECTION.match(line)
        if section:
            in_args = section.group(1) in ("Args", "Arguments", "Parameters")
            continue
        if in_args:
            match = _ARG.match(line)
            if match:
                names.update(n.strip().lstrip("*") for n in match.group(1).split(","))
    return names


def missing_docs(function: Callable[..., Any]) -> list[str]:
    """What the docstring lacks: "docstring" or the undocumented parameter names."""
    doc = inspect.getdoc(function) or ""
    if len(doc) < MIN_DOCSTRING:
        return ["docstring"]
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return []
    wanted = [name for name in parameters if name not in ("self", "cls")]
    have = documented_args(doc)
    return [name for name in wanted if name not in have]


SURFACE = dict(public_callables())


def test_the_surface_is_walked() -> None:
    # Guards the walk itself: an empty surface would make every check pass.
    assert len(SURFACE) > 140, sorted(SURFACE)
    assert "RunsClient.stream" in SURFACE and "SyncStoreClient.put_item" in SURFACE


@pytest.mark.parametrize("name", sorted(SURFACE))
def test_public_callable_is_documented(name: str) -> None:
    missing = missing_docs(SURFACE[name])
    if name in UNDOCUMENTED:
        assert missing, f"{name} is documented now: remove it from UNDOCUMENTED"
    else:
        assert not missing, f"{name}: no documentation for {missing}"
