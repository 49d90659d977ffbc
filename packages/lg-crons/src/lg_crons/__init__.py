"""The LangGraph cron client, usable alone: ``pip install lg-crons``.

    from lg_crons import CronClient

    async with CronClient.connect(url="http://localhost:8123") as crons:
        cron = await crons.create("agent", schedule="0 9 * * *", timezone="Europe/Paris")
        await crons.update(cron["cron_id"], enabled=False)

`SyncCronClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_crons._async.crons import CronClient
from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from lg_crons._sync.crons import SyncCronClient

# The sync client loads when first reached: an async program never pays for its modules.
_LAZY = {"SyncCronClient": "lg_crons._sync.crons"}

__all__ = ["CronClient", "SyncCronClient"]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
