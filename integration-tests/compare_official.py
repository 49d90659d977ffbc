"""Our client and the official `langgraph-sdk` 0.4.14 making the same calls against Aegra.

    uv run python integration-tests/compare_official.py      # prints a markdown table

The official SDK runs in its own venv (`aegra/.official-venv`, like `scripts/bench` builds one);
ours is the workspace's. Both run `aegra/probe_calls.py` against one Aegra (reset in between)
and the table shows, per behaviour of the API, whether each client held it. docs/servers.md
holds the last table.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from aegra_server import (
    AEGRA_DIR,
    EXCLUDE_NEWER,
    AegraServer,
    PostgresCluster,
    _uv,
    provision,
    reset,
)

OFFICIAL_VENV = AEGRA_DIR / ".official-venv"
PROBE = AEGRA_DIR / "probe_calls.py"


def official_python() -> Path:
    python = OFFICIAL_VENV / "bin" / "python"
    if not python.exists():
        _uv("venv", "--quiet", "--python", sys.executable, str(OFFICIAL_VENV), what="venv")
        _uv(
            "pip", "install", "--quiet", "--python", str(python), "--exclude-newer",
            EXCLUDE_NEWER, "langgraph-sdk==0.4.14", what="installing the official SDK",
        )  # fmt: skip
    return python


def run_probe(python: str | Path, url: str) -> dict[str, dict[str, object]]:
    result = subprocess.run(
        [str(python), str(PROBE), url], capture_output=True, text=True, cwd="/", check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"{python} {PROBE.name} failed:\n{result.stderr}")
    answer: dict[str, dict[str, object]] = json.loads(result.stdout)
    return answer


def main() -> None:
    print(provision(), file=sys.stderr)
    official = official_python()
    with PostgresCluster() as cluster, AegraServer(cluster) as url:
        reset(url, cluster, "aegra")
        theirs = run_probe(official, url)
        reset(url, cluster, "aegra")
        ours = run_probe(sys.executable, url)
    rows = ["| behaviour | official 0.4.14 | ours |", "|---|---|---|"]
    for behaviour in theirs:
        cells = []
        for side in (theirs, ours):
            held = side[behaviour]["held"]
            outcome = str(side[behaviour]["outcome"]).replace("|", "\\|").replace("\n", " ")
            cells.append(f"{'held' if held else '**not held**'}: `{outcome[:110]}`")
        rows.append(f"| {behaviour} | {' | '.join(cells)} |")
    held_theirs = sum(bool(v["held"]) for v in theirs.values())
    held_ours = sum(bool(v["held"]) for v in ours.values())
    rows.append(
        f"| **held** | **{held_theirs} of {len(theirs)}** | **{held_ours} of {len(ours)}** |"
    )
    print("\n".join(rows))
    if held_ours < held_theirs:
        raise SystemExit("our client holds fewer behaviours on Aegra than the official SDK")


if __name__ == "__main__":
    main()
