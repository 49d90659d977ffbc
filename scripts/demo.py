"""Run examples/quickstart.py against LANGGRAPH_URL, or against a local server started here.

With `--serve`, the local server keeps running afterwards, for trying the other examples, until
Ctrl-C. Either way the server's state and log are removed when it stops; its environment stays
in the cache folder for the next run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "integration-tests"), str(ROOT / "examples")]

import quickstart  # type: ignore[import-not-found]  # noqa: E402
from agent_server import (  # type: ignore[import-not-found]  # noqa: E402
    GRAPH_IDS,
    AgentServer,
    clean_state,
    ensure_installed,
    server_environment,
)


def _ignore_further_interrupts() -> None:
    """Ctrl-C reaches this process twice (from the terminal, and forwarded by `uv run`): the
    second must not cut the server's shutdown short and leave its state behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def main() -> None:
    parser = argparse.ArgumentParser(description="Stream a run from a real local Agent Server.")
    parser.add_argument(
        "--serve", action="store_true", help="keep the server running afterwards (Ctrl-C stops)"
    )
    parser.add_argument(
        "--port", type=int, default=None, help="default: 2024 with --serve, else free"
    )
    args = parser.parse_args()
    url = os.environ.get("LANGGRAPH_URL")
    if url:
        asyncio.run(quickstart.main(url))
        return
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    print(f"==> installing the Agent Server (cached in {server_environment()})", flush=True)
    ensure_installed()
    port = args.port if args.port is not None else (2024 if args.serve else None)
    server = AgentServer(port)
    ok = False
    try:
        with server as local_url:
            print(f"==> server ready at {local_url} (in-memory, example graphs)\n", flush=True)
            asyncio.run(quickstart.main(local_url))
            if args.serve:
                print(f"\n==> the server keeps running at {local_url}; Ctrl-C stops it.")
                print(f"    graphs: {', '.join(GRAPH_IDS)}")
                print(f"    export LANGGRAPH_URL={local_url}")
                print(
                    "    python examples/streaming_chat.py   # or any file of examples/", flush=True
                )
                with contextlib.suppress(KeyboardInterrupt):
                    while server.is_running():
                        time.sleep(0.5)
                _ignore_further_interrupts()
            ok = server.is_running()  # else it crashed: keep its log
    finally:
        clean_state()
        if ok:
            server.log_path.unlink(missing_ok=True)
        else:
            print(f"\n==> server log kept: {server.log_path}", file=sys.stderr)
    print("\n==> server stopped, state cleaned")


if __name__ == "__main__":
    main()
