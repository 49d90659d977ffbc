#!/usr/bin/env python3
"""The dependency matrix: the built wheels, installed as a user would, against the versions
their metadata allows. Each set gets a fresh venv, the unit tests and a short smoke against the
real Agent Server (one call and one stream per flavour: async/sync x httpx/aiohttp lane, and a
thread stream over SSE and WebSockets):

- ``floor``: every declared third-party dependency at its lowest allowed version, on the
  oldest Python found;
- ``newest``: the newest releases (the workspace's ``exclude-newer`` date ignored), on the
  newest Python found;
- ``default-3.X``: the workspace's resolution date, on every other Python found but the one
  running this script (``scripts/test`` runs the whole suite on that one).

Pythons 3.10-3.13 are looked for on PATH and in pyenv's versions; missing ones are reported.

    python scripts/matrix.py                 every set
    python scripts/matrix.py --only floor    one set (repeatable)
    python scripts/matrix.py --list          the sets, without running them
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
#: What every set installs: the SDK with both extras.
SDK = "langgraph-sdk[aiohttp,websocket]"
#: Test tools from the dev group (its pins; ruff, mypy and pip for the tests that run them,
#: langchain-core for the tests of thread streams that yield its message streams); the
#: extras' packages come from the SDK's ranges.
TOOLS = {
    "pytest",
    "pytest-asyncio",
    "pytest-timeout",
    "hypothesis",
    "pydantic",
    "ruff",
    "mypy",
    "pip",
    "langchain-core",
}
#: The unit tests and the real-server smoke run in every set.
UNIT_TESTS = ["tests", "packages"]
SMOKE = [
    "integration-tests/tests/test_transport_api.py",
    "integration-tests/tests/test_thread_stream_api.py",
    "-k",
    "ok_and_info or real_multi_mode or real_errors or echo_run",
]
FAST_PATHS = (
    "import lg_transport, lg_transport._internals as i; "
    "lg_transport.create_sync_http_client(url='http://127.0.0.1:9').close(); "
    "print(i.fast_paths())"
)
SHOWN = ("httpx", "httpcore", "h11", "orjson", "aiohttp", "yarl", "websockets", "typing-extensions")


def uv(*args: str) -> str:
    command = (
        [shutil.which("uv") or "", *args]
        if shutil.which("uv")
        else [sys.executable, "-m", "uv", *args]
    )
    result = subprocess.run(command, capture_output=True, text=True, cwd=tempfile.gettempdir())
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise SystemExit(f"uv {' '.join(args)} failed:\n{tail}")
    return result.stdout


def find_python(version: str) -> str | None:
    """An interpreter for ``version``: on PATH, else in pyenv's versions."""
    candidates = [shutil.which(f"python{version}") or ""]
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    candidates += sorted(
        str(p) for p in Path(pyenv_root).glob(f"versions/{version}.*/bin/python{version}")
    )
    for candidate in filter(None, candidates):
        check = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        if check.returncode == 0 and check.stdout.strip() == version:
            return candidate
    return None


def requirements() -> list[str]:
    """Every third-party requirement of every member, extras included."""
    members = {path.parent.name for path in ROOT.glob("packages/*/pyproject.toml")}
    found = []
    for member in sorted(members):
        project = tomllib.loads((ROOT / "packages" / member / "pyproject.toml").read_text())[
            "project"
        ]
        listed = list(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            listed += extra
        found += [r for r in listed if re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0] not in members]
    return found


def floors() -> list[str]:
    """``name==lowest`` for every third-party requirement."""
    pins = {}
    for requirement in requirements():
        name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
        lowest = re.search(r">=\s*([^,;\s]+)", requirement)
        assert lowest, f"no lower bound: {requirement}"
        pins[name] = f"{name}=={lowest.group(1)}"
    return sorted(pins.values())


def tools(pinned: bool) -> list[str]:
    root = tomllib.loads((ROOT / "pyproject.toml").read_text())
    chosen = []
    for requirement in root["dependency-groups"]["dev"]:
        name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
        if name == "langchain-core" and not pinned:
            continue  # see FLOOR_DESELECTED
        if name in TOOLS:
            # At the floors, pydantic follows typing-extensions' floor instead of its pin.
            chosen.append(requirement if pinned or name != "pydantic" else "pydantic>=2")
    return [*chosen, "tomli; python_version < '3.11'"]


#: What the floor set cannot run, and why: said in its output, run by every other set.
FLOOR_DESELECTED = (
    "langchain_messages",
    "langchain-core 1.x (its message streams) needs typing-extensions>=4.13, above our floor",
)


