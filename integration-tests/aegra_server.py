"""Provide, start, reset and stop Aegra (a second, independent Agent Server) for integration tests.

Aegra (`aegra-api`, Apache-2.0) implements the Agent Server API on PostgreSQL. Here it runs:

- in its own virtual environment (`aegra/.venv`, Python >= 3.12) holding `aegra-api` and **our**
  wheels (`langgraph-sdk` and the `lg-*` packages, built from this checkout): the official SDK is
  never installed there, and `provision()` checks it;
- on a throw-away PostgreSQL cluster (`initdb` under a temporary folder, a free loopback port,
  run as the `postgres` user when we are root, since PostgreSQL refuses to run as root);
- with `uvicorn aegra_api.main:app` serving `server/langgraph.json` (the in-memory server's own
  graphs), or, with `auth_config()`, the same graphs plus the custom auth module `aegra/auth.py`.

Standard library only, like `agent_server.py`.

    status = provision()            # raises AegraUnavailable(reason) when it cannot
    with PostgresCluster() as pg, AegraServer(pg, database="aegra") as url:
        reset(url, pg, "aegra")

`python integration-tests/aegra_server.py provision` installs what it can (PostgreSQL with
apt-get when we are root, the venv) and says why when it cannot; `... run` serves by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
from pathlib import Path
from types import TracebackType

from agent_server import (
    SERVER_DIR,
    _die_with_parent,
    _group_alive,
    _request,
    _signal_group,
    _uv_command,
    _uv_env,
    free_port,
)

__all__ = [
    "AEGRA_DIR",
    "AegraServer",
    "AegraUnavailable",
    "PostgresCluster",
    "provision",
    "reset",
    "unavailable_reason",
]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AEGRA_DIR = HERE / "aegra"
VENV = AEGRA_DIR / ".venv"
WHEELS = AEGRA_DIR / ".wheels"
PLAIN_CONFIG = SERVER_DIR / "langgraph.json"
AUTH_MODULE = AEGRA_DIR / "auth.py"
AEGRA_REQUIREMENT = "aegra-api==0.11.0"
# Same purpose as the in-memory server's `exclude-newer`: a reproducible resolution.
EXCLUDE_NEWER = "2026-11-21T00:00:00Z"
# Every workspace member (a folder per distribution, named after it); langgraph-sdk first.
OUR_DISTRIBUTIONS = tuple(
    sorted(
        (path.parent.name for path in (ROOT / "packages").glob("*/pyproject.toml")),
        key=lambda name: (name != "langgraph-sdk", name),
    )
)
# Rows Aegra itself owns and keeps between tests: the graphs' assistants it makes on start.
_RESET_SQL = (
    "TRUNCATE thread, runs, crons, store, thread_ttl, checkpoints, checkpoint_blobs, "
    "checkpoint_writes CASCADE; DELETE FROM assistant WHERE user_id <> 'system';"
)
# What `provision()` checks inside Aegra's venv: our SDK, with the modules Aegra imports.
_CHECK_OURS = """
import importlib.metadata as md, langgraph_sdk, langgraph_sdk.runtime, langgraph_sdk.auth.types
requires = " ".join(md.requires("langgraph-sdk") or [])
assert "lg-transport" in requires, "langgraph-sdk in Aegra's venv is not ours: " + requires
from langgraph_sdk import Auth
import lg_auth
assert Auth is lg_auth.Auth, "langgraph_sdk.Auth is not lg_auth.Auth"
"""


class AegraUnavailable(RuntimeError):
    """Aegra cannot run here; the message says why (shown in the test summary)."""


# -- Python >= 3.12 ---------------------------------------------------------------------------


def _is_python_312(path: str) -> bool:
    try:
        probe = subprocess.run(
            [path, "-c", "import sys; print(sys.version_info >= (3, 12))"],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0 and probe.stdout.strip() == "True"


def find_python() -> str | None:
    """An interpreter >= 3.12: `AEGRA_PYTHON`, PATH, then pyenv's versions (shims may refuse)."""
    candidates = [os.environ.get("AEGRA_PYTHON", "")]
    candidates += [shutil.which(name) or "" for name in ("python3.13", "python3.12")]
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    for pattern in ("3.13*", "3.12*"):
        found = sorted(glob.glob(os.path.join(pyenv_root, "versions", pattern, "bin", "python3")))
        candidates += reversed(found)
    candidates += ["/usr/bin/python3.13", "/usr/bin/python3.12", "/usr/local/bin/python3.12"]
    for candidate in candidates:
        if candidate and os.path.exists(candidate) and _is_python_312(candidate):
            return candidate
    return None


