"""Fixtures for tests against real Agent Servers (see README.md beside this file).

Two server implementations:

- `inmem`: the LangGraph Agent Server (`langgraph dev`, in-memory runtime); set
  `LANGGRAPH_AGENT_SERVER_URL` to use one you started yourself instead.
- `aegra`: Aegra (`aegra-api`, PostgreSQL), in its own venv on our own wheels, on a throw-away
  PostgreSQL cluster (`aegra_server.py`). `LG_AEGRA=0` leaves it out.

Every test that requests `agent_server_url` runs on the in-memory server over both HTTP backends
(httpx and the aiohttp fast lane) and on Aegra over httpx (the backends are proven equal on the
first server; a third and fourth pass would double the suite's time for no new behaviour).
Tests that rely on a behaviour a server lacks carry `@pytest.mark.needs("<capability>")`; they
are not generated for a server that lacks it (see `servers.py`), and the run's summary lists
every such test per server with the reason. Servers start only if some test requests them; each
test starts from a reset server.
"""

from __future__ import annotations

import functools
import os
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
# --import-mode=importlib does not put this folder on sys.path.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import aegra_server  # noqa: E402
import agent_server  # noqa: E402
import servers  # noqa: E402

URL_ENV = "LANGGRAPH_AGENT_SERVER_URL"
_LOGS = pytest.StashKey[dict[str, Path]]()
_NOT_APPLICABLE = pytest.StashKey[list[tuple[str, str, str]]]()
_AEGRA_OFF = pytest.StashKey[str | None]()
_PROVISIONED = pytest.StashKey["str | Exception"]()
# Which SDK methods the running test called, and per server how many passing tests called each.
_CALLED = servers.CALLED
_PASSED: dict[str, Counter[str]] = {"inmem": Counter(), "aegra": Counter()}
TABLE_ENV = "LG_SERVERS_TABLE"  # a path: write docs/servers.md's table there after the run

