"""Run the official langgraph-sdk's own portable unit tests against this workspace.

The official sdist ships its tests. This script downloads that sdist at run time (its code is
never committed here), keeps only its ``tests/`` folder, picks the *portable* tests and runs them
with pytest against our ``langgraph_sdk``. It prints the pass count and every failure, then
checks two things:

- every failing test is listed in ``docs/compatibility.md`` as a deliberate difference, and
  every test listed there still fails (a listed test that passes means the list is stale);
- the pass rate is at least ``MIN_PASS_RATE``.

A test is portable when it needs nothing but the SDK's public surface and a mock transport:

- not under ``tests/integration`` and not marked ``integration`` (those need a real server);
- it does not use a name from a private module of the official package (``langgraph_sdk._async``,
  ``._sync``, ``._shared``): directly, or through a module-level helper, class or fixture that
  does. Private imports are removed from the copy that runs, and the tests that need them are
  deselected;
- its module does not import a third-party package outside the SDK's own dependencies, plain
  test tools and the test-only packages of the dev environment (``TEST_ONLY_PACKAGES``:
  ``starlette`` serves an in-process fake server; ``langchain_core`` and ``langchain_protocol``
  give the chat-model streams and the protocol's types the tests check against; all three are
  in the workspace's dev group, never dependencies of the SDK). ``langsmith`` is not.

In ``docs/compatibility.md`` every official test id written in backticks (``tests/...py::name``)
is an expected failure.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

OFFICIAL_VERSION = "0.4.14"
# The share of portable official tests that must pass: what this workspace reaches (453 of
# 454, rounded down). Every failure must also be listed in docs/compatibility.md.
MIN_PASS_RATE = 0.99

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".upstream"
COMPATIBILITY_DOC = ROOT / "docs" / "compatibility.md"

PRIVATE_MODULE = re.compile(r"^langgraph_sdk\._")
# Third-party modules a portable test may import: the SDK's dependencies (websockets through
# the `websocket` extra) and test tools.
ALLOWED_THIRD_PARTY = {"httpx", "orjson", "pytest", "typing_extensions", "pydantic", "websockets"}
# Installed by the workspace's dev group for the tests only (see the module docstring).
TEST_ONLY_PACKAGES = {"starlette", "langchain_core", "langchain_protocol"}
TEST_ID = re.compile(r"`(tests/[^`\s]+\.py::[^`]+)`")


@dataclass
class Selection:
    """What runs: files (relative to the tests folder) and the tests deselected in them."""

    files: list[str] = field(default_factory=list)
    deselected: dict[str, str] = field(default_factory=dict)  # node id prefix -> reason
    skipped_files: dict[str, str] = field(default_factory=dict)  # file -> reason
    tests: dict[str, list[str]] = field(default_factory=dict)  # file -> its selected test ids


@dataclass
class Outcome:
    passed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # node id -> first line of the error
    skipped: list[str] = field(default_factory=list)


# --- download ---------------------------------------------------------------------------


def unpack_tests() -> Path:
    """The official tests folder, unpacked once into .upstream/ (git-ignored) from the sdist
    that scripts/upstream-tests downloads."""
    target = STATE / f"langgraph_sdk-{OFFICIAL_VERSION}-tests"
    if (target / "tests").is_dir():
        return target
    sdist = STATE / "download" / f"langgraph_sdk-{OFFICIAL_VERSION}.tar.gz"
    if not sdist.exists():
        raise SystemExit(f"{sdist.relative_to(ROOT)} is missing: run scripts/upstream-tests")
    prefix = f"langgraph_sdk-{OFFICIAL_VERSION}/"
    partial = target.with_suffix(".partial")
    with tarfile.open(sdist) as archive:
        # Only the tests: the official package itself must never shadow ours on sys.path.
        members = [m for m in archive.getmembers() if m.name.startswith(prefix + "tests/")]
        for member in members:
            member.name = member.name[len(prefix) :]
        archive.extractall(partial, members=members, filter="data")
    partial.rename(target)
    return target


# --- selection --------------------------------------------------------------------------


def imported_top_modules(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def foreign_imports(tree: ast.Module, local_modules: set[str]) -> set[str]:
    """Third-party modules the file imports that a portable test may not use."""
    stdlib = set(sys.stdlib_module_names)
    return {
        name
        for name in imported_top_modules(tree)
        if name not in stdlib
        and name not in ALLOWED_THIRD_PARTY
        and name not in TEST_ONLY_PACKAGES
        and name not in local_modules
        and name not in {"langgraph_sdk", "tests"}
    }


def is_private_import(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return bool(PRIVATE_MODULE.match(node.module))
    if isinstance(node, ast.Import):
        return any(PRIVATE_MODULE.match(alias.name) for alias in node.names)
    return False


def private_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and is_private_import(node):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import) and is_private_import(node):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def referenced_names(node: ast.AST) -> set[str]:
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    # Fixtures are requested by parameter name.
    for fn in ast.walk(node):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            names.update(a.arg for a in fn.args.args + fn.args.kwonlyargs)
    return names


def nested_private_imports(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Import | ast.ImportFrom) and is_private_import(n) for n in ast.walk(node)
    )


def defined_name(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def tainted_definitions(tree: ast.Module) -> set[str]:
    """Top-level names that need a private module, directly or through another such name."""
    tainted = private_names(tree)
    # Test classes are judged method by method (`test_functions`), not as a whole.
    definitions = [
        (defined_name(n), n)
        for n in tree.body
        if not is_private_import(n) and not (isinstance(n, ast.ClassDef) and is_test_class(n))
    ]
    changed = True
    while changed:
        changed = False
        for names, node in definitions:
            if not names or set(names) <= tainted:
                continue
            if nested_private_imports(node) or referenced_names(node) & tainted:
                tainted.update(names)
                changed = True
    return tainted


def strip_private_imports(source: str, tree: ast.Module) -> str:
    """The source with its top-level private imports blanked out (line numbers kept)."""
    lines = source.splitlines(keepends=True)
    for node in tree.body:
        if is_private_import(node):
            end = node.end_lineno or node.lineno
            for index in range(node.lineno - 1, end):
                lines[index] = "\n"
    return "".join(lines)


def uses_module_level(tree: ast.Module, names: set[str]) -> bool:
    """True when a module-level statement other than a definition uses one of ``names``."""
    for node in tree.body:
        if is_private_import(node) or defined_name(node):
            continue
        if isinstance(node, ast.Import | ast.ImportFrom | ast.Expr):
            continue
        if referenced_names(node) & names:
            return True
    return False


def select(tests_root: Path, work: Path) -> Selection:
    """Copy the portable test files into ``work`` and list what they must not run."""
    selection = Selection()
    local_modules = {p.stem for p in tests_root.rglob("*.py")} | {
        p.name for p in tests_root.iterdir() if p.is_dir()
    }
    sources = {p.relative_to(tests_root).as_posix(): p for p in sorted(tests_root.rglob("*.py"))}
    for data in tests_root.rglob("*"):  # fixtures the tests read
        if data.is_file() and data.suffix != ".py":
            copy = work / "tests" / data.relative_to(tests_root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data.read_bytes())
    helper_foreign = {
        rel: foreign_imports(ast.parse(path.read_text()), local_modules)
        for rel, path in sources.items()
    }
    for rel, path in sources.items():
        source = path.read_text()
        tree = ast.parse(source)
        out = work / "tests" / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        is_test = Path(rel).name.startswith("test_")
        if not is_test:
            out.write_text(strip_private_imports(source, tree))
            continue
        if rel.startswith("integration/"):
            selection.skipped_files[rel] = "needs a running server"
            continue
        foreign = set(foreign_imports(tree, local_modules))
        for helper in imported_local_helpers(tree, rel):
            foreign |= helper_foreign.get(helper, set())
        if foreign:
            selection.skipped_files[rel] = "imports " + ", ".join(sorted(foreign))
            continue
        tainted = tainted_definitions(tree)
        if uses_module_level(tree, tainted):
            selection.skipped_files[rel] = "module-level use of a private module"
            continue
        out.write_text(strip_private_imports(source, tree))
        selection.files.append(rel)
        selected = selection.tests.setdefault(rel, [])
        for nodeid, needs_private in test_functions(tree, tainted):
            if needs_private:
                selection.deselected[f"tests/{rel}::{nodeid}"] = "private module"
            else:
                selected.append(f"tests/{rel}::{nodeid}")
    return selection


def test_functions(tree: ast.Module, tainted: set[str]) -> list[tuple[str, bool]]:
    """(node id within the file, needs a private module) for each test the file defines."""
    found: list[tuple[str, bool]] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and is_test_class(node):
            methods = [
                m for m in node.body if isinstance(m, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
            # Class-level fixtures and helpers that need a private module taint their users.
            local = set(tainted)
            changed = True
            while changed:
                changed = False
                for method in methods:
                    if (
                        method.name not in local
                        and not is_test(method)
                        and uses_private(method, local)
                    ):
                        local.add(method.name)
                        changed = True
            for method in methods:
                if is_test(method):
                    needs = uses_private(method, local)
                    found.append((f"{node.name}::{method.name}", needs))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and is_test(node):
            found.append((node.name, uses_private(node, tainted)))
    return found


def uses_private(node: ast.AST, tainted: set[str]) -> bool:
    return nested_private_imports(node) or bool(referenced_names(node) & tainted)


def is_test(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return node.name.startswith("test")


def is_test_class(node: ast.ClassDef) -> bool:
    return node.name.startswith("Test")


def imported_local_helpers(tree: ast.Module, rel: str) -> list[str]:
    """Helper files under tests/ that a test file imports (``from streaming._x import``)."""
    helpers: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = node.module.removeprefix("tests.")
            if node.level:
                base = Path(rel).parent.as_posix()
                module = f"{base}.{module}" if base != "." else module
            helpers.append(module.replace(".", "/") + ".py")
    return helpers


# --- run ----------------------------------------------------------------------------------

CONFTEST_ADDITION = """
# Added by scripts/upstream_tests.py: the SDK under test must be this workspace's, and each
# test's outcome is written, one JSON line per test phase, for the report.
import json as _json
import os as _os

