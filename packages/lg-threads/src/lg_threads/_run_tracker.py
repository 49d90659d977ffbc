"""What a thread stream knows about its current run, learnt from the events it reads.

Every connection of a thread stream carries the ``lifecycle`` and ``input`` channels and feeds
each event here, so whichever subscription the caller reads keeps this up to date. Pure state,
no I/O: the async and sync streams share it.

Runs are told apart by ``seq``: when the stream sends a command that starts (or resumes) a run,
every event seen so far is older (``floor``); the first root ``running`` event above the floor
opens the new run and the first root terminal event after it ends it. Events of an older run
that arrive late (the server may emit its last ``values`` after ``interrupted``) are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lg_threads._protocol import (
    TERMINAL_LIFECYCLE,
    InterruptPayload,
    event_data,
    interrupt_of,
    root_lifecycle,
)


class RunTracker:
    def __init__(self) -> None:
        #: Highest ``seq`` any connection has delivered.
        self.cursor = 0
        #: Events of the current run have a ``seq`` above this.
        self.floor = 0
        #: Runs started or resumed through this stream; 0: none yet.
        self.epoch = 0
        self.run_id: str | None = None
        self.running_seq: int | None = None
        self.terminal_seq: int | None = None
        #: Last root lifecycle status of the current run (``running``, ``completed``...).
        self.status: str | None = None
        self.error: str | None = None
        self.terminal_event: Mapping[str, Any] | None = None
        self._interrupts: dict[str, InterruptPayload] = {}

    @property
    def interrupts(self) -> list[InterruptPayload]:
        return list(self._interrupts.values())

    def run_over(self) -> bool:
        """Whether the current run's end has been seen."""
        return self.terminal_seq is not None

    def begin_run(self) -> dict[str, Any]:
        """Called just before a run command is sent; returns what `abort_run` restores."""
        saved = dict(vars(self))
        saved["_interrupts"] = dict(self._interrupts)
        self.epoch += 1
        self.floor = self.cursor
        self.run_id = None
        self.running_seq = self.terminal_seq = None
        self.status = self.error = None
        self.terminal_event = None
        self._interrupts.clear()
        return saved

    def abort_run(self, saved: dict[str, Any]) -> None:
        """The command failed: nothing started. Keeps what was observed meanwhile."""
        cursor = self.cursor
        vars(self).update(saved)
        self.cursor = max(cursor, self.cursor)

    def observe(self, event: Mapping[str, Any]) -> None:
        seq = event.get("seq")
        if not isinstance(seq, int):
            return
        if seq > self.cursor:
            self.cursor = seq
        if seq <= self.floor:
            return
        method = event.get("method")
        if method != "lifecycle" and method != "input.requested":
            return  # the run's state changes only on these two
        status = root_lifecycle(event)
        if status == "running":
            if self.other_runs_start(event):
                return
            # Before this stream starts a run of its own, it follows the thread's latest one.
            following = self.epoch == 0 and self.terminal_seq is not None
            if self.running_seq is None or following:
                self.running_seq = seq
                self.terminal_seq = None
                self.status = status
                self.error = None
                self.terminal_event = None
                self._interrupts.clear()
            return
        if status in TERMINAL_LIFECYCLE:
            if (
                self.running_seq is not None
                and self.terminal_seq is None
                and seq > self.running_seq
            ):
                self.terminal_seq = seq
                self.status = status
                self.terminal_event = event
                if status == "failed":
                    data = event_data(event)
                    error = data.get("error") if isinstance(data, Mapping) else None
                    self.error = str(error) if error else "the run failed"
            return
        interrupt = interrupt_of(event)
        if interrupt is not None and (self.running_seq is None or seq > self.running_seq):
            self._interrupts[interrupt["interrupt_id"]] = interrupt

    def other_runs_start(self, event: Mapping[str, Any]) -> bool:
        """Whether ``event`` is the root ``running`` event of a run other than this stream's.

        A new session on a thread is replayed the thread's earlier runs first, with ``seq``
        numbers that do not tell where its own run begins; the server names the run in the
        ``event_id`` of the lifecycle events it makes (``synth:<run_id>:...``)."""
        if self.run_id is None or root_lifecycle(event) != "running":
            return False
        event_id = event.get("event_id")
        parts = event_id.split(":", 2) if isinstance(event_id, str) else []
        if len(parts) != 3 or parts[0] != "synth":
            return False
        return parts[1] != self.run_id

    def is_stale(self, seq: int | None, epoch: int) -> bool:
        """Whether an event read by a subscription of ``epoch`` belongs to an older run."""
        if seq is None or epoch != self.epoch or self.running_seq is None:
            return False
        return seq < self.running_seq

    def interrupt_to_answer(self, interrupt_id: str | None) -> InterruptPayload:
        """The interrupt ``run.respond`` answers: the one named (known or not), else the only
        one pending (`RuntimeError` when none is, `ValueError` when several are)."""
        if interrupt_id is not None:
            known = self.pending_interrupt(interrupt_id)
            return known or InterruptPayload(interrupt_id=interrupt_id, value=None, namespace=[])
        pending = self.interrupts
        if not pending:
            raise RuntimeError("no interrupt is waiting for an answer on this thread")
        if len(pending) > 1:
            ids = ", ".join(i["interrupt_id"] for i in pending)
            raise ValueError(f"several interrupts are waiting ({ids}): pass interrupt_id=")
        return pending[0]

    def pending_interrupt(self, interrupt_id: str | None) -> InterruptPayload | None:
        if interrupt_id is None:
            return None
        return self._interrupts.get(interrupt_id)
