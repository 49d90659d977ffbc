"""Every Python block of the READMEs and of docs/*.md, and every program in examples/, runs as
written against the real Agent Server and exits 0.

Each runs in a fresh interpreter (the workspace's), in an empty folder, with `LANGGRAPH_URL`
set to the test server: the examples read it (`os.environ.get("LANGGRAPH_URL", ...)`) so that
the text a reader copies is the text tested. A block whose first line is a comment saying it
`continues` the example above runs after the block before it, in the same program.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import servers

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted(
    [ROOT / "README.md", *ROOT.glob("packages/*/README.md"), *ROOT.glob("docs/*.md")]
)
EXAMPLES = sorted(ROOT.glob("examples/*.py"))
TIMEOUT = 120
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def python_blocks() -> list[tuple[str, str]]:
    """(id "path:line", program) for each Python block, joined to the block it continues."""
    blocks: list[tuple[str, str]] = []
    for document in DOCUMENTS:
        text = document.read_text()
        previous = ""
        for match in _BLOCK.finditer(text):
            code = match.group(1)
            first = code.lstrip().splitlines()[0] if code.strip() else ""
            if first.startswith("#") and "continues" in first:
                code = previous + "\n" + code
            previous = code
            line = text.count("\n", 0, match.start()) + 1
            blocks.append((f"{document.relative_to(ROOT)}:{line}", code))
    return blocks


BLOCKS = python_blocks()


# The programs run in their own interpreter, on their default backend: once is enough
# (conftest.py reads this).
BACKENDS = ("httpx",)

# What a program does that a server may lack (servers.py), found in its code. conftest.py makes one
# test per program and server, and lists those a server lacks something for as not applicable.
NEEDS_BY_CODE = {
    r"crons\.create": "crons",
    r"threads\.count\(": "threads_count",
    r"\[\"updated_at\"\]": "store_item_timestamps",
}


def _needs(code: str) -> tuple[str, ...]:
    return tuple(need for pattern, need in NEEDS_BY_CODE.items() if re.search(pattern, code))


LANE_PARAMS = {
    "block_id": [(block_id, _needs(code)) for block_id, code in BLOCKS],
    "example": [(path, _needs(path.read_text())) for path in EXAMPLES],
}


def run_program(path: Path, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANGGRAPH_URL": url, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, str(path)],
        cwd=path.parent,
        env=env,
        stdin=subprocess.DEVNULL,  # examples that are interactive in a terminal take their script
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def test_the_documents_have_python_blocks() -> None:
    # Guards the extraction itself: a broken pattern would make every document "pass".
    assert len(BLOCKS) >= 20, [block_id for block_id, _ in BLOCKS]
    assert any(block_id.startswith("README.md:") for block_id, _ in BLOCKS)


# Each program spends most of its time waiting for the server's run queue (it polls every
# 0.5 s), so they run a few at a time; none of them depends on another's absence.
PARALLEL = 4


@pytest.fixture(scope="module")
def _results_by_server() -> dict[str, dict[str, subprocess.CompletedProcess[str]]]:
    return {}


def _run_all(url: str, server: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every block and example that applies to `server`, run once: {id: finished process}."""
    applies = {
        name: code
        for name, code in [
            *BLOCKS,
            *((f"examples/{path.name}", path.read_text()) for path in EXAMPLES),
        ]
        if not any(servers.lacks(server, need) for need in _needs(code))
    }
    with tempfile.TemporaryDirectory() as tmp:
        programs: dict[str, Path] = {}
        for index, (block_id, code) in enumerate(BLOCKS):
            if block_id in applies:
                folder = Path(tmp) / f"block{index}"
                folder.mkdir()
                (folder / "example.py").write_text(code)
                programs[block_id] = folder / "example.py"
        programs.update(
            {f"examples/{p.name}": p for p in EXAMPLES if f"examples/{p.name}" in applies}
        )
        with ThreadPoolExecutor(PARALLEL) as pool:
            done = pool.map(lambda path: run_program(path, url), programs.values())
            return dict(zip(programs, done, strict=True))


@pytest.fixture
def results(
    _results_by_server: dict[str, dict[str, subprocess.CompletedProcess[str]]],
    agent_server_url: str,
    server: str,
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every block and example, run up front the first time a server is tested."""
    if server not in _results_by_server:
        _results_by_server[server] = _run_all(agent_server_url, server)
    return _results_by_server[server]


@pytest.fixture
def block_id(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def example(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_python_block_runs_as_written(
    block_id: str, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = results[block_id]
    assert result.returncode == 0, f"{block_id} failed:\n{result.stdout}\n{result.stderr}"


def test_example_program_runs(
    example: Path, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = results[f"examples/{example.name}"]
    assert result.returncode == 0, f"{example.name} failed:\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip(), f"{example.name} printed nothing"