import langgraph_sdk as _sdk_under_test

if not _os.path.realpath(_sdk_under_test.__file__).startswith({root!r}):
    raise RuntimeError("not the workspace's langgraph_sdk: " + _sdk_under_test.__file__)


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        message = "" if report.longrepr is None else str(report.longrepr)
        with open({report_path!r}, "a") as out:
            line = {{"nodeid": report.nodeid, "when": report.when, "outcome": report.outcome,
                     "message": message}}
            out.write(_json.dumps(line) + "\\n")


def pytest_collectreport(report):
    if report.failed:
        with open({report_path!r}, "a") as out:
            line = {{"nodeid": report.nodeid, "when": "collect", "outcome": "failed",
                     "message": str(report.longrepr)}}
            out.write(_json.dumps(line) + "\\n")
"""

PYTEST_INI = """[pytest]
asyncio_mode = auto
asyncio_default_fixture_loop_scope = function
markers =
    integration: needs a running server
addopts = -p no:cacheprovider -m "not integration"
"""


def run(work: Path, selection: Selection, extra: list[str]) -> Outcome:
    (work / "pytest.ini").write_text(PYTEST_INI)
    report = work / "outcomes.jsonl"
    conftest = work / "tests" / "conftest.py"
    addition = CONFTEST_ADDITION.format(root=str(ROOT), report_path=str(report))
    conftest.write_text(conftest.read_text() + addition)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-c",
        str(work / "pytest.ini"),
        "--rootdir",
        str(work),
        "-q",
        "-p",
        "no:randomly",
        "--continue-on-collection-errors",
        *(f"--deselect={nodeid}" for nodeid in selection.deselected),
        *(f"tests/{rel}" for rel in selection.files),
        *extra,
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(command, cwd=work, env=env, stdout=subprocess.DEVNULL, check=False)
    return read_outcomes(report, selection)


def read_outcomes(report: Path, selection: Selection) -> Outcome:
    """One outcome per test: a failed setup, call or teardown fails it, and a module that
    cannot be imported fails each of its selected tests."""
    outcome = Outcome()
    states: dict[str, tuple[str, str]] = {}
    for line in report.read_text().splitlines() if report.exists() else []:
        entry = json.loads(line)
        nodeid, state = entry["nodeid"], entry["outcome"]
        if entry["when"] == "collect":
            for test in selection.tests.get(nodeid.removeprefix("tests/"), []):
                states[test] = ("failed", last_line(entry["message"]))
            continue
        if states.get(nodeid, ("", ""))[0] == "failed":
            continue
        states[nodeid] = (state, last_line(entry["message"]))
    for nodeid, (state, message) in states.items():
        if state == "failed":
            outcome.failed[nodeid] = message
        elif state == "skipped":
            outcome.skipped.append(nodeid)
        else:
            outcome.passed.append(nodeid)
    return outcome


def last_line(message: str) -> str:
    """The line of a failure report that names the error (pytest puts it last)."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("E ")]
    return (errors[0] if errors else lines[-1] if lines else "failed")[:240]


