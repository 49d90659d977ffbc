"""What the ``@priority.assign`` function receives and returns (``langgraph_sdk.priority.types``)."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass

from lg_auth.types import BaseUser


@dataclass(frozen=True, slots=True)
class PriorityContext:
    """The run the server is about to schedule, at the first run of a thread without settings."""

    user: BaseUser
    """The authenticated user (an empty ``identity`` when the deployment has no auth)."""

    permissions: Sequence[str]
    """The user's permissions (empty without auth)."""

    thread_id: str | None
    """The thread's id; ``None`` when the run creates its thread without being given one."""

    thread_metadata: dict[str, typing.Any]
    """The thread's metadata."""

    assistant_id: str
    """The assistant the run uses."""

    graph_id: str
    """The graph that assistant runs."""

    assistant_metadata: dict[str, typing.Any]
    """The assistant's metadata."""

    run_metadata: dict[str, typing.Any]
    """The run's metadata."""

    cron_id: str | None
    """The cron that started the run, or ``None``."""


class PrioritySettings(typing.TypedDict, total=False):
    """What ``@priority.assign`` returns; every key is optional and ``None`` means the default
    (returning ``None`` instead of a dict defaults them all)."""

    priority: int | None
    """-5 (runs first) to 5 (runs last); default 0. The server rejects values outside."""

    fairness_group: str | None
    """At most 256 characters; default (and for ``""``) ``"default"``. Stored unencrypted even
    under custom encryption, so use an opaque id. The server does not act on it yet."""
