"""Module boundaries, checked on the source:

- other libraries' internals (httpx's private modules and attributes, httpcore, h11, aiohttp's
  private modules) are touched inside `lg_transport._internals` only, and everything else goes
  through that package's own namespace, never its submodules;
- no member imports another member's private modules (each exports what the others need from
  a public module);
- every third-party module a member imports at run time is one of its declared dependencies.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # the dev group installs tomli on 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DOOR = ROOT / "packages" / "lg-transport" / "src" / "lg_transport" / "_internals"
MEMBERS = {
    path.parent.name: next((path.parent / "src").iterdir()).name
    for path in ROOT.glob("packages/*/pyproject.toml")
}
#: Import name -> distribution, where they differ.
DISTRIBUTIONS = {"typing_extensions": "typing-extensions"}


def sources() -> Iterator[tuple[str, Path]]:
    for member, module in sorted(MEMBERS.items()):
        for path in sorted((ROOT / "packages" / member / "src" / module).rglob("*.py")):
            yield member, path


def imported_modules(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """Every module an import names (``from a import _b`` names ``a`` and ``a._b``: ``_b`` may
    be a private module)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, node.lineno
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.endswith("__"):
                    yield f"{node.module}.{alias.name}", node.lineno


def runtime_imports(tree: ast.Module) -> Iterator[str]:
    """Top-level names imported at run time (not under ``if TYPE_CHECKING:``, not tried with a
    fallback for when they are missing)."""

    def walk(nodes: list[ast.stmt]) -> Iterator[str]:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                yield from walk(node.orelse)
                continue
            if isinstance(node, ast.Try) and any(
                "ImportError" in ast.unparse(handler.type or ast.Constant(None))
                or "ModuleNotFoundError" in ast.unparse(handler.type or ast.Constant(None))
                for handler in node.handlers
            ):  # an optional import, with a fallback when it is missing
                yield from walk(node.handlers[0].body)
                continue
            if isinstance(node, ast.Import):
                yield from (alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                yield node.module.split(".")[0]
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from walk([child])

    return walk(tree.body)


def _httpx_private_names() -> set[str]:
    """Private attribute names of httpx's public classes and of their instances."""
    names: set[str] = set()
    with httpx.Client() as client:
        objects = [
            client,
            httpx.AsyncClient(),
            httpx.Response(200),
            httpx.Request("GET", "http://x"),
            httpx.Headers(),
            httpx.URL("http://x"),
            httpx.HTTPTransport(),
        ]
        for obj in objects:
            for source in (vars(obj), *(vars(cls) for cls in type(obj).__mro__)):
                names.update(n for n in source if n.startswith("_") and not n.endswith("__"))
    return names


def test_other_libraries_internals_are_behind_the_door() -> None:
    private_module = re.compile(r"^(httpcore|h11)(\.|$)|^(httpx|aiohttp)\._")
    door_submodule = re.compile(r"^lg_transport\._internals\.[a-z_]+")
    private_names = _httpx_private_names()
    # Read by name, httpcore's pool behind httpx's transport counts too (as attribute reads,
    # its names would collide with our own transports' settings).
    named_reads = private_names | {
        name for name in vars(httpx.HTTPTransport()._pool) if name.startswith("_")
    }
    found = []
    for _, path in sources():
        if DOOR in path.parents:
            continue
        tree = ast.parse(path.read_text())
        where = path.relative_to(ROOT)
        for module, line in imported_modules(tree):
            if private_module.match(module):
                found.append(f"{where}:{line} imports {module}")
            elif door_submodule.match(module):
                found.append(f"{where}:{line} imports {module} (use lg_transport._internals)")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in private_names
                and "httpx" in ast.unparse(tree)
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
            ):
                found.append(f"{where}:{node.lineno} reads httpx's {node.attr}")
            elif (  # the same read spelled getattr(obj, "_name", ...)
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in named_reads
                and not (isinstance(node.args[0], ast.Name) and node.args[0].id in ("self", "cls"))
            ):
                found.append(f"{where}:{node.lineno} reads httpx's {node.args[1].value}")
    assert found == []


def test_no_member_imports_another_members_private_modules() -> None:
    found = []
    for member, path in sources():
        own = MEMBERS[member]
        for module, line in imported_modules(ast.parse(path.read_text())):
            top, _, rest = module.partition(".")
            if top in MEMBERS.values() and top != own and rest.startswith("_"):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert found == []


@pytest.mark.parametrize("member", sorted(MEMBERS))
def test_every_third_party_import_is_declared(member: str) -> None:
    project = tomllib.loads((ROOT / "packages" / member / "pyproject.toml").read_text())
    requirements = list(project["project"].get("dependencies", []))
    for extra in project["project"].get("optional-dependencies", {}).values():
        requirements += extra
    declared = {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}
    ours = set(MEMBERS.values())
    imported = set()
    for owner, path in sources():
        if owner == member:
            imported.update(runtime_imports(ast.parse(path.read_text())))
    third_party = {
        DISTRIBUTIONS.get(name, name)
        for name in imported
        if name not in sys.stdlib_module_names and name not in ours
    }
    assert third_party - declared == set()


def test_every_range_has_a_ceiling_and_members_agree() -> None:
    ranges: dict[str, set[str]] = {}
    for member in MEMBERS:
        project = tomllib.loads((ROOT / "packages" / member / "pyproject.toml").read_text())
        assert project["project"]["requires-python"] == ">=3.10", member
        requirements = list(project["project"].get("dependencies", []))
        for extra in project["project"].get("optional-dependencies", {}).values():
            requirements += extra
        for requirement in requirements:
            name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
            if name in MEMBERS:
                continue
            assert ">=" in requirement and "<" in requirement, (member, requirement)
            ranges.setdefault(name, set()).add(requirement)
    assert {name: len(found) for name, found in ranges.items()} == dict.fromkeys(ranges, 1)
    root = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert root["project"]["requires-python"] == ">=3.10"