# --- the expected failures ----------------------------------------------------------------


def expected_failures(document: str) -> set[str]:
    """Official test ids that docs/compatibility.md lists as failing on purpose."""
    return set(TEST_ID.findall(document))


def matches(listed: set[str], failed: set[str]) -> tuple[set[str], set[str]]:
    """(failing but not listed, listed but not failing). A listed id without ``[params]``
    covers every parametrization of that test."""

    def covered(nodeid: str) -> bool:
        return nodeid in listed or nodeid.split("[")[0] in listed

    unlisted = {n for n in failed if not covered(n)}
    stale = {
        entry
        for entry in listed
        if entry not in failed and not any(n.split("[")[0] == entry for n in failed)
    }
    return unlisted, stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (e.g. -k name)")
    args = parser.parse_args()
    tests_folder = unpack_tests()
    work = STATE / "run"
    if work.exists():
        subprocess.run(["rm", "-rf", str(work)], check=True)
    selection = select(tests_folder / "tests", work)
    outcome = run(work, selection, args.pytest_args)

    for rel, reason in sorted(selection.skipped_files.items()):
        print(f"not portable: tests/{rel} ({reason})")
    print(f"deselected (need a private module): {len(selection.deselected)} tests")
    for nodeid, message in sorted(outcome.failed.items()):
        print(f"FAILED {nodeid}: {message}")
    for nodeid in outcome.skipped:
        print(f"SKIPPED {nodeid}")
    total = len(outcome.passed) + len(outcome.failed) + len(outcome.skipped)
    rate = len(outcome.passed) / total if total else 0.0
    print(
        f"official langgraph-sdk {OFFICIAL_VERSION} portable tests: "
        f"{len(outcome.passed)} of {total} pass ({rate:.1%}), {len(outcome.failed)} fail, "
        f"{len(outcome.skipped)} skipped"
    )
    if args.pytest_args:
        return 0 if not outcome.failed else 1
    status = 0
    unlisted, stale = matches(expected_failures(COMPATIBILITY_DOC.read_text()), set(outcome.failed))
    for nodeid in sorted(unlisted):
        print(f"NOT LISTED in docs/compatibility.md: {nodeid}")
        status = 1
    for nodeid in sorted(stale):
        print(f"LISTED in docs/compatibility.md but passes (or no longer runs): {nodeid}")
        status = 1
    if unlisted:
        print("-> fix the regression, or list a deliberate difference in docs/compatibility.md")
    if stale:
        print("-> delete those ids from docs/compatibility.md (and raise MIN_PASS_RATE)")
    if rate < MIN_PASS_RATE:
        print(f"pass rate {rate:.1%} is below the bar of {MIN_PASS_RATE:.0%}")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
