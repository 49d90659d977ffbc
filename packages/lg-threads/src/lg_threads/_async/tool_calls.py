"""``thread.tool_calls``: one `ToolCallHandle` per tool execution, while it runs.

The ``tools`` channel sends ``tool-started`` (id, name, input), ``tool-output-delta``,
then ``tool-finished`` (output) or ``tool-error`` (message).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from lg_threads import _aio_views as _views
from lg_threads import _protocol
from lg_threads._async.router import Feed, Router, yield_as_found
from lg_threads._protocol import ToolCallError

if TYPE_CHECKING:
    from lg_threads._async.thread_stream import AsyncThreadStream


class ToolCallHandle(_views.AwaitsOutput):
    """One tool call: ``deltas`` streams its output; ``output`` is its result."""

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
        self.tool_call_id = tool_call_id
        self.name = name
        self.input = input
        self.namespace = list(namespace or [])
        self._deltas: Feed[str] = Feed(router)
        self._result: Any = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} id={self.tool_call_id!r} done={self.done}>"

    @property
    def done(self) -> bool:
        return self._deltas.done

    @property
    def error(self) -> BaseException | None:
        return self._deltas.error

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

    def _feed(self, data: dict[str, Any]) -> None:
        kind = data.get("event")
        if kind == "tool-output-delta" and isinstance(data.get("delta"), str):
            self._deltas.push(data["delta"])
        elif kind == "tool-finished":
            self._result = data.get("output")
            self._deltas.finish()
        elif kind == "tool-error":
            code = data.get("code")
            message = str(data.get("message") or "the tool failed")
            self._deltas.finish(
                ToolCallError(message, code=code if isinstance(code, str) else None)
            )

    def _abandon(self) -> None:
        self._deltas.finish(ToolCallError("the run ended before the tool call finished"))


class ToolCallRoutes:
    """Sends ``tools`` events to the `ToolCallHandle` of their ``tool_call_id``."""

    def __init__(
        self, router: Callable[[], Router], on_start: Callable[[ToolCallHandle], None]
    ) -> None:
        self._router = router
        self._on_start = on_start
        self._active: dict[str, ToolCallHandle] = {}

    def dispatch(self, event: dict[str, Any]) -> None:
        if event.get("method") != "tools":
            return
        data = _protocol.event_data(event)
        if not isinstance(data, dict) or not isinstance(data.get("tool_call_id"), str):
            return
        call_id = data["tool_call_id"]
        if data.get("event") == "tool-started":
            name = data.get("tool_name", data.get("name"))
            handle = ToolCallHandle(
                tool_call_id=call_id,
                name=name if isinstance(name, str) else "",
                input=data.get("input"),
                namespace=_protocol.event_namespace(event),
                router=self._router(),
            )
            self._active[call_id] = handle
            self._on_start(handle)
            return
        handle_or_none = self._active.get(call_id)
        if handle_or_none is not None:
            handle_or_none._feed(data)
            if handle_or_none.done:
                del self._active[call_id]

    def end(self) -> None:
        for handle in self._active.values():
            handle._abandon()
        self._active.clear()


class ToolCallsProjection:
    """``thread.tool_calls`` (and a subgraph handle's): tool calls of one namespace."""

    def __init__(self, thread: AsyncThreadStream, namespace: list[str]) -> None:
        self._thread = thread
        self._namespace = list(namespace)

    def __aiter__(self) -> AsyncIterator[ToolCallHandle]:
        return self._tool_calls()

    def _tool_calls(self) -> AsyncIterator[ToolCallHandle]:
        namespace = self._namespace
        subscription = self._thread._subscribe(["tools"], [namespace], 0, scope=namespace or None)
        router_box: list[Router] = []
        started: list[ToolCallHandle] = []
        routes = ToolCallRoutes(lambda: router_box[0], started.append)
        router = Router(subscription, routes.dispatch, routes.end)
        router_box.append(router)
        return yield_as_found(router, started)
