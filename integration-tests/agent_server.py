"""Start, check, reset and stop the real LangGraph Agent Server (in-memory) for integration tests.

Standard library only: this module runs in the workspace's environment, while the server runs
in the separate uv project under `server/` (the server's own pins), which installs this
workspace's packages in place of the official `langgraph-sdk`: the server runs on ours.

    ensure_installed()
    with running_agent_server() as url:
        reset(url)
        ...

Run it by hand with `python integration-tests/agent_server.py [--port N]`.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = [
    "AUTH_APP_DIR",
    "GRAPH_IDS",
    "SERVER_DIR",
    "AgentServer",
    "AgentServerError",
    "cache_dir",
    "clean_state",
    "ensure_installed",
    "free_port",
    "reset",
    "running_agent_server",
    "server_environment",
]

SERVER_DIR = Path(__file__).resolve().parent / "server"
STATE_DIR = SERVER_DIR / ".langgraph_api"
# Where the server's environment lives, unless set: $XDG_CACHE_HOME/langgraph-sdk (~/.cache/...).
CACHE_DIR_ENV = "LANGGRAPH_SDK_CACHE_DIR"
#: The same graphs behind custom auth (`server/auth/langgraph.json`, rules in `auth.py`).
AUTH_APP_DIR = SERVER_DIR / "auth"
GRAPH_IDS = (
    "echo",
    "interrupt",
    "slow",
    "subgraph",
    "custom_stream",
    "error",
    "store",
    "in_process",
)

# No analytics, no version check, no tracing: the server then makes no outbound connection.
SERVER_ENV = {
    "LANGGRAPH_CLI_NO_ANALYTICS": "1",
    "LANGGRAPH_NO_VERSION_CHECK": "true",
    "LANGSMITH_TRACING": "false",
    "LANGCHAIN_TRACING_V2": "false",
    "LOG_COLOR": "false",
}

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_API_LINE = re.compile(r"API: (http://\S+)")
# `langgraph dev` logs this and binds a random port instead of failing.
_PORT_TAKEN = "is already in use"

# Never send loopback traffic through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AgentServerError(RuntimeError):
    """The Agent Server could not be installed, started, reset or stopped."""


def _uv_env() -> dict[str, str]:
    env = dict(os.environ)
    # The workspace's environment must not leak into the server project's `uv` commands.
    for name in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"):
        env.pop(name, None)
    return env


def cache_dir() -> Path:
    """The folder that keeps the server's environment between runs and checkouts."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "langgraph-sdk"


def server_environment() -> Path:
    """The server's virtual environment (~180 MB): one per set of server pins and checkout, in
    the cache folder, so every run reuses it. The checkout is part of the key because the
    environment installs that checkout's packages (editable, the SDK under test): two checkouts
    sharing one would run each other's code."""
    key = (SERVER_DIR / "pyproject.toml").read_bytes() + str(SERVER_DIR).encode()
    pins = hashlib.sha256(key).hexdigest()[:12]
    return cache_dir() / f"agent-server-{pins}"


def _server_uv_env() -> dict[str, str]:
    return {**_uv_env(), "UV_PROJECT_ENVIRONMENT": str(server_environment())}


def clean_state() -> None:
    """Delete the state the server keeps in its folder (pickled threads, runs, store)."""
    for app_dir in (SERVER_DIR, AUTH_APP_DIR):
        shutil.rmtree(app_dir / ".langgraph_api", ignore_errors=True)


def _uv_command() -> list[str]:
    uv = shutil.which("uv")
    if uv:
        return [uv]
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True)
    if probe.returncode != 0:
        install = subprocess.run(
            [sys.executable, "-m", "pip", "install", "uv"], capture_output=True, text=True
        )
        if install.returncode != 0:
            output = install.stdout + install.stderr
            raise AgentServerError(f"`uv` is not on PATH and `pip install uv` failed:\n{output}")
    return [sys.executable, "-m", "uv"]


