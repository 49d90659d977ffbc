"""The two environments that run langgraph's `RemoteGraph`: one on our SDK, one on the official.

Standard library only (it runs in the workspace's environment). Both live under `.remotegraph/`
at the repository root (git-ignored), are built with uv from the pinned lists beside this file
and are fast to re-check once built.

- ``ours``: langgraph 1.2.22 with this tree's packages installed editable, so the SDK it
  imports is ours and no other (`langgraph-sdk` is one of them: langgraph's own requirement
  on `langgraph-sdk` is met by it, and the official package is never installed here), plus
  what langgraph's RemoteGraph tests need.
- ``official``: langgraph 1.2.22 with the official `langgraph-sdk` 0.4.14 from the index.

    python environments.py ours|official   # build (or re-check) one; prints its python
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
STATE = ROOT / ".remotegraph"
# The official 0.4.14 and langgraph 1.2.22 are newer than the workspace's resolution cutoff.
PIN_DATE = "2026-11-21T00:00:00Z"
OUR_PACKAGES = (
    "lg-schema",
    "lg-transport",
    "lg-assistants",
    "lg-threads",
    "lg-runs",
    "lg-crons",
    "lg-store",
    "lg-auth",
    "langgraph-sdk",
)
KINDS = ("ours", "official")


class EnvironmentError_(RuntimeError):
    """An environment could not be built."""


def _uv() -> list[str]:
    uv = shutil.which("uv")
    if uv:
        return [uv]
    if subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True).returncode:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "uv"], check=True)
    return [sys.executable, "-m", "uv"]


def _run(command: list[str]) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT")
    }
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise EnvironmentError_(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )


def python_of(kind: str) -> Path:
    return STATE / f"{kind}-venv" / "bin" / "python"


def ensure(kind: str) -> Path:
    """Build (or bring up to date) the ``kind`` environment; return its interpreter."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    python = python_of(kind)
    if not python.exists():
        _run([*_uv(), "venv", "--quiet", "--python", "3.11", str(python.parent.parent)])
    install = [*_uv(), "pip", "install", "--quiet", "--python", str(python)]
    install += ["--exclude-newer", PIN_DATE, "--compile-bytecode"]
    install += ["-r", str(HERE / f"requirements-{kind}.txt")]
    if kind == "ours":
        for package in OUR_PACKAGES:
            install += ["-e", str(ROOT / "packages" / package)]
    _run(install)
    return python


if __name__ == "__main__":
    print(ensure(sys.argv[1]))
