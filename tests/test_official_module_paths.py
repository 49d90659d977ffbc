"""Every module path of the official langgraph-sdk 0.4.14 wheel imports from ours, and every
class or function its modules define at top level (or list in ``__all__``) exists in ours,
except the omissions documented in docs/compatibility.md.

The official wheel is downloaded at test time (pip) and cached in pytest's cache directory; its
code is only parsed, never imported or committed.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL = "langgraph-sdk==0.4.14"
COMPATIBILITY = ROOT / "docs" / "compatibility.md"
_ROW = re.compile(r"^\|\s*`(?P<module>[\w.]+)`\s*\|\s*`(?P<name>\w+)`\s*\|\s*(?P<reason>.+?)\s*\|$")


@pytest.fixture(scope="module")
def official_wheel(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    cache = getattr(request.config, "cache", None)
    folder = (
        Path(cache.mkdir("official-langgraph-sdk-0.4.14"))
        if cache is not None
        else tmp_path_factory.mktemp("official")
    )
    wheels = sorted(folder.glob("langgraph_sdk-0.4.14-*.whl"))
    if not wheels:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--only-binary", ":all:", "--dest", str(folder), OFFICIAL]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"could not download {OFFICIAL}:\n{result.stderr}"
        wheels = sorted(folder.glob("langgraph_sdk-0.4.14-*.whl"))
    assert wheels, f"no wheel of {OFFICIAL} in {folder}"
    return wheels[0]


def official_modules(wheel: Path) -> dict[str, set[str]]:
    """Module path -> names its source defines at top level (classes, functions, ``__all__``)."""
    modules: dict[str, set[str]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for filename in archive.namelist():
            if not (filename.startswith("langgraph_sdk/") and filename.endswith(".py")):
                continue
            parts = filename[: -len(".py")].split("/")
            if parts[-1] == "__init__":
                parts.pop()
            tree = ast.parse(archive.read(filename))
            modules[".".join(parts)] = _defined_names(tree)
    return modules


def _defined_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            names.update(ast.literal_eval(node.value))
    return names


def documented_omissions() -> dict[tuple[str, str], str]:
    """(module, name) -> reason, from the marked table of docs/compatibility.md."""
    text = COMPATIBILITY.read_text()
    start, end = "<!-- omitted-names:start -->", "<!-- omitted-names:end -->"
    assert start in text and end in text, f"{COMPATIBILITY.name} lost its omitted-names markers"
    rows = {}
    for line in text.split(start, 1)[1].split(end, 1)[0].splitlines():
        match = _ROW.match(line.strip())
        if match:
            rows[(match["module"], match["name"])] = match["reason"]
    return rows


def test_the_omissions_table_parses_and_gives_reasons() -> None:
    omissions = documented_omissions()
    assert len(omissions) >= 10
    assert all(len(reason) > 10 for reason in omissions.values())


def test_every_official_module_path_imports(official_wheel: Path) -> None:
    modules = official_modules(official_wheel)
    assert "langgraph_sdk.stream.decoders" in modules and len(modules) > 40
    failures = []
    for module in sorted(modules):
        try:
            importlib.import_module(module)
        except ImportError as exc:
            failures.append(f"{module}: {exc}")
    assert not failures, "official module paths missing here:\n" + "\n".join(failures)


def test_every_official_top_level_name_exists_unless_documented(official_wheel: Path) -> None:
    omissions = documented_omissions()
    missing = []
    for module, names in sorted(official_modules(official_wheel).items()):
        ours = importlib.import_module(module)
        for name in sorted(names):
            if not hasattr(ours, name) and (module, name) not in omissions:
                missing.append(f"{module}.{name}")
    assert not missing, (
        "official names missing here and not listed in docs/compatibility.md:\n"
        + "\n".join(missing)
    )


def test_documented_omissions_are_real(official_wheel: Path) -> None:
    # A row for a name the official package does not define, or that exists here after all,
    # would let the table drift from the truth.
    modules = official_modules(official_wheel)
    stale = []
    for module, name in documented_omissions():
        if name not in modules.get(module, set()):
            stale.append(f"{module}.{name}: not defined by the official module")
        elif hasattr(importlib.import_module(module), name):
            stale.append(f"{module}.{name}: exists here; remove its row")
    assert not stale, "\n".join(stale)
