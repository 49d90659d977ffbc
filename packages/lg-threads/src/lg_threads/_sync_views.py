"""The sync shapes of thread-stream results (see `lg_threads._aio_views` for the async ones).

``thread.output`` blocks and returns the value; ``thread.values`` is a plain iterable whose
``get()`` blocks for the final state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["AwaitsOutput", "Lock", "OutputView", "StreamView", "output_view"]

Lock = threading.Lock

#: The sync ``output`` is the value itself.
OutputView = Any


def output_view(fetch: Callable[[], T]) -> T:
    """``thread.output``: waits for the run to end and returns its final state."""
    return fetch()


class StreamView:
    """Something that streams and then ends with a result: iterate the pieces as they come
    (each loop from the first piece), ``get()`` the result; ``str()`` of a text view is the
    whole text."""

    def __init__(self, snapshots: Callable[[], Iterator[Any]], final: Callable[[], Any]) -> None:
        self._snapshots = snapshots
        self._final = final

    def __iter__(self) -> Iterator[Any]:
        return self._snapshots()

    def get(self) -> Any:
        return self._final()

    def __str__(self) -> str:
        return str(self._final())


class AwaitsOutput:
    """The sync twin has nothing to await: ``obj.output`` blocks instead."""
