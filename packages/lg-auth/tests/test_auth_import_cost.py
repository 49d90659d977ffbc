"""`import lg_auth` stays light (the server imports it on every start, and issue 6 asks for a
cheap import): checked by which modules it loads, not by time (timings on a shared machine are
noise). A new import at module level fails here and has to be deferred or argued for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"

# What `import lg_auth` loads of its own: the rule registry, its catalogue, the user model, the
# exceptions and the handler types. The evaluator and the AuthContext dataclass load on use.
OWN_MODULES = {
    "lg_auth",
    "lg_auth._auth",
    "lg_auth._catalog",
    "lg_auth._user",
    "lg_auth.exceptions",
    "lg_auth.types",
}
# Standard-library modules that would each add milliseconds (or pull in many more).
HEAVY_STDLIB = (
    "asyncio",
    "concurrent",
    "dataclasses",
    "inspect",
    "json",
    "logging",
    "threading",
    "email",
    "http",
    "socket",
    "ssl",
    "subprocess",
    "pathlib",
    "tempfile",
    "ast",
    "dis",
    "tokenize",
    "importlib.metadata",
)


def _modules_after(statement: str) -> set[str]:
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(SOURCE)!r})\n"
        "before = set(sys.modules)\n"
        f"{statement}\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    # -I: isolated mode, so no environment variable or user site can import extra modules.
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_import_loads_exactly_its_own_core_modules() -> None:
    new = _modules_after("import lg_auth")
    assert {name for name in new if name.split(".")[0] == "lg_auth"} == OWN_MODULES


#: The standard library lg_auth imports at module level, on purpose.
OWN_STDLIB_IMPORTS = "import builtins, collections.abc, datetime, typing, uuid"


def test_import_loads_no_heavy_standard_library_module() -> None:
    # What those imports load themselves is not lg_auth's doing and differs by Python: on
    # 3.10, `uuid` imports `platform`, which imports `subprocess` (3.11 made that lazy).
    new = _modules_after("import lg_auth") - _modules_after(OWN_STDLIB_IMPORTS)
    heavy = sorted(
        name
        for name in new
        if any(name == module or name.startswith(module + ".") for module in HEAVY_STDLIB)
    )
    assert heavy == []