def sets(pythons: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """(name, interpreter, extra `uv pip install` arguments) of every set."""
    if not pythons:
        return []
    exclude_newer = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["uv"][
        "exclude-newer"
    ]
    versions = sorted(pythons, key=lambda v: tuple(map(int, v.split("."))))
    own = f"{sys.version_info[0]}.{sys.version_info[1]}"
    chosen = [("floor", pythons[versions[0]], ["--floors"])]
    for version in versions[1:-1]:
        if version != own:
            chosen.append(
                (f"default-{version}", pythons[version], ["--exclude-newer", exclude_newer])
            )
    if len(versions) > 1:
        chosen.append(("newest", pythons[versions[-1]], []))
    return chosen


def run_set(
    name: str, python: str, options: list[str], wheels: Path, base: Path, server: str
) -> bool:
    started = time.monotonic()
    sdk = f"{SDK}=={version()}"
    env_dir = base / name
    uv("venv", "--quiet", "--python", python, str(env_dir))
    exe = str(env_dir / "bin" / "python")
    # The built wheels by path: a registry's release of the same names is never taken instead.
    ours = [str(wheel) for wheel in sorted(wheels.glob("*.whl"))]
    install = ["pip", "install", "--quiet", "--no-config", "--python", exe, *ours]
    if options == ["--floors"]:
        constraints = base / "floors.txt"
        constraints.write_text("\n".join(floors()) + "\n")
        install += ["--constraint", str(constraints)]
        install += [sdk, *tools(pinned=False)]
    else:
        install += [*options, sdk, *tools(pinned=True)]
    uv(*install)
    listing = uv("pip", "list", "--python", exe, "--format", "freeze")
    shown = [line for line in listing.splitlines() if line.split("==")[0].lower() in SHOWN]
    paths = subprocess.run([exe, "-c", FAST_PATHS], capture_output=True, text=True, cwd="/")
    print(f"\n--- {name}: Python {python_version(exe)}; {' '.join(shown)}", flush=True)
    print(f"    fast paths: {paths.stdout.strip() or paths.stderr.strip()}", flush=True)
    env = {**os.environ, "LANGGRAPH_AGENT_SERVER_URL": server}
    env.pop("VIRTUAL_ENV", None)
    ok = True
    unit_tests = UNIT_TESTS
    if options == ["--floors"]:
        marker, why = FLOOR_DESELECTED
        unit_tests = [*UNIT_TESTS, "-m", f"not {marker}"]
        print(f"    deselected here: tests marked {marker} ({why})", flush=True)
    for label, args in (("unit tests", unit_tests), ("real-server smoke", SMOKE)):
        log = base / f"{name}-{label.split()[0]}.log"
        with log.open("w") as out:
            result = subprocess.run(
                [exe, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        lines = log.read_text().splitlines()
        summary = next(
            (line for line in reversed(lines) if re.search(r"\d+ (passed|failed|error)", line)), ""
        )
        print(f"    {label}: {summary.strip('= ')}", flush=True)
        if result.returncode != 0:
            ok = False
            print("\n".join(lines[-40:]), flush=True)
    print(
        f"    {name}: {'ok' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s", flush=True
    )
    return ok


def version() -> str:
    """The workspace's version: the built wheels' version."""
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def python_version(exe: str) -> str:
    return subprocess.run([exe, "-V"], capture_output=True, text=True).stdout.split()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="run only this set (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the sets and exit")
    args = parser.parse_args()
    pythons = {v: p for v in PYTHONS if (p := find_python(v))}
    missing = [v for v in PYTHONS if v not in pythons]
    chosen = [s for s in sets(pythons) if not args.only or s[0] in args.only]
    print(f"Pythons: {', '.join(f'{v} ({p})' for v, p in pythons.items())}")
    if missing:
        print(f"not on this machine (not tested here): Python {', '.join(missing)}")
    print(f"sets: {', '.join(name for name, _, _ in chosen)}")
    if args.list or not chosen:
        return 0
    sys.path.insert(0, str(ROOT / "integration-tests"))
    import agent_server  # type: ignore[import-not-found]  # the server runs in its own venv

    with tempfile.TemporaryDirectory(prefix="lg-matrix-") as tmp:
        base = Path(tmp)
        wheels = base / "wheels"
        subprocess.run(
            [
                *(["uv"] if shutil.which("uv") else [sys.executable, "-m", "uv"]),
                "build",
                "--all-packages",
                "--wheel",
                "--quiet",
                "--out-dir",
                str(wheels),
            ],
            cwd=ROOT,
            check=True,
        )
        agent_server.ensure_installed()
        with agent_server.AgentServer() as url:
            results = {
                name: run_set(name, python, options, wheels, base, url)
                for name, python, options in chosen
            }
    failed = [name for name, ok in results.items() if not ok]
    print(
        f"\nmatrix: {len(results) - len(failed)}/{len(results)} sets passed"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
