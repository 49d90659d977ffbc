"""scripts/upstream_tests.py: which official tests are portable, and the expected-failure check
against docs/compatibility.md (the script itself runs in scripts/test)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "upstream_tests", ROOT / "scripts" / "upstream_tests.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["upstream_tests"] = module
    spec.loader.exec_module(module)
    return module


script = load_script()


def test_expected_failures_are_the_backticked_official_test_ids() -> None:
    document = """
| case | official | ours | test |
|---|---|---|---|
| x | a | b | `tests/test_a.py::test_one` |

- `tests/streaming/test_b.py::TestK::test_two[p-1]`, `not/a/test.py::x`, `tests/test_c.py`
"""
    assert script.expected_failures(document) == {
        "tests/test_a.py::test_one",
        "tests/streaming/test_b.py::TestK::test_two[p-1]",
    }


def test_every_failure_must_be_listed_and_every_listed_test_must_fail() -> None:
    listed = {"tests/t.py::test_a", "tests/t.py::test_b", "tests/t.py::test_gone"}
    failed = {"tests/t.py::test_a", "tests/t.py::test_b[x]", "tests/t.py::test_new"}
    unlisted, stale = script.matches(listed, failed)
    assert unlisted == {"tests/t.py::test_new"}  # a regression or an unlisted difference
    assert stale == {"tests/t.py::test_gone"}  # passes now: the list must shrink
    assert script.matches(listed - {"tests/t.py::test_gone"}, failed - {"tests/t.py::test_new"})
    assert script.matches({"tests/t.py::test_b[y]"}, {"tests/t.py::test_b[x]"}) == (
        {"tests/t.py::test_b[x]"},
        {"tests/t.py::test_b[y]"},
    )


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_portable_tests_use_only_public_paths_and_allowed_packages(tmp_path: Path) -> None:
    official = tmp_path / "official"
    write(official, "conftest.py", "import pytest\n")
    write(
        official,
        "test_mixed.py",
        "import httpx\n"
        "from langgraph_sdk._async.runs import _wrap\n"
        "from langgraph_sdk.client import HttpClient\n\n"
        "def helper():\n    return _wrap\n\n"
        "def test_public():\n    assert HttpClient\n\n"
        "def test_private_through_a_helper():\n    helper()\n\n"
        "def test_private_inline():\n    from langgraph_sdk._shared import x\n\n"
        "class TestGroup:\n"
        "    def test_public(self):\n        pass\n"
        "    def test_private(self):\n        _wrap()\n",
    )
    write(official, "test_foreign.py", "import langsmith\n\ndef test_x():\n    pass\n")
    write(official, "streaming/_fake.py", "import uvicorn\n")
    # Test-only packages of the dev environment (an in-process ASGI fake server, the
    # protocol's and langchain-core's types) are allowed.
    write(
        official,
        "streaming/test_asgi.py",
        "import starlette\nimport langchain_core\nfrom langchain_protocol import Event\n\n"
        "def test_w(): pass\n",
    )
    write(
        official,
        "streaming/test_uses_fake.py",
        "from streaming._fake import X\n\ndef test_y(): pass\n",
    )
    write(official, "integration/test_server.py", "def test_z():\n    pass\n")
    write(official, "fixtures/data.txt", "kept")
    work = tmp_path / "work"

    selection = script.select(official, work)

    assert selection.files == ["streaming/test_asgi.py", "test_mixed.py"]
    assert selection.tests["test_mixed.py"] == [
        "tests/test_mixed.py::test_public",
        "tests/test_mixed.py::TestGroup::test_public",
    ]
    assert set(selection.deselected) == {
        "tests/test_mixed.py::test_private_through_a_helper",
        "tests/test_mixed.py::test_private_inline",
        "tests/test_mixed.py::TestGroup::test_private",
    }
    assert selection.skipped_files == {
        "test_foreign.py": "imports langsmith",
        "streaming/test_uses_fake.py": "imports uvicorn",
        "integration/test_server.py": "needs a running server",
    }
    copied = (work / "tests" / "test_mixed.py").read_text()
    assert "langgraph_sdk._async" not in copied  # private imports blanked, lines kept
    assert copied.count("\n") == (official / "test_mixed.py").read_text().count("\n")
    assert (work / "tests" / "fixtures" / "data.txt").read_text() == "kept"


def test_the_compatibility_document_lists_well_formed_official_test_ids() -> None:
    document = (ROOT / "docs" / "compatibility.md").read_text()
    assert "## Official tests that fail on purpose" in document
    # Every portable official test passes today, so the list may be empty; what is listed
    # must be an official test id the script can match.
    listed = script.expected_failures(document)
    assert all(entry.startswith("tests/") and "::" in entry for entry in listed)
