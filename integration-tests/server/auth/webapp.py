"""A custom route of the custom-auth server (`http.app` in its langgraph.json).

`CLIENT` is made while the server imports this module, before the server's own app exists
(the server sets `__LANGGRAPH_DEFER_LOOPBACK_TRANSPORT` meanwhile): its in-process transport
receives the app when the server registers it (`configure_loopback_transports`).
"""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from langgraph_sdk import get_client

CLIENT = get_client()


async def graphs(request: Request) -> JSONResponse:
    assistants = await CLIENT.assistants.search(limit=50)
    return JSONResponse({"graphs": sorted(a["graph_id"] for a in assistants)})


app = Starlette(routes=[Route("/custom/graphs", graphs)])
