"""Each row of the official 0.4.14 wire table for crons, through the async and the sync client
over `httpx.MockTransport`: method, path, query, body bytes (key order included) and headers
must be exactly the official client's."""

from __future__ import annotations

import inspect
import json
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from lg_crons import CronClient, SyncCronClient
from lg_transport import HttpClient, SyncHttpClient


class Recorder:
    """A MockTransport handler that keeps every request and answers with ``reply``."""

    def __init__(self, reply: Any = None) -> None:
        self.requests: list[httpx.Request] = []
        self.reply = reply

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.reply is None:
            return httpx.Response(204)
        return httpx.Response(200, json=self.reply)

    @property
    def only(self) -> httpx.Request:
        assert len(self.requests) == 1, self.requests
        return self.requests[0]


async def call(flavour: str, recorder: Recorder, method: str, *args: Any, **kwargs: Any) -> Any:
    transport = httpx.MockTransport(recorder)
    if flavour == "async":
        client = CronClient(
            HttpClient(httpx.AsyncClient(base_url="http://test", transport=transport))
        )
        return await getattr(client, method)(*args, **kwargs)
    sync = SyncCronClient(SyncHttpClient(httpx.Client(base_url="http://test", transport=transport)))
    return getattr(sync, method)(*args, **kwargs)


FLAVOURS = pytest.mark.parametrize("flavour", ["async", "sync"])

# (method, args, kwargs, HTTP method, path, body): transcribed from
# reference/official-wire-0.4.14.md; no cron call has a query string. body None: no body.
WIRE_ROWS: list[tuple[str, tuple[Any, ...], dict[str, Any], str, str, str | None]] = [
    (
        "create_for_thread",
        ("t1", "agent"),
        {"schedule": "* * * * *"},
        "POST",
        "/threads/t1/runs/crons",
        '{"schedule":"* * * * *","assistant_id":"agent"}',
    ),
    (
        "create",
        ("agent",),
        {"schedule": "* * * * *", "timezone": "UTC", "enabled": False, "on_run_completed": "keep"},
        "POST",
        "/runs/crons",
        '{"schedule":"* * * * *","assistant_id":"agent","on_run_completed":"keep",'
        '"enabled":false,"timezone":"UTC"}',
    ),
    ("delete", ("c1",), {}, "DELETE", "/runs/crons/c1", None),
    (
        "update",
        ("c1",),
        {"schedule": "0 * * * *"},
        "PATCH",
        "/runs/crons/c1",
        '{"schedule":"0 * * * *"}',
    ),
    ("update", ("c1",), {"end_time": None}, "PATCH", "/runs/crons/c1", '{"end_time":null}'),
    ("search", (), {}, "POST", "/runs/crons/search", '{"limit":10,"offset":0}'),
    (
        "search",
        (),
        {
            "assistant_id": "a",
            "thread_id": "t",
            "enabled": True,
            "metadata": {"m": 1},
            "sort_by": "created_at",
            "select": ["cron_id"],
        },
        "POST",
        "/runs/crons/search",
        '{"assistant_id":"a","thread_id":"t","enabled":true,"limit":10,"offset":0,'
        '"metadata":{"m":1},"sort_by":"created_at","select":["cron_id"]}',
    ),
    ("count", (), {"assistant_id": "a"}, "POST", "/runs/crons/count", '{"assistant_id":"a"}'),
]


def row_id(row: tuple[Any, ...]) -> str:
    return f"{row[0]}-{','.join(map(str, row[1]))}-{','.join(row[2])}"


@FLAVOURS
@pytest.mark.parametrize("row", WIRE_ROWS, ids=[row_id(row) for row in WIRE_ROWS])
async def test_official_wire_row(flavour: str, row: tuple[Any, ...]) -> None:
    name, args, kwargs, method, path, body = row
    recorder = Recorder(reply={})
    await call(flavour, recorder, name, *args, **kwargs)
    request = recorder.only
    assert request.method == method
    assert request.url.path == path
    assert request.url.query == b""
    if body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.content.decode() == body
        assert list(json.loads(request.content)) == list(json.loads(body))
        assert request.headers["content-type"] == "application/json"