def ensure_installed() -> None:
    """Install the server's pinned environment (`server_environment()`); fast when in sync."""
    # --compile-bytecode: PYTHONDONTWRITEBYTECODE=1 would otherwise make every start recompile.
    command = [*_uv_command(), "sync", "--compile-bytecode", "--directory", str(SERVER_DIR)]
    result = subprocess.run(command, capture_output=True, text=True, env=_server_uv_env())
    if result.returncode != 0:
        raise AgentServerError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _request(method: str, url: str, body: Any = None, *, timeout: float = 10.0) -> tuple[int, Any]:
    """One JSON request; answers (status, decoded body or None). Never raises on HTTP errors."""
    data = None if body is None else json.dumps(body).encode()
    headers = {"content-type": "application/json"} if data is not None else {}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


class AgentServer:
    """One `langgraph dev` process on 127.0.0.1, logging to a file in the system temp dir.

    `start()` answers the base URL once `GET /ok` answers; `stop()` ends the whole process group.
    Also a context manager. ``app_dir`` holds the `langgraph.json` to serve (the server runs
    there and keeps its state in its `.langgraph_api/`), in the environment of `SERVER_DIR`.
    """

    def __init__(
        self, port: int | None = None, *, ready_timeout: float = 60.0, app_dir: Path = SERVER_DIR
    ) -> None:
        self.app_dir = app_dir
        self.port = port if port is not None else free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ready_timeout = ready_timeout
        fd, log_name = tempfile.mkstemp(prefix="langgraph-agent-server-", suffix=".log")
        os.close(fd)
        self.log_path = Path(log_name)
        self._process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        return [
            *_uv_command(),
            "run",
            "--project",
            str(SERVER_DIR),
            "--no-sync",
            "langgraph",
            "dev",
            "--no-browser",
            "--no-reload",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            # Without it, the in-memory queue runs one run at a time.
            "--n-jobs-per-worker",
            "10",
            "--config",
            "langgraph.json",
        ]

    def start(self) -> str:
        if self._process is not None:
            raise AgentServerError("this AgentServer is already started")
        if not _port_is_free(self.port):
            raise AgentServerError(f"port {self.port} is already in use")
        # The server pickles its state there and reloads it on start: always start clean.
        shutil.rmtree(self.app_dir / ".langgraph_api", ignore_errors=True)
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                self.command(),
                cwd=self.app_dir,
                env={**_server_uv_env(), **SERVER_ENV},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so that stop() can end uv and the server together.
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _wait_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.ready_timeout
        while True:
            if self._process.poll() is not None:
                raise self._failure(f"exited with code {self._process.returncode} before ready")
            log = self.read_log()
            if _PORT_TAKEN in log:
                raise self._failure(f"could not bind port {self.port} (it picked another one)")
            if self._answers_ok():
                announced = _API_LINE.search(log)
                if announced and announced.group(1).rstrip("/") != self.url:
                    raise self._failure(f"announced {announced.group(1)}, not {self.url}")
                # /ok could come from someone else on the port: wait for our own banner too.
                if announced:
                    return
            if time.monotonic() > deadline:
                raise self._failure(f"not ready after {self.ready_timeout:.0f} s")
            time.sleep(0.1)

    def _answers_ok(self) -> bool:
        try:
            status, body = _request("GET", f"{self.url}/ok", timeout=1.0)
        except (OSError, urllib.error.URLError):
            return False
        return status == 200 and isinstance(body, dict) and body.get("ok") is True

    def _failure(self, what: str) -> AgentServerError:
        return AgentServerError(
            f"Agent Server on {self.url} {what}. Log {self.log_path}, last lines:\n"
            f"{self.log_tail()}"
        )

    def read_log(self) -> str:
        try:
            return _ANSI.sub("", self.log_path.read_text(errors="replace"))
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.read_log().splitlines()[-lines:])

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM to the process group, then SIGKILL if anything is left after `timeout`."""
        process, self._process = self._process, None
        if process is None:
            return
        group = process.pid  # start_new_session: the group id is the leader's pid
        _signal_group(group, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(group, signal.SIGKILL)
            process.wait(timeout)
        # The leader is gone; make sure no member of its group outlives it.
        end = time.monotonic() + timeout
        while _group_alive(group) and time.monotonic() < end:
            time.sleep(0.05)
        if _group_alive(group):
            _signal_group(group, signal.SIGKILL)

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _die_with_parent() -> None:
    """In the child before exec (Linux): SIGTERM it when the thread that started it dies.

    So a test process killed without cleanup (SIGKILL, os._exit) leaves no server behind:
    `uv` gets SIGTERM and forwards it to the server.
    """
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _signal_group(group: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, sig)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def running_agent_server(
    port: int | None = None, *, ready_timeout: float = 60.0, app_dir: Path = SERVER_DIR
) -> Iterator[str]:
    """Run the Agent Server for the duration of the block; yields its base URL."""
    with AgentServer(port, ready_timeout=ready_timeout, app_dir=app_dir) as url:
        yield url


def reset(url: str, *, settle_timeout: float = 10.0) -> None:
    """Wipe threads, runs, crons and store items; keep the assistants from `langgraph.json`.

    Runs still going are cancelled first, one thread at a time: `POST /runs/cancel` by status
    only marks running runs interrupted and lets them execute to the end. Then
    `POST /internal/truncate` clears threads, runs, crons, checkpoints and user-made
    assistants, but not the long-term store, whose items are deleted here one by one.
    """
    url = url.rstrip("/")
    _cancel_active_runs(url, settle_timeout)
    status, body = _request("POST", f"{url}/internal/truncate")
    if status != 200:
        raise AgentServerError(f"POST /internal/truncate answered {status}: {body}")
    while True:
        # namespace_prefix is required in practice: without it the server answers 500.
        status, body = _request(
            "POST", f"{url}/store/items/search", {"namespace_prefix": [], "limit": 1000}
        )
        if status != 200:
            raise AgentServerError(f"POST /store/items/search answered {status}: {body}")
        items = body["items"]
        if not items:
            return
        for item in items:
            status, body = _request(
                "DELETE", f"{url}/store/items", {"namespace": item["namespace"], "key": item["key"]}
            )
            if status not in (200, 204):
                raise AgentServerError(f"DELETE /store/items answered {status}: {body}")


def _busy_threads(url: str) -> list[str]:
    status, body = _request("POST", f"{url}/threads/search", {"status": "busy", "limit": 1000})
    if status != 200:
        raise AgentServerError(f"POST /threads/search answered {status}: {body}")
    return [thread["thread_id"] for thread in body]


def _cancel_active_runs(url: str, settle_timeout: float) -> None:
    for thread_id in _busy_threads(url):
        status, runs = _request("GET", f"{url}/threads/{thread_id}/runs?limit=1000")
        if status != 200:
            continue  # the thread went away meanwhile
        active = [run["run_id"] for run in runs if run["status"] in ("pending", "running")]
        if active:
            # 404 when they finished meanwhile.
            _request("POST", f"{url}/runs/cancel", {"thread_id": thread_id, "run_ids": active})
    # Whatever is left pending (404: nothing).
    status, body = _request("POST", f"{url}/runs/cancel", {"status": "all"})
    if status not in (200, 202, 204, 404):
        raise AgentServerError(f"POST /runs/cancel answered {status}: {body}")
    deadline = time.monotonic() + settle_timeout
    while _busy_threads(url) and time.monotonic() < deadline:
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the integration tests' Agent Server.")
    parser.add_argument("--port", type=int, default=None, help="default: a free port")
    parser.add_argument(
        "--auth", action="store_true", help="serve the graphs behind the custom auth of auth/"
    )
    args = parser.parse_args(argv)
    # `kill PID` and Ctrl-C both stop the server cleanly (even where SIGINT starts ignored,
    # as in a background job of a non-interactive shell).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    print(f"==> installing the Agent Server's environment in {server_environment()}", flush=True)
    ensure_installed()
    server = AgentServer(args.port, app_dir=AUTH_APP_DIR if args.auth else SERVER_DIR)
    with server as url:
        print(f"Agent Server ready at {url} (log: {server.log_path}); Ctrl-C stops it.")
        print(f"Graphs: {', '.join(GRAPH_IDS)}. To run the examples against it:")
        print(f"  export LANGGRAPH_URL={url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while server.is_running():
                time.sleep(0.5)
        # Ctrl-C arrives twice under `uv run` (terminal and forwarded): finish the shutdown.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        crashed = not server.is_running()
        if crashed:
            print(f"The server exited. Last lines:\n{server.log_tail()}", file=sys.stderr)
    # Leave nothing behind but the cached environment (and the log, if the server crashed).
    clean_state()
    if not crashed:
        server.log_path.unlink(missing_ok=True)
    print("Agent Server stopped.")


if __name__ == "__main__":
    main()
