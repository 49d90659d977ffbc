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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

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


@pytest.fixture(params=["httpx"])
def http_backend(request: pytest.FixtureRequest) -> str:
    """The programs run in their own interpreter, on their default backend: once is enough."""
    return str(request.param)


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
def results(agent_server_url: str) -> Iterator[dict[str, subprocess.CompletedProcess[str]]]:
    """Every block and example, run once up front: {id: finished process}."""
    with tempfile.TemporaryDirectory() as tmp:
        programs: dict[str, Path] = {}
        for index, (block_id, code) in enumerate(BLOCKS):
            folder = Path(tmp) / f"block{index}"
            folder.mkdir()
            (folder / "example.py").write_text(code)
            programs[block_id] = folder / "example.py"
        programs.update({f"examples/{path.name}": path for path in EXAMPLES})
        with ThreadPoolExecutor(PARALLEL) as pool:
            done = pool.map(lambda path: run_program(path, agent_server_url), programs.values())
            yield dict(zip(programs, done, strict=True))


@pytest.mark.parametrize("block_id", [block_id for block_id, _ in BLOCKS])
def test_python_block_runs_as_written(
    block_id: str, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = results[block_id]
    assert result.returncode == 0, f"{block_id} failed:\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_program_runs(
    example: Path, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = results[f"examples/{example.name}"]
    assert result.returncode == 0, f"{example.name} failed:\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip(), f"{example.name} printed nothing"
