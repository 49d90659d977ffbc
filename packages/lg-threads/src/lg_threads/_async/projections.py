"""The projections of a thread stream, and ``interleave_projections`` over several at once.

A projection turns raw events into what an application reads: states (``values``), message
streams (`lg_threads._async.messages`), tool calls (`lg_threads._async.tool_calls`), child
graphs (`lg_threads._async.subgraphs`) and custom events (`lg_threads._async.extensions`).
Each takes the stream's `StreamSession` (it opens subscriptions), never the stream itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import Any

from lg_threads._async.extensions import ExtensionProjection, ExtensionsProjection
from lg_threads._async.messages import MessagesProjection, MessageStream, new_message_stream
from lg_threads._async.router import Router, yield_as_found
from lg_threads._async.subgraphs import ScopedStreamHandle, SubgraphsProjection
from lg_threads._async.subscription import StreamSession
from lg_threads._async.tool_calls import ToolCallHandle, ToolCallsProjection
from lg_threads._routing import (
    INTERLEAVE_CHANNELS,
    InterleaveRoutes,
    interleave_wire_channels,
    validate_interleave_channels,
)

__all__ = [
    "INTERLEAVE_CHANNELS",
    "ExtensionProjection",
    "ExtensionsProjection",
    "MessageStream",
    "MessagesProjection",
    "ScopedStreamHandle",
    "SubgraphsProjection",
    "ToolCallHandle",
    "ToolCallsProjection",
    "interleave",
    "validate_interleave_channels",
]


def interleave(session: StreamSession, channels: list[str]) -> AsyncIterator[tuple[str, Any]]:
    """One subscription behind several projections, items in the server's order."""
    names = validate_interleave_channels(channels)
    subscription = session.subscribe(interleave_wire_channels(names))
    ready: list[tuple[str, Any]] = []

    def routes(router: Router) -> InterleaveRoutes:
        return InterleaveRoutes(
            names,
            ready.append,
            new_message=partial(new_message_stream, router),
            new_tool_call=partial(ToolCallHandle, router=router),
            new_child=partial(ScopedStreamHandle, thread=session),
        )

    return yield_as_found(Router(subscription, routes), ready)
