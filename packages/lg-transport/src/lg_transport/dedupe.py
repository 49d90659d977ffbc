"""Exactly-once delivery of a resumable event stream across reconnections. Pure: no I/O.

The Agent Server stores the events of a run created with ``stream_resumable=True`` in an
append-only log and tags each with an id ``<milliseconds>-<sequence>``. Three facts about the
reference server shape this module (all measured, see docs/resilience.md):

1. Ids are not unique: events published within one millisecond share one id (the in-memory
   runtime always writes sequence 0). A *group* is the run of events sharing an id.
2. ``Last-Event-ID: X`` replays the events whose id is strictly greater than ``X``. Resuming
   with the last id received therefore loses the rest of its group. `previous_event_id` gives
   the id just below it, so that the whole group is replayed; the part already delivered is
   then recognised and dropped (the *replay* phase of a connection).
3. A join of a live run subscribes to new events *before* it replays the stored ones, so the
   events published in between arrive twice on that connection: once at the end of the replay,
   once at the start of the live part (a *restart*).

Rules, for each event of a connection (``key`` is the parsed id):

- No id, or an id that does not parse: delivered as is (nothing to compare it with).
- ``key <= closed_through``: every event up to there has been delivered: a repeat, dropped.
- Replay phase (a connection resumed from `previous_event_id`): an event of the last delivered
  group that equals one not yet matched is a repeat; older events are repeats.
- ``key > last``: a new group, never seen: delivered.
- ``key == last``, and the event differs from every *new* event of this group on this
  connection: delivered (a repeat can only copy something this connection delivered).
- Otherwise (``key < last``, or ``key == last`` and an identical event was just delivered) the
  wire cannot tell a restart from a run that really emitted the same event twice in one
  millisecond (two ``" "`` tokens of one message do). The verdict is `Verdict.RESYNC`: the
  caller reads the authoritative log for ids ``lo..hi`` (`ExactlyOnce.resync_window`) from the
  server, at least a few milliseconds after the event arrived so that group ``hi`` is closed,
  and passes it to `ExactlyOnce.apply_authority`, which returns the events still owed. From
  then on everything up to ``hi`` counts as delivered.

Restart detection is only switched on for connections that replay (those sent with a
``Last-Event-ID``) and only for run streams: the thread stream replays before it subscribes,
so it never repeats (it can lose events instead, which no client can recover).
"""

from __future__ import annotations

import enum
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Final

import orjson

from lg_schema import StreamPart

__all__ = ["START_OF_STREAM", "ExactlyOnce", "Verdict", "parse_event_id", "previous_event_id"]

#: ``Last-Event-ID`` that replays a stream from its first event (a valid Redis stream id).
START_OF_STREAM: Final = "0-0"
_MAX_SEQUENCE: Final = 2**64 - 1
# Counts of delivered events are kept for this many recent ids (a restart only ever reaches
# back a few milliseconds; this bounds memory on endless streams).
_COUNTS_KEPT: Final = 4096

EventKey = tuple[int, int]


class Verdict(enum.Enum):
    """What to do with one received event."""

    DELIVER = "deliver"
    DROP = "drop"
    RESYNC = "resync"


def parse_event_id(event_id: str) -> EventKey | None:
    """``"<ms>-<seq>"`` (or ``"<ms>"``) as a sortable pair; ``None`` for any other form."""
    ms, sep, seq = event_id.partition("-")
    if not ms.isdigit() or (sep and not seq.isdigit()):
        return None
    return int(ms), int(seq) if sep else 0


def previous_event_id(event_id: str) -> str:
    """The id just below ``event_id``: resuming from it replays every event sharing that id.

    ``"1700000000123-5"`` gives ``"1700000000123-4"``; ``"1700000000123-0"`` gives
    ``"1700000000122-18446744073709551615"``. An id that does not parse is returned unchanged.
    """
    key = parse_event_id(event_id)
    if key is None:
        return event_id
    ms, seq = key
    if seq > 0:
        return f"{ms}-{seq - 1}"
    if ms > 0:
        return f"{ms - 1}-{_MAX_SEQUENCE}"
    return START_OF_STREAM


def same_event(a: StreamPart, b: StreamPart) -> bool:
    """Whether two parts are the same event: same id, name and JSON data (``1`` is not ``true``)."""
    if a.id != b.id or a.event != b.event:
        return False
    if a.data is b.data:
        return True
    if a.data != b.data:
        return False
    # Python equality calls 1, 1.0 and True equal; JSON does not.
    return orjson.dumps(a.data) == orjson.dumps(b.data)


