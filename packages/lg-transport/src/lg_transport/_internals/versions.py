"""Version ranges the fast paths were proved on, read one way for all of them."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: ``(lowest, below)``: the releases from ``lowest`` up to, not including, ``below``.
VersionRange = tuple[tuple[int, ...], tuple[int, ...]]

_RELEASE = re.compile(r"\d+(\.\d+)*")


def within(version: str, ranges: Iterable[VersionRange]) -> bool:
    """Whether release ``version`` is in one of ``ranges`` (a pre-release or a local build
    never is: the dependency matrix tests releases)."""
    if not _RELEASE.fullmatch(version):
        return False
    parts = tuple(int(part) for part in version.split("."))
    return any(lowest <= parts < below for lowest, below in ranges)
