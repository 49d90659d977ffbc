"""Workspace-wide rules: lockstep versions, the dependency graph, ten members."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # the dev group installs tomli on 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = {
    "lg-schema": "lg_schema",
    "lg-transport": "lg_transport",
    "lg-assistants": "lg_assistants",
    "lg-threads": "lg_threads",
    "lg-runs": "lg_runs",
    "lg-crons": "lg_crons",
    "lg-store": "lg_store",
    "lg-auth": "lg_auth",
    "lg-server": "lg_server",
    "langgraph-sdk": "langgraph_sdk",
}
RESOURCES = ["lg-assistants", "lg-threads", "lg-runs", "lg-crons", "lg-store"]


def _project(member: str) -> dict[str, object]:
    data = tomllib.loads((ROOT / "packages" / member / "pyproject.toml").read_text())
    project: dict[str, object] = data["project"]
    return project


def _requirements(member: str) -> dict[str, str]:
    deps = _project(member).get("dependencies", [])
    assert isinstance(deps, list)
    result = {}
    for dep in deps:
        name = re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0]
        result[name] = dep
    return result


def test_exactly_the_ten_members_exist() -> None:
    found = {path.parent.name for path in ROOT.glob("packages/*/pyproject.toml")}
    assert found == set(MEMBERS)
    for member, module in MEMBERS.items():
        src = ROOT / "packages" / member / "src" / module
        assert (src / "__init__.py").is_file(), member
        assert (src / "py.typed").is_file(), member
        assert (ROOT / "packages" / member / "README.md").is_file(), member


def test_versions_move_in_lockstep() -> None:
    root_version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    from lg_transport._version import VERSION

    assert root_version == VERSION
    for member in MEMBERS:
        assert _project(member)["version"] == VERSION, member
        for name, requirement in _requirements(member).items():
            if name in MEMBERS:
                assert requirement == f"{name}=={VERSION}", (member, requirement)


def test_version_is_accepted_by_langgraph() -> None:
    # langgraph requires langgraph-sdk>=0.4.6,<0.5.0.
    from lg_transport._version import VERSION

    major, minor, patch = (int(part) for part in VERSION.split(".")[:3])
    assert (major, minor) == (0, 4) and patch >= 6


def test_dependency_graph_is_thin() -> None:
    assert _requirements("lg-auth") == {}
    assert set(_requirements("lg-server")) == {"lg-auth"}
    assert set(_requirements("lg-schema")) <= {"typing-extensions"}
    # httpcore, h11 and sniffio come with httpx anyway: declared for what lg-transport
    # imports itself (the fast paths, the async library check).
    assert set(_requirements("lg-transport")) == {
        "lg-schema",
        "httpx",
        "httpcore",
        "h11",
        "orjson",
        "sniffio",
        "typing-extensions",
    }
    for resource in RESOURCES:
        # httpx where a package imports it itself, with lg-transport's range.
        assert set(_requirements(resource)) - {"httpx"} == {"lg-schema", "lg-transport"}, resource


@pytest.mark.parametrize(
    "module", ["lg_store", "lg_assistants", "lg_threads", "lg_crons", "lg_runs"]
)
def test_a_resource_package_imports_no_other_resource(module: str) -> None:
    others = {
        "lg_assistants",
        "lg_threads",
        "lg_runs",
        "lg_crons",
        "lg_store",
        "lg_auth",
        "lg_server",
    } - {module}
    code = f"import sys, {module}; print(sorted(m for m in {sorted(others)!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bump_version_rewrites_every_pin(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "ws"
    shutil.copytree(
        ROOT / "packages", copy / "packages", ignore=shutil.ignore_patterns("tests", "__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "bump_version.py", copy / "scripts" / "bump_version.py")
    subprocess.run(
        [sys.executable, str(copy / "scripts" / "bump_version.py"), "0.4.99"],
        check=True,
        capture_output=True,
    )
    for member in MEMBERS:
        text = (copy / "packages" / member / "pyproject.toml").read_text()
        assert 'version = "0.4.99"' in text
        assert not re.search(r'"(lg-[a-z]+|langgraph-sdk)(\[[a-z]+\])?==(?!0\.4\.99)', text), member
    assert (
        'VERSION = "0.4.99"'
        in (copy / "packages/lg-transport/src/lg_transport/_version.py").read_text()
    )


def test_generated_sync_code_is_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "unasync.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_async_only_blocks_are_left_out_of_the_sync_twin() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("unasync", ROOT / "scripts" / "unasync.py")
    assert spec is not None and spec.loader is not None
    unasync = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(unasync)
    source = (
        "async def f(turn):\n"
        "    # unasync: async only (why)\n"
        "    await turn.ready\n"
        "    # unasync: end\n"
        "    return await g()\n"
    )
    assert unasync.unasync_text(source) == "def f(turn):\n    return g()\n"