class ExactlyOnce:
    """Decides, event by event, what to deliver so that a resumed stream is delivered once.

    Call `begin_connection` before the events of each connection, `accept` on each, and
    `resume_id` for the ``Last-Event-ID`` of the next connection.
    """

    __slots__ = (
        "_closed_key",
        "_counts",
        "_detect_restarts",
        "_group",
        "_last_id",
        "_last_key",
        "_new_in_group",
        "_replay",
        "_resync",
        "saw_ids",
        "saw_unidentified",
    )

    def __init__(self) -> None:
        # The last delivered event that had a parseable id, and the delivered events sharing it.
        self._last_id: str | None = None
        self._last_key: EventKey | None = None
        self._group: list[StreamPart] = []
        # Every event with an id up to this one has been delivered (set by a resync).
        self._closed_key: EventKey | None = None
        # Made with the first event that has an id (streams waiting to start hold none).
        self._counts: OrderedDict[EventKey, int] | None = None
        self.saw_ids = False
        self.saw_unidentified = False
        # Per connection.
        self._replay: list[StreamPart] | None = None
        self._detect_restarts = False
        self._new_in_group: list[StreamPart] = []
        self._resync: tuple[str, str] | None = None

    @property
    def last_event_id(self) -> str | None:
        """The id of the last delivered event that had one."""
        return self._last_id

    def resume_id(self) -> str | None:
        """``Last-Event-ID`` for the next connection: just below the last delivered id."""
        if self._last_id is None:
            return None
        return previous_event_id(self._last_id)

    def begin_connection(self, *, replays_last_group: bool, detect_restarts: bool) -> None:
        """A new connection starts; ``replays_last_group`` if it was resumed from `resume_id`."""
        self._replay = list(self._group) if replays_last_group and self._group else None
        self._detect_restarts = detect_restarts
        self._new_in_group = []
        self._resync = None

    def accept(self, part: StreamPart) -> Verdict:
        """The verdict on one received event; a delivered one is recorded as delivered."""
        event_id = part.id
        if event_id is None:
            self.saw_unidentified = True
            return Verdict.DELIVER
        self.saw_ids = True
        key = parse_event_id(event_id)
        if key is None:
            self._last_id, self._last_key, self._group = event_id, None, []
            return Verdict.DELIVER
        if self._closed_key is not None and key <= self._closed_key:
            return Verdict.DROP
        last = self._last_key
        if self._replay is not None:
            if last is not None and key < last:
                return Verdict.DROP
            if key == last:
                for index, delivered in enumerate(self._replay):
                    if same_event(part, delivered):
                        del self._replay[index]
                        return Verdict.DROP
            # The first new event ends the replay: the stored order puts it after all of them.
            self._replay = None
        if (
            last is not None
            and self._detect_restarts
            and key <= last
            and (key < last or any(same_event(part, seen) for seen in self._new_in_group))
        ):
            assert self._last_id is not None
            self._resync = (event_id, self._last_id)
            return Verdict.RESYNC
        self._record(part, key)
        self._new_in_group.append(part)
        return Verdict.DELIVER

    def resync_window(self) -> tuple[str, str]:
        """``(lo, hi)``: the ids whose authoritative events `apply_authority` needs."""
        if self._resync is None:
            raise RuntimeError("resync_window() without a RESYNC verdict")
        return self._resync

    def apply_authority(self, events: Sequence[StreamPart]) -> list[StreamPart]:
        """Take the server's stored events with ids in the resync window; return those owed.

        ``events`` must hold every stored event with an id in ``lo..hi``, in order, read after
        group ``hi`` was closed. The delivered ones are a prefix of them (the log is
        append-only and delivery follows it), so what is owed is what follows that prefix.
        """
        lo, hi = self.resync_window()
        lo_key, hi_key = parse_event_id(lo), parse_event_id(hi)
        assert lo_key is not None and hi_key is not None
        window = [part for part in events if _in_window(part, lo_key, hi_key)]
        counts: Mapping[EventKey, int] = self._counts or {}
        delivered = sum(count for key, count in counts.items() if lo_key <= key <= hi_key)
        owed = window[delivered:]
        for part in owed:
            key = parse_event_id(part.id or "")
            assert key is not None
            self._record(part, key)
        self._group = [part for part in window if part.id == hi]
        self._last_id, self._last_key = hi, hi_key
        self._closed_key = hi_key
        self._new_in_group = []
        self._resync = None
        return owed

    def _record(self, part: StreamPart, key: EventKey) -> None:
        if key != self._last_key:
            self._group = []
            self._new_in_group = []
        self._group.append(part)
        self._last_id, self._last_key = part.id, key
        counts = self._counts
        if counts is None:
            counts = self._counts = OrderedDict()
        counts[key] = counts.get(key, 0) + 1
        counts.move_to_end(key)
        if len(counts) > _COUNTS_KEPT:
            counts.popitem(last=False)


def _in_window(part: StreamPart, lo: EventKey, hi: EventKey) -> bool:
    key = parse_event_id(part.id) if part.id is not None else None
    return key is not None and lo <= key <= hi
