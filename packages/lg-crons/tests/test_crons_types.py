"""``crons.create`` / ``create_for_thread`` are typed as what the server returns: a `Cron`.

Checked with mypy itself on a small program written as a user would (async and sync), so
``cron["cron_id"]`` type-checks and ``cron["run_id"]`` (a KeyError at run time) does not.
"""

from __future__ import annotations

import textwrap
import typing
from pathlib import Path

import pytest
from mypy import api as mypy_api

from lg_crons import CronClient, SyncCronClient
from lg_schema import Cron

USER_CODE = textwrap.dedent(
    """
    from langgraph_sdk import get_client, get_sync_client
    from langgraph_sdk.schema import Cron

    async def main() -> None:
        client = get_client(url="http://localhost:2024")
        cron = await client.crons.create("agent", schedule="0 9 * * *")
        print(cron["cron_id"], cron["schedule"], cron["next_run_date"])
        on_thread: Cron = await client.crons.create_for_thread("t", "agent", schedule="* * * * *")
        print(on_thread["thread_id"])

    def sync_main() -> None:
        client = get_sync_client(url="http://localhost:2024")
        cron = client.crons.create("agent", schedule="0 9 * * *")
        reveal_type(cron)
        print(cron["cron_id"])
    """
)
WRONG_KEY = textwrap.dedent(
    """
    def wrong_key() -> None:
        cron = get_sync_client().crons.create("agent", schedule="* * * * *")
        print(cron["run_id"])
    """
)


@pytest.mark.parametrize("cls", [CronClient, SyncCronClient])
@pytest.mark.parametrize("method", ["create", "create_for_thread"])
def test_return_annotation_is_cron(cls: type, method: str) -> None:
    assert typing.get_type_hints(getattr(cls, method))["return"] is Cron


def test_user_code_type_checks_against_cron(tmp_path: Path) -> None:
    """One mypy run (it shares the project's cache): the user's program passes, except the
    line that reads a run's key from a cron."""
    program = tmp_path / "user_program.py"
    program.write_text(USER_CODE + WRONG_KEY)
    out, err, status = mypy_api.run(["--strict", "--python-version", "3.11", str(program)])
    assert "Revealed type is \"TypedDict('lg_schema._resources.Cron'" in out, out + err
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert len(errors) == 1, out
    assert '"Cron" has no key "run_id"' in errors[0]
    assert status == 1
