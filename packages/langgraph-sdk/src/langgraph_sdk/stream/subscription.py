"""``langgraph_sdk.stream.subscription``: how events are matched to subscriptions."""

from collections.abc import Mapping
from typing import Any

from lg_threads.stream import (
    Channel,
    Event,
    Namespace,
    SubscribeParams,
    channel_of,
    event_matches,
    namespace_matches,
    normalize_segment,
)

__all__ = [
    "Channel",
    "Event",
    "Namespace",
    "infer_channel",
    "is_prefix_match",
    "matches_subscription",
    "namespace_matches",
    "normalize_segment",
]


def infer_channel(event: Mapping[str, Any]) -> str | None:
    """The channel of ``event`` (``input`` for ``input.requested``), or None without a method."""
    return channel_of(event) or None


def is_prefix_match(event_namespace: Namespace, prefix: Namespace) -> bool:
    """Whether ``event_namespace`` starts with ``prefix`` (bare node names match any call)."""
    return namespace_matches(event_namespace, [prefix], None)


def matches_subscription(event: Mapping[str, Any], definition: SubscribeParams) -> bool:
    """Whether a subscription defined by ``definition`` receives ``event``."""
    return event_matches(
        event, definition["channels"], definition.get("namespaces"), definition.get("depth")
    )
