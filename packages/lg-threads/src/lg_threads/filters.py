"""Subscription filters as the official SDK evaluates them client-side
(``langgraph_sdk.stream.subscription``): which channel an event is on, whether a filter
receives it, and how filters combine into one covering filter (one shared connection).

The thread stream's own matching (`lg_threads._protocol`) mirrors the server's rules, which
differ in two corners: there, ``depth`` also bounds an unscoped filter and an empty
``namespaces`` list matches nothing; here, as in the official client, both match everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# The protocol types are here too: the official module exposes the names it annotates with.
from lg_threads._protocol import Channel, Event, Namespace, SubscribeParams, normalize_segment

__all__ = [
    "Channel",
    "Event",
    "Namespace",
    "SubscribeParams",
    "compute_union_filter",
    "exact_namespace_filter",
    "filter_covers",
    "infer_channel",
    "is_prefix_match",
    "is_root_terminal_lifecycle",
    "matches_subscription",
    "namespace_matches",
    "normalize_segment",
    "subgraph_filter",
]

# Methods whose name is their channel.
_DIRECT_METHODS = frozenset(
    {"values", "checkpoints", "updates", "messages", "tools", "lifecycle", "tasks"}
)


def is_prefix_match(event_namespace: Sequence[str], prefix: Sequence[str]) -> bool:
    """Whether ``event_namespace`` starts with ``prefix``; a prefix segment without ``:``
    also matches a segment carrying a ``:<task id>`` suffix."""
    if len(prefix) > len(event_namespace):
        return False
    for wanted, segment in zip(prefix, event_namespace, strict=False):
        if segment == wanted:
            continue
        if ":" in wanted or normalize_segment(segment) != wanted:
            return False
    return True


def namespace_matches(
    event_namespace: Sequence[str], prefixes: Sequence[Sequence[str]] | None, depth: int | None
) -> bool:
    """Whether ``event_namespace`` is under one of ``prefixes`` (any, when none are given)
    and at most ``depth`` levels below it."""
    if not prefixes:
        return True
    return any(
        is_prefix_match(event_namespace, prefix)
        and (depth is None or len(event_namespace) - len(prefix) <= depth)
        for prefix in prefixes
    )


def infer_channel(event: Mapping[str, Any]) -> str | None:
    """The subscription channel of ``event``: its method for the built-in ones,
    ``custom:<name>`` (or ``custom``) for custom events, ``input`` for ``input.requested``,
    None for a method this client does not know."""
    method = event.get("method")
    if method in _DIRECT_METHODS:
        return str(method)
    if method == "custom":
        params = event.get("params") or {}
        data = params.get("data") if isinstance(params, dict) else None
        name = data.get("name") if isinstance(data, dict) else None
        return f"custom:{name}" if name else "custom"
    if method == "input.requested":
        return "input"
    return None


def matches_subscription(event: Mapping[str, Any], definition: Mapping[str, Any]) -> bool:
    """Whether a subscription with filter ``definition`` receives ``event`` (``custom``
    takes every named custom channel)."""
    channel = infer_channel(event)
    if channel is None:
        return False
    channels = definition.get("channels", [])
    if channel not in channels and not (channel.startswith("custom:") and "custom" in channels):
        return False
    params = event.get("params") or {}
    namespace = params.get("namespace", []) if isinstance(params, dict) else []
    return namespace_matches(namespace, definition.get("namespaces"), definition.get("depth"))


def compute_union_filter(subscriptions: list[dict[str, Any]]) -> dict[str, Any]:
    """One filter receiving everything each of ``subscriptions`` receives: channels united
    (sorted); namespaces united, or none if any filter is unscoped; the largest depth, or none
    if any filter is unbounded (``0`` is a bound)."""
    if not subscriptions:
        return {"channels": []}
    channels: set[str] = set()
    namespaces: dict[tuple[str, ...], list[str]] | None = {}
    depth: int | None = 0
    for subscription in subscriptions:
        channels.update(subscription.get("channels", []))
        wanted = subscription.get("namespaces")
        if wanted is None:
            namespaces = None
        elif namespaces is not None:
            for namespace in wanted:
                namespaces[tuple(namespace)] = namespace
        bound = subscription.get("depth")
        if bound is None:
            depth = None
        elif depth is not None:
            depth = max(depth, bound)
    result: dict[str, Any] = {"channels": sorted(channels)}
    if namespaces:
        result["namespaces"] = list(namespaces.values())
    if depth is not None:
        result["depth"] = depth
    return result


def filter_covers(coverer: dict[str, Any], target: dict[str, Any]) -> bool:
    """Whether filter ``coverer`` receives everything filter ``target`` does. A scoped
    coverer needs enough depth for the extra levels of a deeper target prefix."""
    coverer_channels = set(coverer.get("channels", []))
    if any(channel not in coverer_channels for channel in target.get("channels", [])):
        return False
    coverer_depth = coverer.get("depth")
    target_depth = target.get("depth")
    coverer_namespaces = coverer.get("namespaces")
    target_namespaces = target.get("namespaces")
    if coverer_namespaces is None:
        if coverer_depth is None:
            return True
        return target_depth is not None and target_depth <= coverer_depth
    if target_namespaces is None:
        return False
    for target_prefix in target_namespaces:
        if not any(
            is_prefix_match(target_prefix, prefix)
            and (
                coverer_depth is None
                or (
                    target_depth is not None
                    and len(target_prefix) - len(prefix) + target_depth <= coverer_depth
                )
            )
            for prefix in coverer_namespaces
        ):
            return False
    return True


_ROOT_TERMINAL_EVENTS = frozenset({"completed", "failed"})


def exact_namespace_filter(channels: list[str], namespace: list[str]) -> dict[str, Any]:
    """A filter for ``channels`` at exactly ``namespace`` (depth 0)."""
    return {"channels": channels, "namespaces": [list(namespace)], "depth": 0}


def subgraph_filter(scope: tuple[str, ...]) -> dict[str, Any]:
    """A filter for everything a subgraph handle at ``scope`` needs from its descendants:
    messages, tasks, tool calls and lifecycle (child ``started`` events reveal subagents), at
    any depth below ``scope``."""
    return {"channels": ["messages", "tasks", "tools", "lifecycle"], "namespaces": [list(scope)]}


def is_root_terminal_lifecycle(event: Any) -> bool:
    """Whether ``event`` ends the run: a root-namespace ``lifecycle`` event whose
    ``data.event`` is ``completed`` or ``failed`` (a subgraph's own end does not count)."""
    if not isinstance(event, dict) or event.get("method") != "lifecycle":
        return False
    params = event.get("params") or {}
    if not isinstance(params, dict) or params.get("namespace"):
        return False
    data = params.get("data") or {}
    return isinstance(data, dict) and data.get("event") in _ROOT_TERMINAL_EVENTS
