"""Which resources a server authorizes, and the actions it dispatches for each.

One table, read by registration (to reject unknown names at once) and by the evaluator (to
reject requests for pairs no server dispatches).
"""

from __future__ import annotations

from collections.abc import Mapping

WILDCARD = "*"

RESOURCE_ACTIONS: Mapping[str, tuple[str, ...]] = {
    "threads": ("create", "read", "update", "delete", "search", "create_run"),
    "assistants": ("create", "read", "update", "delete", "search"),
    "crons": ("create", "read", "update", "delete", "search"),
    "store": ("put", "get", "search", "delete", "list_namespaces"),
}

ALL_ACTIONS: frozenset[str] = frozenset(a for actions in RESOURCE_ACTIONS.values() for a in actions)


def unknown_resource_message(resource: object) -> str:
    known = ", ".join(sorted(RESOURCE_ACTIONS))
    message = f"Unknown auth resource {resource!r}. Known resources: {known}, or '*' for all."
    if resource == "runs":
        # AuthContext's Literal lists "runs", yet servers authorize runs as threads.create_run.
        message += " Runs are authorized as threads.create_run: use @auth.on.threads.create_run."
    return message


def unknown_action_message(resource: str, action: object) -> str:
    if resource == WILDCARD:
        known = ", ".join(sorted(ALL_ACTIONS))
        return f"Unknown auth action {action!r}. Known actions: {known}, or '*' for all."
    known = ", ".join(RESOURCE_ACTIONS[resource])
    return f"Unknown action {action!r} for {resource}. Its actions: {known}, or '*' for all."


def check_pair(resource: str, action: str) -> None:
    """Raise ValueError unless (resource, action) names something a server can dispatch.

    Either side may be the wildcard: ``("threads", "*")``, ``("*", "read")``, ``("*", "*")``.
    """
    if resource != WILDCARD and resource not in RESOURCE_ACTIONS:
        raise ValueError(unknown_resource_message(resource))
    if action == WILDCARD:
        return
    valid = ALL_ACTIONS if resource == WILDCARD else RESOURCE_ACTIONS[resource]
    if action not in valid:
        raise ValueError(unknown_action_message(resource, action))
