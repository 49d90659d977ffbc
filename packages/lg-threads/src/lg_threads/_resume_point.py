"""Where one subscription's connection resumes, and its events taken from a connection's
batches one at a time: pure, no I/O (the connections are in ``_async``/``_sync.event_source``).

A connection hands over what one socket read (or one SSE event) brought, as a batch of
frames. `ResumePoint.events` decodes and checks them lazily, as the reader takes them: a
batch's events are not all alive at once (thousands of decoded events held together would
keep the cyclic garbage collector busy), and ``since`` moves only past events handed out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from lg_threads._protocol import ProtocolCommandError

__all__ = ["ResumePoint"]


class ResumePoint:
    """The last ``seq`` handed out (``since`` of the next connection), the breaks in a row
    since the last new event, and why the current connection must end, if it must."""

    __slots__ = ("_loads", "failure", "failures", "since")

    def __init__(self, since: int | None, loads: Callable[[str | bytes], Any]) -> None:
        self.since = since
        #: The JSON parser of message texts (not called with an empty one).
        self._loads = loads
        #: Connections in a row that ended without a new event.
        self.failures = 0
        #: An error frame (as `ProtocolCommandError`) or an undecodable one met in a batch:
        #: the events before it are handed out, then the connection ends with it.
        self.failure: Exception | None = None

    def events(self, frames: list[Any], *, decoded: bool = False) -> Iterator[dict[str, Any]]:
        """The new ``event`` frames of one batch, in order, each once across reconnections.

        ``frames`` are JSON texts (a WebSocket's messages) or, with ``decoded``, the data
        already parsed (SSE), where only ``event`` objects count and nothing ends the batch."""
        since = self.since
        loads = self._loads
        for frame in frames:
            if not decoded:
                try:
                    frame = loads(frame) if frame else None
                except ValueError as exc:  # not JSON
                    self.failure = exc
                    return
            if type(frame) is not dict:
                continue
            kind = frame.get("type")
            if kind != "event":
                if kind == "error" and not decoded:  # over SSE, skipped as any other part
                    self.failure = ProtocolCommandError("subscription.subscribe", frame)
                    return
                continue
            seq = frame.get("seq")
            if isinstance(seq, int):
                if since is not None and seq <= since:
                    continue  # replayed twice across a reconnection
                self.since = since = seq
            self.failures = 0
            yield frame
