"""docs/servers.md's table of every SDK method on both servers cannot go stale silently: every
row must be a method of this SDK, every method must have a row, and every cell must have been
checked by the run that wrote the table (integration-tests/tests/test_every_method_*.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import langgraph_sdk
from langgraph_sdk import get_client, get_sync_client

DOC = Path(__file__).resolve().parents[1] / "docs" / "servers.md"
BEGIN, END = "<!-- servers-table:begin", "<!-- servers-table:end -->"
RESOURCES = ("assistants", "threads", "runs", "crons", "store")


def _generated() -> str:
    text = DOC.read_text()
    assert BEGIN in text and END in text, "docs/servers.md lost its table markers"
    return text.split(BEGIN, 1)[1].split("-->", 1)[1].split(END, 1)[0]


def _rows() -> dict[str, list[str]]:
    rows = {}
    for line in _generated().splitlines():
        match = re.match(r"\| `([\w.]+)` \| (.*) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2).split(" | ")
    return rows


@pytest.fixture(scope="module")
def clients() -> Any:
    # Built, never used to send: no server is needed.
    async_client = get_client(url="http://127.0.0.1:9", api_key=None)
    sync_client = get_sync_client(url="http://127.0.0.1:9", api_key=None)
    yield async_client, sync_client
    sync_client.close()


def _resolve(name: str, client: Any) -> Any:
    if "." not in name:
        return getattr(langgraph_sdk, name, None)
    target = client
    for part in name.removeprefix("client.").split("."):
        target = getattr(target, part, None)
    return target


def _resource_methods(client: Any) -> set[str]:
    names = set()
    for resource in RESOURCES:
        cls = type(getattr(client, resource))
        names |= {
            f"{resource}.{name}"
            for name, value in vars(cls).items()
            if not name.startswith("_") and callable(value) and not isinstance(value, type)
        }
    return names


def test_every_row_is_a_method_of_this_sdk(clients: Any) -> None:
    rows = _rows()
    assert len(rows) > 50
    for name in rows:
        found = [_resolve(name, client) for client in clients]
        assert any(f is not None for f in found), f"docs/servers.md lists {name!r}, unknown here"
        if name.split(".")[0] in RESOURCES:
            assert all(map(callable, found)), f"{name!r} is not in both the async and sync client"


def test_every_resource_method_has_a_row(clients: Any) -> None:
    methods = _resource_methods(clients[0]) | _resource_methods(clients[1])
    missing = sorted(methods - set(_rows()))
    assert not missing, (
        f"docs/servers.md has no row for {missing}: regenerate it (LG_SERVERS_TABLE)"
    )


def test_every_cell_was_checked_by_a_passing_run() -> None:
    generated = _generated()
    header = re.search(
        r"Generated (\S+ \S+ UTC) by `LG_SERVERS_TABLE=\S+ uv run pytest .+` \(", generated
    )
    assert header, "the table does not say which run wrote it"
    assert re.search(r"\(\d+ passed, 0 failed\)", generated)
    for name, cells in _rows().items():
        assert len(cells) == 2, name  # in-memory server, Aegra
        for cell in cells:
            assert re.match(r"(works|differs|\*\*missing\*\*)", cell), f"{name}: {cell}"
            assert "not checked" not in cell, f"{name}: {cell}"
