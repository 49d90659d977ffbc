"""The harness behind `tests/test_every_method_*.py`: every SDK method, called once per server.

Each case calls one method and asserts the result it names, through the async client and the
generated sync one. Where a server answers differently, the case asks `ctx.lacks(capability)`
and asserts that server's documented answer instead; where the server has no such endpoint,
`ctx.missing(capability)` asserts the call raises `NotImplementedByServerError`. A passing case
records what it found (works / differs / missing, with the capabilities behind it) in
`servers.OUTCOMES`, from which `LG_SERVERS_TABLE` writes docs/servers.md's table: so the table
says what the run measured, and a server that changes fails the case instead of going stale.
"""

from __future__ import annotations

import contextlib
import inspect
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
import servers

from langgraph_sdk import get_client, get_sync_client
from lg_transport.errors import NotImplementedByServerError

FLAVOURS = ("async", "sync")
ECHO_INPUT = {"messages": [{"role": "user", "content": "hi"}]}
ECHO_REPLY = "echo: hi"


class Ctx:
    """One case's client (async or sync flavour) on one server, and what the case found."""

    def __init__(self, method: str, server: str, flavour: str, url: str) -> None:
        self.method = method
        self.server = server
        self.flavour = flavour
        self.url = url
        self.is_async = flavour == "async"
        make = get_client if self.is_async else get_sync_client
        self.client: Any = make(url=url, api_key=None)
        self.tag = uuid.uuid4().hex[:12]  # unique metadata / namespace root for this case
        self.consulted: list[str] = []  # capabilities this server lacks that the case met

    async def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``fn(...)``, awaited when the flavour's method is a coroutine."""
        result = fn(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    async def drain(self, parts: Any, stop: Callable[[Any], bool] | None = None) -> list[Any]:
        """The parts of a stream (async or sync iterator), up to and including ``stop``."""
        found: list[Any] = []
        if hasattr(parts, "__aiter__"):
            async for part in parts:
                found.append(part)
                if stop and stop(part):
                    break
        else:
            for part in parts:
                found.append(part)
                if stop and stop(part):
                    break
        return found

    def lacks(self, capability: str, *, note: bool = True) -> bool:
        """Whether this server lacks ``capability`` (servers.py); noted for the table as a
        difference of the case's method unless ``note`` is false (a set-up call's)."""
        if servers.lacks(self.server, capability):
            if note:
                self.consulted.append(capability)
            return True
        return False

    @contextlib.asynccontextmanager
    async def missing(self, capability: str) -> AsyncIterator[bool]:
        """On a server lacking ``capability``, the block must raise `NotImplementedByServerError`
        (and it is swallowed); elsewhere the block runs as written. Yields whether it lacks it."""
        if self.lacks(capability):
            with pytest.raises(NotImplementedByServerError, match="does not implement"):
                yield True
        else:
            yield False

    # Shared set-ups.

    async def thread(self, **metadata: Any) -> str:
        thread = await self.call(self.client.threads.create, metadata=metadata or None)
        return str(thread["thread_id"])

    async def echo_thread(self) -> str:
        """A thread with one finished `echo` run on it."""
        thread_id = await self.thread()
        await self.call(self.client.runs.wait, thread_id, "echo", input=ECHO_INPUT)
        return thread_id

    async def graph_assistant(self, graph_id: str) -> str:
        """The id of the assistant the server made for ``graph_id``."""
        found = await self.call(self.client.assistants.search, graph_id=graph_id, limit=1)
        return str(found[0]["assistant_id"])

    async def aclose(self) -> None:
        await self.call(self.client.aclose if self.is_async else self.client.close)


def text_of(message: dict[str, Any]) -> str:
    """A message's text, whether its content is a string or content blocks."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(block.get("text", "") for block in content)


Body = Callable[[Ctx], Awaitable[None]]


@dataclass(frozen=True)
class Case:
    method: str
    body: Body
    flavours: tuple[str, ...]


class Cases(dict[str, Case]):
    """A module's cases, by SDK method name (`resource.method`, `client....`, `get_client`)."""

    def __call__(
        self, method: str, *, flavours: tuple[str, ...] = FLAVOURS
    ) -> Callable[[Body], Body]:
        if method not in servers.table_methods():
            raise KeyError(f"{method!r} is not a row of docs/servers.md's table (servers.py)")

        def register(body: Body) -> Body:
            self[method] = Case(method, body, flavours)
            return body

        return register

    def params(self) -> list[Any]:
        return [
            pytest.param(case.method, flavour, id=f"{case.method}-{flavour}")
            for case in self.values()
            for flavour in case.flavours
        ]

    async def run(self, method: str, flavour: str, server: str, url: str) -> None:
        """Run one case; when it passes, record its outcome for the table."""
        ctx = Ctx(method, server, flavour, url)
        servers.CALLED.add(method)  # the resource methods are also noted by conftest.py
        try:
            await self[method].body(ctx)
        finally:
            await ctx.aclose()
        servers.record(server, method, flavour, ctx.consulted)