@FLAVOURS
async def test_create_with_every_field(flavour: str) -> None:
    recorder = Recorder(reply={})
    await call(
        flavour,
        recorder,
        "create",
        "agent",
        schedule="0 9 * * 1",
        input={"messages": []},
        metadata={"m": 1},
        config={"tags": ["t"]},
        context={"c": 1},
        interrupt_before="*",
        interrupt_after=["n"],
        webhook="http://hook",
        on_run_completed="delete",
        multitask_strategy="enqueue",
        end_time=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        enabled=True,
        timezone=ZoneInfo("America/New_York"),
        stream_mode=("values", "updates"),
        stream_subgraphs=True,
        stream_resumable=False,
        durability="exit",
        headers={"x-trace": "t"},
        params={"p": "1"},
    )
    request = recorder.only
    assert request.headers["x-trace"] == "t"
    assert request.url.query == b"p=1"
    assert request.content.decode() == (
        '{"schedule":"0 9 * * 1","input":{"messages":[]},"config":{"tags":["t"]},'
        '"metadata":{"m":1},"context":{"c":1},"assistant_id":"agent","interrupt_before":"*",'
        '"interrupt_after":["n"],"webhook":"http://hook","on_run_completed":"delete",'
        '"end_time":"2030-01-02T03:04:05+00:00","enabled":true,"timezone":"America/New_York",'
        '"stream_mode":["values","updates"],"stream_subgraphs":true,"stream_resumable":false,'
        '"durability":"exit","multitask_strategy":"enqueue"}'
    )


@FLAVOURS
async def test_update_end_time_is_iso_8601(flavour: str) -> None:
    recorder = Recorder(reply={})
    end = datetime(2031, 5, 6, 7, 8, 9, tzinfo=ZoneInfo("Europe/Paris"))
    await call(flavour, recorder, "update", "c1", end_time=end, enabled=False)
    assert recorder.only.content == b'{"enabled":false,"end_time":"2031-05-06T07:08:09+02:00"}'


@FLAVOURS
async def test_update_without_end_time_sends_no_end_time(flavour: str) -> None:
    recorder = Recorder(reply={})
    await call(flavour, recorder, "update", "c1", timezone=timezone.utc)
    assert recorder.only.content == b'{"timezone":"UTC"}'


@FLAVOURS
async def test_checkpoint_during_is_deprecated_but_sent(flavour: str) -> None:
    recorder = Recorder(reply={})
    with pytest.warns(DeprecationWarning, match="durability") as caught:
        await call(
            flavour, recorder, "create", "agent", schedule="* * * * *", checkpoint_during=True
        )
    # The warning points at the caller, not at this package.
    assert caught[0].filename == __file__
    assert json.loads(recorder.only.content)["checkpoint_during"] is True


@FLAVOURS
async def test_count_and_search_return_the_answer(flavour: str) -> None:
    assert await call(flavour, Recorder(reply=4), "count") == 4
    crons = [{"cron_id": "c1"}]
    assert await call(flavour, Recorder(reply=crons), "search") == crons


@FLAVOURS
async def test_validation_fails_before_any_request(flavour: str) -> None:
    recorder = Recorder(reply={})
    with pytest.raises(ValueError, match="cron_id"):
        await call(flavour, recorder, "delete", "")
    with pytest.raises(ValueError, match="timezone"):
        await call(
            flavour,
            recorder,
            "create",
            "a",
            schedule="* * * * *",
            timezone=timezone(timedelta(hours=2)),
        )
    assert recorder.requests == []


def _shape(function: Any) -> list[tuple[str, Any, Any]]:
    """Parameter names, kinds and defaults: what callers see, annotations aside."""
    parameters = inspect.signature(function).parameters.values()
    return [(p.name, p.kind, p.default) for p in parameters]


def test_sync_and_async_surfaces_match() -> None:
    public = {name for name in dir(CronClient) if not name.startswith("_")} - {"aclose"}
    sync_public = {name for name in dir(SyncCronClient) if not name.startswith("_")} - {"close"}
    assert public == sync_public
    for name in sorted((public - {"with_raw_response"}) | {"__init__"}):
        assert _shape(getattr(CronClient, name)) == _shape(getattr(SyncCronClient, name)), name


def test_constructor_takes_http_client_like_the_official() -> None:
    http = HttpClient(httpx.AsyncClient(base_url="http://test"))
    assert CronClient(http_client=http).http is http
