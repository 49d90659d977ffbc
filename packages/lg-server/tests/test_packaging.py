"""lg-server stands alone: lg-auth is its only requirement, and nothing third-party is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # the dev group installs tomli on 3.10
    import tomli as tomllib

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
SOURCES = [PACKAGE_ROOT / "src", PACKAGE_ROOT.parent / "lg-auth" / "src"]


def test_the_only_requirement_is_lg_auth() -> None:
    project = tomllib.loads((PACKAGE_ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "lg-server"
    assert [dep.split("==")[0] for dep in project["dependencies"]] == ["lg-auth"]
    assert "optional-dependencies" not in project


def test_importing_every_module_loads_only_the_standard_library() -> None:
    code = (
        "import json, sys\n"
        f"sys.path[:0] = {[str(s) for s in SOURCES]!r}\n"
        "before = set(sys.modules)\n"
        "import lg_server, lg_server.runtime, lg_server.cache\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    roots = {name.split(".")[0] for name in json.loads(out.stdout)}
    # typing_extensions is used when present (3.10/3.11 only); 3.12+ never needs it.
    assert (
        roots - set(sys.stdlib_module_names) - {"lg_server", "lg_auth", "typing_extensions"}
        == set()
    )
    assert "typing_extensions" not in roots or sys.version_info < (3, 12)
