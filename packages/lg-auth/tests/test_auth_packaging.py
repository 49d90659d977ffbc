"""lg-auth stands alone: no declared dependency, nothing outside the standard library imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lg_auth

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - 3.10
    tomllib = None  # type: ignore[assignment]

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
SOURCE = PACKAGE_ROOT / "src" / "lg_auth"


def test_pyproject_declares_no_dependencies() -> None:
    text = (PACKAGE_ROOT / "pyproject.toml").read_text()
    if tomllib is None:  # pragma: no cover
        assert "dependencies = [\n]" in text or "dependencies = []" in text
        return
    project = tomllib.loads(text)["project"]
    assert project["name"] == "lg-auth"
    assert project["dependencies"] == []
    assert "optional-dependencies" not in project


def _modules_after(statement: str) -> list[str]:
    """Top-level modules a fresh interpreter gains by running ``statement``."""
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(SOURCE.parent)!r})\n"
        "before = set(sys.modules)\n"
        f"{statement}\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    # -I: isolated mode, so no environment variable or user site can import extra modules.
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_import_leaves_only_stdlib_and_lg_auth_in_sys_modules() -> None:
    new = _modules_after("import lg_auth")
    third_party = sorted(
        {name.split(".")[0] for name in new}
        - set(sys.stdlib_module_names)
        - {"lg_auth", "__main__"}
    )
    assert third_party == []
    assert "lg_auth" in new


def test_import_does_not_load_http_clients_or_siblings() -> None:
    new = {name.split(".")[0] for name in _modules_after("import lg_auth, lg_auth.evaluate")}
    for unwanted in ("httpx", "orjson", "typing_extensions", "langgraph_sdk", "asyncio"):
        assert unwanted not in new
    assert not {name for name in new if name.startswith("lg_") and name != "lg_auth"}


def test_import_defers_dataclasses_until_a_context_is_used() -> None:
    # `dataclasses` costs ~4 ms of `import lg_auth` (it pulls in `inspect`); only building an
    # AuthContext needs it.
    assert "dataclasses" not in _modules_after("import lg_auth")
    new = _modules_after("import lg_auth\nlg_auth.types.AuthContext")
    assert {"dataclasses", "lg_auth._context"} <= set(new)


def test_context_classes_load_on_first_use_like_module_attributes() -> None:
    code = (
        "import typing, lg_auth.types as t\n"
        "assert 'AuthContext' in dir(t)\n"
        "from lg_auth.types import AuthContext, BaseAuthContext\n"
        "assert AuthContext.__module__ == 'lg_auth.types' and issubclass(AuthContext, BaseAuthContext)\n"
        "assert set(typing.get_type_hints(AuthContext)) == {'permissions', 'user', 'resource', 'action'}\n"
        "try:\n    t.NoSuchName\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n"
    )
    _modules_after(code)  # raises if an assertion fails


def test_source_has_no_third_party_imports() -> None:
    # Belt and braces for imports a runtime check would miss (deferred, or under TYPE_CHECKING).
    import ast

    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots = {node.module.split(".")[0]}
            else:
                continue
            assert roots <= set(sys.stdlib_module_names) | {"lg_auth"}, (path.name, roots)


def test_package_is_typed() -> None:
    assert (SOURCE / "py.typed").exists()
    assert (Path(lg_auth.__file__).parent / "py.typed").exists()  # also when installed


def test_public_surface() -> None:
    assert sorted(lg_auth.__all__) == [
        "Auth",
        "AuthenticatedUser",
        "HTTPException",
        "RequestParts",
        "authenticate",
        "authorize",
        "evaluate",
        "exceptions",
        "is_studio_user",
        "match_filter",
        "select_handler",
        "types",
        "validate_filter",
    ]
    for name in lg_auth.__all__:
        assert getattr(lg_auth, name) is not None
    assert lg_auth.HTTPException is lg_auth.exceptions.HTTPException
