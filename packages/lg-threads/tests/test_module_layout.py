"""The thread-streaming modules keep their layout: no import cycles, pure modules stay pure.

Read from the source, every import counts (top-level, inside functions, under
``if TYPE_CHECKING:``): a cycle hidden behind a late import is still a cycle.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "lg_threads"

#: Modules written once for both clients: they do no I/O and know neither flavour.
PURE = [
    "lg_threads._controller_state",
    "lg_threads._decoding",
    "lg_threads._protocol",
    "lg_threads._resume_point",
    "lg_threads._routing",
    "lg_threads._run_tracker",
    "lg_threads._run_window",
    "lg_threads.decoders",
    "lg_threads.filters",
]
#: Modules written once for both clients that build httpx values (URLs, requests, typed
#: errors) but, like the pure ones, open nothing and know neither flavour.
SHARED = ["lg_threads._websocket_setup"]
#: What a shared module must not import (directly): concurrency, a WebSocket library, a flavour.
NOT_SHARED_PREFIXES = (
    "asyncio",
    "threading",
    "websockets",
    "lg_threads._async",
    "lg_threads._sync",
    "lg_threads._aio_views",
    "lg_threads._sync_views",
    "lg_threads._websocket",
    "lg_threads.transport",
)
#: What a pure module must not import (directly): I/O, concurrency, either flavour.
IMPURE_PREFIXES = (
    "asyncio",
    "threading",
    "httpx",
    "websockets",
    "lg_transport",
    "lg_threads._async",
    "lg_threads._sync",
    "lg_threads._aio_views",
    "lg_threads._sync_views",
    "lg_threads.transport",
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / PACKAGE).rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports; ``from pkg import mod`` names ``pkg.mod`` (not the
    package's ``__init__``) when ``mod`` is a module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in MODULES else node.module)
    return names


def _package_graph() -> dict[str, set[str]]:
    return {
        name: {dep for dep in _imports(path) if dep in MODULES and dep != name}
        for name, path in MODULES.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_between_lg_threads_modules() -> None:
    assert _cycles(_package_graph()) == []


def test_projections_know_a_session_not_the_stream() -> None:
    graph = _package_graph()
    for flavour in ("_async", "_sync"):
        stream = f"{PACKAGE}.{flavour}.thread_stream"
        for module in ("projections", "messages", "tool_calls", "subgraphs", "extensions"):
            name = f"{PACKAGE}.{flavour}.{module}"
            assert stream not in graph[name], f"{name} imports {stream}"


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_do_no_io(name: str) -> None:
    impure = sorted(dep for dep in _imports(MODULES[name]) if dep.startswith(IMPURE_PREFIXES))
    assert impure == [], f"{name} imports {impure}"


@pytest.mark.parametrize("name", SHARED)
def test_shared_modules_know_neither_flavour(name: str) -> None:
    wrong = sorted(dep for dep in _imports(MODULES[name]) if dep.startswith(NOT_SHARED_PREFIXES))
    assert wrong == [], f"{name} imports {wrong}"


@pytest.mark.parametrize("name", PURE + SHARED)
def test_pure_modules_have_no_generated_twin(name: str) -> None:
    leaf = name.rsplit(".", 1)[-1]
    assert not (SRC / PACKAGE / "_sync" / f"{leaf}.py").exists()
    assert not (SRC / PACKAGE / "_async" / f"{leaf}.py").exists()


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith(f"{PACKAGE}._async.")))
def test_each_stream_module_imports_on_its_own(name: str) -> None:
    # A fresh interpreter, so no module is already there to hide an order dependency.
    code = f"import importlib; importlib.import_module({name!r})"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_modules_listed_here_exist() -> None:
    for name in PURE + SHARED:
        assert importlib.import_module(name).__name__ == name
