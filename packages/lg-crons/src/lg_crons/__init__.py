"""The LangGraph cron client, usable alone: ``pip install lg-crons``.

    from lg_crons import CronClient

    async with CronClient.connect(url="http://localhost:8123") as crons:
        cron = await crons.create("agent", schedule="0 9 * * *", timezone="Europe/Paris")
        await crons.update(cron["cron_id"], enabled=False)

`SyncCronClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from lg_crons._async.crons import CronClient

if TYPE_CHECKING:
    from lg_crons._sync.crons import SyncCronClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncCronClient": "lg_crons._sync.crons"}

__all__ = ["CronClient", "SyncCronClient"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
