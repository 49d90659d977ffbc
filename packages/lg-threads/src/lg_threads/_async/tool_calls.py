"""``thread.tool_calls``: one `ToolCallHandle` per tool execution, while it runs.

The ``tools`` channel sends ``tool-started`` (id, name, input), ``tool-output-delta``,
then ``tool-finished`` (output) or ``tool-error`` (message); the decoding is
`lg_threads._decoding.ToolCallParts`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from lg_threads import _aio_views as _views
from lg_threads._async.router import PulledFeed, Router, yield_as_found
from lg_threads._async.subscription import StreamSession
from lg_threads._decoding import ToolCallParts
from lg_threads._routing import ToolCallRoutes


class ToolCallHandle(ToolCallParts, _views.AwaitsOutput):
    """One tool call: ``deltas`` streams its output; ``output`` is its result."""

    _deltas: PulledFeed[str]

    def __init__(
        self,
        *,
        tool_call_id: str,
        name: str,
        input: Any = None,
        namespace: list[str] | None = None,
        max_queue_size: int = 1024,
        router: Router | None = None,
    ) -> None:
        super().__init__(
            partial(PulledFeed, router),
            tool_call_id=tool_call_id,
            name=name,
            input=input,
            namespace=namespace,
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} id={self.tool_call_id!r} done={self.done}>"

    @property
    def deltas(self) -> AsyncIterator[str]:
        """Output deltas sent while the tool runs (each loop starts from the first)."""
        return self._deltas.iterate()

    @property
    def output(self) -> Any:
        """The tool's result once it has finished; a failed tool raises `ToolCallError`."""
        return _views.output_view(self._final)

    async def _final(self) -> Any:
        await self._deltas.wait_done()
        if self.error is not None:
            raise self.error
        return self._result


class ToolCallsProjection:
    """``thread.tool_calls`` (and a subgraph handle's): tool calls of one namespace."""

    def __init__(self, session: StreamSession, namespace: list[str]) -> None:
        self._session = session
        self._namespace = list(namespace)

    def __aiter__(self) -> AsyncIterator[ToolCallHandle]:
        return self._tool_calls()

    def _tool_calls(self) -> AsyncIterator[ToolCallHandle]:
        namespace = self._namespace
        subscription = self._session.subscribe(["tools"], [namespace], 0, scope=namespace or None)
        started: list[ToolCallHandle] = []

        def routes(router: Router) -> ToolCallRoutes:
            return ToolCallRoutes(partial(ToolCallHandle, router=router), started.append)

        return yield_as_found(Router(subscription, routes), started)
