"""Run examples/quickstart.py against LANGGRAPH_URL, or against a local server started here."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "integration-tests"), str(ROOT / "examples")]

import quickstart  # type: ignore[import-not-found]  # noqa: E402
from agent_server import (  # type: ignore[import-not-found]  # noqa: E402
    ensure_installed,
    running_agent_server,
)


def main() -> None:
    url = os.environ.get("LANGGRAPH_URL")
    if url:
        asyncio.run(quickstart.main(url))
        return
    print("==> starting a local Agent Server (in-memory, example graphs)", flush=True)
    ensure_installed()
    with running_agent_server() as local_url:
        print(f"==> server ready at {local_url}\n", flush=True)
        asyncio.run(quickstart.main(local_url))
    print("\n==> server stopped")


if __name__ == "__main__":
    main()
