"""Run langgraph's own RemoteGraph tests with our SDK installed.

Downloads the langgraph 1.2.22 sdist (never committed), serves its example app the way
langgraph's Makefile does (`langgraph dev --config tests/example_app/langgraph.json`) from the
integration server's environment, and runs `tests/test_remote_graph.py` and
`tests/test_remote_graph_v3.py` in the `ours` environment (`environments.py`: langgraph plus
this tree's SDK and nothing of the official one). Prints the counts; exits non-zero when a test
fails or errors.

The tests expect their server on localhost:2024, a port that may belong to something else
(it does on some CI machines): the server gets a free port and the one line of the test file
that names the address is pointed at it. Nothing else in the tests is changed.

    python integration-tests/remotegraph/langgraph_tests.py [extra pytest args]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import agent_server  # noqa: E402
import environments  # noqa: E402

VERSION = "1.2.22"
TEST_FILES = ("tests/test_remote_graph.py", "tests/test_remote_graph_v3.py")
TESTS_ADDRESS = "http://localhost:2024"  # `RemoteGraph("app", url=...)` in the tests


def sdist_dir() -> Path:
    """langgraph's sdist, unpacked under .remotegraph/ (downloaded once)."""
    target = environments.STATE / f"langgraph-{VERSION}"
    if (target / "tests" / TEST_FILES[0].split("/")[1]).exists():
        return target
    download = environments.STATE / "sdist"
    download.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
    subprocess.run([*pip, "--dest", str(download), f"langgraph=={VERSION}"], check=True)
    with tarfile.open(download / f"langgraph-{VERSION}.tar.gz") as archive:
        archive.extractall(environments.STATE, filter="data")
    return target


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def point_tests_at(root: Path, url: str) -> None:
    path = root / TEST_FILES[0]
    text = path.read_text()
    original = path.with_suffix(".py.orig")
    if not original.exists():
        original.write_text(text)
    text = original.read_text()
    if text.count(TESTS_ADDRESS) != 1:
        raise SystemExit(f"{path}: expected the server address {TESTS_ADDRESS} exactly once")
    path.write_text(text.replace(TESTS_ADDRESS, url))


def serve_example_app(root: Path, log: Path, port: int) -> subprocess.Popen[bytes]:
    agent_server.ensure_installed()
    command = [*agent_server._uv_command(), "run", "--no-sync", "--project"]
    command += [str(agent_server.SERVER_DIR), "langgraph", "dev", "--no-browser", "--no-reload"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    command += ["--config", "tests/example_app/langgraph.json"]
    # The example graph imports `tests.fake_chat` from the sdist's root, as in langgraph's CI.
    env = {**agent_server._server_uv_env(), **agent_server.SERVER_ENV, "PYTHONPATH": str(root)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 90
    while not _answers(f"http://127.0.0.1:{port}/ok"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise SystemExit(f"langgraph's example app did not start; log: {log}")
        time.sleep(0.2)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    agent_server._signal_group(process.pid, agent_server.signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        agent_server._signal_group(process.pid, agent_server.signal.SIGKILL)
        process.wait(10)


def main(extra: list[str]) -> int:
    python = environments.ensure("ours")
    root = sdist_dir()
    shutil.rmtree(root / ".langgraph_api", ignore_errors=True)
    log = environments.STATE / "example-app.log"
    port = agent_server.free_port()
    point_tests_at(root, f"http://127.0.0.1:{port}")
    server = serve_example_app(root, log, port)
    try:
        command = [str(python), "-m", "pytest", *TEST_FILES, "-p", "no:cacheprovider", "-q"]
        env = {k: v for k, v in os.environ.items() if k != "NO_DOCKER"}
        done = subprocess.run([*command, *extra], cwd=root, env=env, capture_output=True, text=True)
    finally:
        stop(server)
    print(done.stdout[-6000:], done.stderr[-3000:], sep="\n")
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    found = re.findall(r"(\d+) (passed|failed|errors?|skipped)", summary)
    counts = {kind: int(n) for n, kind in found}
    print(
        f"langgraph {VERSION}'s RemoteGraph tests on our SDK: {counts.get('passed', 0)} passed, "
        f"{counts.get('failed', 0)} failed, {counts.get('error', 0) + counts.get('errors', 0)} "
        f"errors, {counts.get('skipped', 0)} skipped (server log: {log})"
    )
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
