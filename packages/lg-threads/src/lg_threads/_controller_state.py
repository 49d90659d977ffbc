"""What both stream controllers (async and sync) keep about their one shared stream, with no
I/O: the event ids already delivered, the ``seq`` cursor a reopened stream resumes from, and
the union of the subscriptions' filters the stream is opened with."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Protocol

from lg_threads.filters import compute_union_filter

__all__ = ["SeenEventIds", "SharedStreamState"]


class SeenEventIds:
    """The last ``maxsize`` event ids seen, least recently added first out."""

    __slots__ = ("_ids", "_maxsize")

    def __init__(self, maxsize: int = 10_000) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._maxsize = maxsize

    def add(self, event_id: str) -> None:
        ids = self._ids
        if event_id in ids:
            ids.move_to_end(event_id)
            return
        ids[event_id] = None
        if len(ids) > self._maxsize:
            ids.popitem(last=False)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _HasParams(Protocol):
    params: dict[str, Any]


class SharedStreamState:
    """The cursor and filter bookkeeping of a controller; the controller sets the attributes."""

    _subscriptions: Mapping[int, _HasParams]
    _cursor: int | None
    _closed: bool
    #: Filters the shared stream carries whatever the subscriptions ask for.
    _ALWAYS_SUBSCRIBED: ClassVar[tuple[Mapping[str, Any], ...]] = ()

    def _compute_current_union(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        filters = [dict(sub.params) for sub in self._subscriptions.values()]
        if extra is not None:
            filters.append(dict(extra))
        filters.extend(dict(always) for always in self._ALWAYS_SUBSCRIBED)
        return compute_union_filter(filters)

    def _is_closed(self) -> bool:
        # A method, not the attribute: the flag changes while a loop that tested it runs.
        return self._closed

    def _filter_with_since(self, params: dict[str, Any]) -> dict[str, Any]:
        if self._cursor is None:
            return dict(params)
        return {**params, "since": self._cursor}

    def _observe_seq(self, seq: Any) -> None:
        if (
            isinstance(seq, int)
            and not isinstance(seq, bool)
            and (self._cursor is None or seq > self._cursor)
        ):
            self._cursor = seq