# -- PostgreSQL --------------------------------------------------------------------------------


def find_pg_bin() -> Path | None:
    """The directory holding `initdb` and `pg_ctl` (Debian keeps them off PATH)."""
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name)
        if Path(p).parent.parent.name.isdigit()
        else 0,
    )
    if versions:
        return Path(versions[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _install_postgres() -> str | None:
    """`apt-get install -y postgresql` when we may; answers why not otherwise."""
    if os.name != "posix" or os.geteuid() != 0:
        return "PostgreSQL is not installed and we are not root (install Debian's `postgresql`)"
    if not shutil.which("apt-get"):
        return "PostgreSQL is not installed and there is no apt-get to install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "postgresql"]):
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            return f"`{' '.join(command)}` failed: {(result.stdout + result.stderr)[-800:]}"
    return None


def _as_postgres_user() -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the `postgres` user then."""
    if os.name == "posix" and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"]
    return []


class PostgresCluster:
    """A throw-away cluster under a temporary folder, on a free port of 127.0.0.1, no password."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        found = bin_dir or find_pg_bin()
        if found is None:
            raise AegraUnavailable("PostgreSQL's initdb was not found")
        self.bin_dir = found
        self.port = free_port()
        self.folder: Path | None = None
        self.databases: set[str] = set()

    @property
    def data_dir(self) -> Path:
        assert self.folder is not None
        return self.folder / "data"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, tool: str, *args: str) -> None:
        command = [*_as_postgres_user(), str(self.bin_dir / tool), *args]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            raise AegraUnavailable(
                f"{tool} failed ({result.returncode}): {(result.stdout + result.stderr)[-1500:]}"
            )

    def start(self) -> PostgresCluster:
        self.folder = Path(tempfile.mkdtemp(prefix="lg-aegra-pg-"))
        if _as_postgres_user():
            shutil.chown(self.folder, "postgres")
        # Durability is worthless for a throw-away test database; speed is not.
        self._run(
            "initdb", "-D", str(self.data_dir), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-locale", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        log = str(self.folder / "postgres.log")
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", log, "-w", "-o", options, "start")
        return self

    def psql(self, database: str, sql: str) -> str:
        command = [
            str(self.bin_dir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql,
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise AegraUnavailable(f"psql {sql[:60]!r} failed: {result.stderr.strip()}")
        return result.stdout

    def create_database(self, name: str) -> str:
        if name not in self.databases:
            self.psql("postgres", f'CREATE DATABASE "{name}"')
            self.databases.add(name)
        return self.url(name)

    def stop(self) -> None:
        folder, self.folder = self.folder, None
        if folder is None:
            return
        with contextlib.suppress(AegraUnavailable):
            self.folder = folder
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        self.folder = None
        shutil.rmtree(folder, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- Aegra's environment -----------------------------------------------------------------------


def _uv(*args: str, what: str) -> str:
    command = [*_uv_command(), *args]
    result = subprocess.run(command, capture_output=True, text=True, env=_uv_env(), cwd=ROOT)
    if result.returncode != 0:
        raise AegraUnavailable(f"{what} failed:\n{(result.stdout + result.stderr)[-1500:]}")
    return result.stdout


def _sources_digest() -> str:
    """Changes whenever any of our packages' sources or metadata change."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "packages").glob("*/pyproject.toml")) + sorted(
        (ROOT / "packages").glob("*/src/**/*.py")
    ):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _venv_python() -> Path:
    return VENV / "bin" / "python"


def provision() -> str:
    """Make Aegra's venv current (our wheels rebuilt when the sources changed); answers a summary.

    Raises AegraUnavailable with the reason when Python >= 3.12 or PostgreSQL cannot be had.
    """
    reason = unavailable_reason(install=True)
    if reason:
        raise AegraUnavailable(reason)
    python = find_python()
    assert python is not None
    digest = _sources_digest()
    stamp = VENV / "lg-sources.sha256"
    current = stamp.read_text() if stamp.exists() else ""
    if current == digest and _venv_python().exists():
        return f"Aegra venv up to date ({VENV})"
    if not _venv_python().exists():
        _uv("venv", "--quiet", "--python", python, str(VENV), what="creating Aegra's venv")
    shutil.rmtree(WHEELS, ignore_errors=True)
    _uv(
        "build", "--all-packages", "--wheel", "--quiet", "--out-dir", str(WHEELS),
        what="building our wheels",
    )  # fmt: skip
    wheels = sorted(str(path) for path in WHEELS.glob("*.whl"))
    if len(wheels) != len(OUR_DISTRIBUTIONS):
        raise AegraUnavailable(f"expected {len(OUR_DISTRIBUTIONS)} wheels, built {wheels}")
    # Our wheels are named as files, so they are what satisfies Aegra's `langgraph-sdk`
    # requirement: the official SDK never enters this environment.
    _uv(
        "pip", "install", "--quiet", "--compile-bytecode", "--python", str(_venv_python()),
        "--exclude-newer", EXCLUDE_NEWER, "--reinstall-package", "langgraph-sdk",
        *(f"--reinstall-package={name}" for name in OUR_DISTRIBUTIONS[1:]),
        AEGRA_REQUIREMENT, *wheels,
        what="installing aegra-api with our wheels",
    )  # fmt: skip
    check = subprocess.run(
        [str(_venv_python()), "-c", _CHECK_OURS], capture_output=True, text=True, cwd="/"
    )
    if check.returncode != 0:
        raise AegraUnavailable(
            f"Aegra's venv cannot import what Aegra needs from our SDK:\n{check.stderr[-1500:]}"
        )
    stamp.write_text(digest)
    return f"Aegra venv ready ({VENV}, {AEGRA_REQUIREMENT} on our langgraph-sdk)"


def unavailable_reason(*, install: bool = False) -> str | None:
    """Why Aegra cannot run here (None: it can). With `install`, installs PostgreSQL if it may."""
    if os.environ.get("LG_AEGRA", "").lower() in ("0", "false", "no", "off"):
        return "disabled by LG_AEGRA=0"
    if sys.platform != "linux":
        return f"the Aegra harness runs on Linux only (this is {sys.platform})"
    sdk = ROOT / "packages" / "langgraph-sdk" / "src" / "langgraph_sdk"
    if not (sdk / "runtime.py").exists() and not (sdk / "runtime" / "__init__.py").exists():
        return "our langgraph_sdk has no `runtime` module yet, and Aegra's server imports it"
    if find_python() is None:
        return "no Python >= 3.12 found (set AEGRA_PYTHON=/path/to/python3.12)"
    if find_pg_bin() is None:
        if not install:
            return "PostgreSQL is not installed (Debian: apt-get install -y postgresql)"
        failure = _install_postgres()
        if failure:
            return failure
        if find_pg_bin() is None:
            return "PostgreSQL was installed but initdb was not found"
    return None


def auth_config() -> Path:
    """`server/langgraph.json` plus `auth.path` = `aegra/auth.py` (written beside the venv)."""
    config = json.loads(PLAIN_CONFIG.read_text())
    config["graphs"] = {
        name: str((SERVER_DIR / path).resolve()) if path.startswith(".") else path
        for name, path in config["graphs"].items()
    }
    config["dependencies"] = [str((SERVER_DIR / dep).resolve()) for dep in config["dependencies"]]
    config["auth"] = {"path": f"{AUTH_MODULE}:auth"}
    target = AEGRA_DIR / ".auth-config.json"
    target.write_text(json.dumps(config, indent=2))
    return target


# -- the server --------------------------------------------------------------------------------


class AegraServer:
    """`uvicorn aegra_api.main:app` on 127.0.0.1, on one database of `cluster`."""

    def __init__(
        self,
        cluster: PostgresCluster,
        *,
        database: str = "aegra",
        config: Path = PLAIN_CONFIG,
        port: int | None = None,
        ready_timeout: float = 120.0,
    ) -> None:
        self.cluster = cluster
        self.database = database
        self.config = config
        self.port = port if port is not None else free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ready_timeout = ready_timeout
        fd, log_name = tempfile.mkstemp(prefix=f"aegra-{database}-", suffix=".log")
        os.close(fd)
        self.log_path = Path(log_name)
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        database_url = self.cluster.create_database(self.database)
        env = {
            **_uv_env(),
            "AEGRA_CONFIG": str(self.config),
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "WARNING",
            "LOG_COLOR": "false",
            "ENV_MODE": "LOCAL",
            "LANGSMITH_TRACING": "false",
            "LANGCHAIN_TRACING_V2": "false",
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [
            str(_venv_python()), "-m", "uvicorn", "aegra_api.main:app",
            "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log",
        ]  # fmt: skip
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                cwd=self.config.parent,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
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
            with contextlib.suppress(OSError, urllib.error.URLError):
                status, body = _request("GET", f"{self.url}/health", timeout=1.0)
                if status == 200 and isinstance(body, dict) and body.get("status") == "healthy":
                    return
            if time.monotonic() > deadline:
                raise self._failure(f"not ready after {self.ready_timeout:.0f} s")
            time.sleep(0.1)

    def _failure(self, what: str) -> AegraUnavailable:
        tail = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-40:])
        return AegraUnavailable(f"Aegra on {self.url} {what}. Log {self.log_path}:\n{tail}")

    def stop(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            process.wait(timeout)
        if _group_alive(process.pid):
            _signal_group(process.pid, signal.SIGKILL)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def reset(
    url: str, cluster: PostgresCluster, database: str, *, headers: dict[str, str] | None = None
) -> None:
    """Cancel live runs through the API, then wipe threads, runs, crons, checkpoints, the store
    and user-made assistants in the database (Aegra has no `/internal/truncate`)."""
    url = url.rstrip("/")
    busy = _busy_runs(url)
    for thread_id, run_id in busy:
        _request("POST", f"{url}/threads/{thread_id}/runs/{run_id}/cancel?action=interrupt")
    deadline = time.monotonic() + 10.0
    while busy and time.monotonic() < deadline:
        busy = _busy_runs(url)
        if busy:
            time.sleep(0.05)
    cluster.psql(database, _RESET_SQL)


def _busy_runs(url: str) -> list[tuple[str, str]]:
    found = []
    status, threads = _request("POST", f"{url}/threads/search", {"status": "busy", "limit": 1000})
    if status != 200:
        return []  # an auth-protected server: its tests clean up through the database alone
    for thread in threads:
        status, runs = _request("GET", f"{url}/threads/{thread['thread_id']}/runs?limit=1000")
        if status == 200:
            found += [
                (thread["thread_id"], run["run_id"])
                for run in runs
                if run["status"] in ("pending", "running")
            ]
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Provide or run Aegra for the integration tests.")
    parser.add_argument("action", choices=["provision", "run"])
    parser.add_argument("--auth", action="store_true", help="serve with the custom auth module")
    args = parser.parse_args(argv)
    try:
        print(provision())
    except AegraUnavailable as error:
        print(f"Aegra cannot run here: {error}", file=sys.stderr)
        raise SystemExit(3) from None
    if args.action == "provision":
        return
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    config = auth_config() if args.auth else PLAIN_CONFIG
    with PostgresCluster() as cluster, AegraServer(cluster, config=config) as url:
        print(json.dumps({"url": url, "postgres": cluster.url("aegra")}))
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(0.5)


if __name__ == "__main__":
    main()