# (http backend, server) pairs a server test runs on.
LANES = (("httpx", "inmem"), ("aiohttp", "inmem"), ("httpx", "aegra"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs(capability): a server behaviour the test relies on (servers.py)"
    )
    config.stash[_LOGS] = {}
    config.stash[_NOT_APPLICABLE] = []
    config.stash[_AEGRA_OFF] = aegra_server.unavailable_reason(install=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.integration)
    if config.stash[_AEGRA_OFF]:
        # Aegra-only tests cannot run: left out, and the summary says why (never a silent skip).
        aegra_only = [i for i in items if "aegra_auth_url" in getattr(i, "fixturenames", ())]
        if aegra_only:
            config.hook.pytest_deselected(items=aegra_only)
            items[:] = [i for i in items if i not in aegra_only]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if HERE not in metafunc.definition.path.parents:
        return
    # A module may run on fewer HTTP backends (`BACKENDS`).
    backends = getattr(metafunc.module, "BACKENDS", ("httpx", "aiohttp"))
    if "agent_server_url" not in metafunc.fixturenames:
        metafunc.parametrize("http_backend", list(backends), indirect=True)
        return
    needs = [arg for mark in metafunc.definition.iter_markers("needs") for arg in mark.args]
    # A module may add a parameter whose values need capabilities of their own:
    # LANE_PARAMS = {argname: [(value, needs), ...]}; a test gets the first it uses.
    lane_params = getattr(metafunc.module, "LANE_PARAMS", {})
    used = [name for name in lane_params if name in metafunc.fixturenames]
    argname, values = (used[0], lane_params[used[0]]) if used else (None, [(None, ())])
    config = metafunc.config
    lanes = []
    for backend, server in LANES:
        if backend not in backends or (server == "aegra" and config.stash[_AEGRA_OFF]):
            continue
        for value, value_needs in values:
            missing = [(need, servers.lacks(server, need)) for need in [*needs, *value_needs]]
            reasons = [f"{need}: {why}" for need, why in missing if why]
            if not reasons:
                lanes.append((backend, server, value))
            elif backend == "httpx":
                name = metafunc.definition.nodeid + (f"[{_label(value)}]" if argname else "")
                config.stash[_NOT_APPLICABLE].append((name, server, "; ".join(reasons)))
    if argname:
        ids = [f"{_label(v)}-{b}-{s}" for b, s, v in lanes]
        metafunc.parametrize(("http_backend", "server", argname), lanes, indirect=True, ids=ids)
    else:
        ids = [f"{b}-{s}" for b, s, _ in lanes]
        pairs = [(b, s) for b, s, _ in lanes]
        metafunc.parametrize(("http_backend", "server"), pairs, indirect=True, ids=ids)


@pytest.fixture(scope="session")
def auth_server_url() -> Iterator[str]:
    """Base URL of a second server that serves the same graphs behind custom auth
    (`server/auth/`: tokens `token-alice` / `token-bob`). Started once, only when requested;
    never reset (each user sees only what they made)."""
    agent_server.ensure_installed()
    with agent_server.AgentServer(app_dir=agent_server.AUTH_APP_DIR) as url:
        yield url


def _label(value: object) -> str:
    return str(getattr(value, "name", value))  # a path shows as its file name


@pytest.fixture(autouse=True)
def http_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The HTTP backend clients use by default (httpx or the aiohttp fast lane).

    Clients built without an explicit ``http_backend=`` take the default this switches."""
    import lg_transport._connect

    backend: str = request.param
    monkeypatch.setattr(lg_transport._connect, "DEFAULT_HTTP_BACKEND", backend)
    return backend


@pytest.fixture
def server(request: pytest.FixtureRequest) -> str:
    """The name of the server implementation under test: `inmem` or `aegra`."""
    name: str = request.param
    return name


@pytest.fixture(scope="session")
def _inmem_url(request: pytest.FixtureRequest) -> Iterator[str]:
    external = os.environ.get(URL_ENV)
    if external:
        yield external.rstrip("/")
        return
    agent_server.ensure_installed()
    instance = agent_server.AgentServer()
    request.config.stash[_LOGS]["in-memory Agent Server"] = instance.log_path
    with instance as url:
        yield url


def pytest_collection_finish(session: pytest.Session) -> None:
    # Provision Aegra's venv (our wheels rebuilt when the sources changed: a minute or two)
    # before the first test, outside any test's timeout.
    if session.config.stash[_AEGRA_OFF] or not any(map(_uses_aegra, session.items)):
        return
    try:
        session.config.stash[_PROVISIONED] = aegra_server.provision()
    except aegra_server.AegraUnavailable as error:
        session.config.stash[_PROVISIONED] = error


def _uses_aegra(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.params.get("server") == "aegra":
        return True
    return "aegra_auth_url" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def _postgres(request: pytest.FixtureRequest) -> Iterator[aegra_server.PostgresCluster]:
    provisioned = request.config.stash.get(_PROVISIONED, None)
    if isinstance(provisioned, Exception):
        raise provisioned  # Aegra should run here but could not be installed: a failure
    if provisioned is None:
        aegra_server.provision()
    with aegra_server.PostgresCluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def _aegra_url(
    request: pytest.FixtureRequest, _postgres: aegra_server.PostgresCluster
) -> Iterator[str]:
    instance = aegra_server.AegraServer(_postgres, database="aegra")
    request.config.stash[_LOGS]["Aegra"] = instance.log_path
    with instance as url:
        yield url


@pytest.fixture(scope="session")
def aegra_auth_url(
    request: pytest.FixtureRequest, _postgres: aegra_server.PostgresCluster
) -> Iterator[str]:
    """Aegra serving the same graphs behind the custom auth module `aegra/auth.py`."""
    instance = aegra_server.AegraServer(
        _postgres, database="aegra_auth", config=aegra_server.auth_config()
    )
    request.config.stash[_LOGS]["Aegra with custom auth"] = instance.log_path
    with instance as url:
        yield url


@pytest.fixture
def agent_server_url(request: pytest.FixtureRequest, server: str) -> str:
    """Base URL of the server under test (reset before the test), e.g. `http://127.0.0.1:41234`."""
    if server == "aegra":
        url: str = request.getfixturevalue("_aegra_url")
        aegra_server.reset(url, request.getfixturevalue("_postgres"), "aegra")
    else:
        url = request.getfixturevalue("_inmem_url")
        agent_server.reset(url)
    return url


def _recording(fn: Any, key: str) -> Any:
    @functools.wraps(fn)
    def record(*args: Any, **kwargs: Any) -> Any:
        _CALLED.add(key)
        return fn(*args, **kwargs)

    return record


@pytest.fixture(scope="session", autouse=True)
def _record_sdk_calls() -> Iterator[None]:
    """Notes which SDK methods each test calls (for docs/servers.md's table)."""
    patch = pytest.MonkeyPatch()
    for key in servers.sdk_methods():
        resource, name = key.split(".")
        for cls in servers.sdk_classes()[resource]:
            if callable(vars(cls).get(name)):
                patch.setattr(cls, name, _recording(vars(cls)[name], key))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _forget_calls() -> None:
    _CALLED.clear()


@pytest.fixture(autouse=True)
def _own_message_streams() -> Iterator[None]:
    """langchain-core is installed in development, so `thread.messages` would yield its streams
    (as the official SDK does); these tests check this SDK's own `MessageStream`. The
    langchain-core path is what the RemoteGraph parity tests run against the server."""
    from lg_threads import _chat_streams

    _chat_streams.use_own_message_streams(True)
    yield
    _chat_streams.use_own_message_streams(False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call" and report.passed and HERE in item.path.parents:
        params = getattr(item, "callspec", None)
        server = params.params.get("server") if params else None
        if server is None and "aegra_auth_url" in getattr(item, "fixturenames", ()):
            server = "aegra"
        if server in _PASSED:
            _PASSED[server].update(_CALLED)
    return report


def pytest_terminal_summary(terminalreporter: Any) -> None:
    config = terminalreporter.config
    if _NOT_APPLICABLE not in config.stash:
        return
    off = config.stash[_AEGRA_OFF]
    if off:
        terminalreporter.write_sep("=", "Aegra suite NOT RUN", yellow=True)
        terminalreporter.write_line(
            f"Aegra was left out: {off}. Its lanes were not generated and its own tests "
            "(tests/test_aegra_auth.py) were deselected."
        )
    not_applicable = config.stash[_NOT_APPLICABLE]
    if not_applicable:
        terminalreporter.write_sep("=", "not applicable (a server lacks the behaviour tested)")
        for name, server_name, why in sorted(not_applicable, key=lambda row: (row[1], row[0])):
            terminalreporter.write_line(f"[{server_name}] {name}: {why}")
    for what, log in config.stash[_LOGS].items():
        terminalreporter.write_line(f"{what} log: {log}")
    target = os.environ.get(TABLE_ENV)
    if target:
        _write_table(terminalreporter, Path(target), not_applicable)


# docs/servers.md keeps the generated table between these lines; any other target file is
# written whole (the table, then the tests not applicable per server).
TABLE_BEGIN = "<!-- servers-table:begin (generated: LG_SERVERS_TABLE, see conftest.py) -->"
TABLE_END = "<!-- servers-table:end -->"


def _write_table(reporter: Any, target: Path, not_applicable: list[tuple[str, str, str]]) -> None:
    stats = reporter.stats
    failed = len(stats.get("failed", [])) + len(stats.get("error", []))
    if failed:
        reporter.write_line(f"servers table NOT written to {target}: {failed} tests failed")
        return
    unchecked = {server: servers.unchecked(server) for server, _ in servers.SERVER_COLUMNS}
    if any(unchecked.values()):
        reporter.write_line(f"servers table NOT written to {target}: methods not checked")
        for server, methods in unchecked.items():
            if methods:
                reporter.write_line(f"[{server}] not checked in this run: {', '.join(methods)}")
        return
    passed = {server: dict(counts) for server, counts in _PASSED.items()}
    args = " ".join(reporter.config.invocation_params.args)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"Generated {when} by `{TABLE_ENV}={target} uv run pytest {args}` "
        f"({len(stats.get('passed', []))} passed, 0 failed), against `{servers.INMEM_SERVER}` "
        f"and `{aegra_server.AEGRA_REQUIREMENT}`."
    )
    table = header + "\n\n" + servers.table(passed)
    text = target.read_text() if target.exists() else ""
    if TABLE_BEGIN in text and TABLE_END in text:
        before, rest = text.split(TABLE_BEGIN, 1)
        after = rest.split(TABLE_END, 1)[1]
        text = f"{before}{TABLE_BEGIN}\n{table}\n{TABLE_END}{after}"
    else:
        listing = [
            f"- `{name.split('::', 1)[1]}` ({server_name}): {why}"
            for name, server_name, why in sorted(not_applicable, key=lambda r: (r[1], r[0]))
        ]
        text = table + "\n\nNot applicable:\n\n" + "\n".join(listing) + "\n"
    target.write_text(text)
    reporter.write_line(f"servers table written to {target}")
