"""The LangGraph cron client, usable alone: ``pip install lg-crons``.

    from lg_crons import CronClient

    async with CronClient.connect(url="http://localhost:8123") as crons:
        cron = await crons.create("agent", schedule="0 9 * * *", timezone="Europe/Paris")
        await crons.update(cron["cron_id"], enabled=False)

`SyncCronClient` is the same API without ``await``. Connection options are those of
`langgraph_sdk.get_client`.
"""

from lg_crons._async.crons import CronClient
from lg_crons._sync.crons import SyncCronClient

__all__ = ["CronClient", "SyncCronClient"]
