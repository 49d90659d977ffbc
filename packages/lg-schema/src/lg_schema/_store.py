"""The store's shapes: items, search results and namespace listings."""

from datetime import datetime
from typing import Any

from lg_schema.compat import TypedDict


class Item(TypedDict):
    """A value stored under a namespace and a key."""

    namespace: list[str]
    key: str
    value: dict[str, Any]
    created_at: datetime
    updated_at: datetime


# total=False with Item as base: Item's fields stay required, only `score` is optional.
class SearchItem(Item, total=False):
    """An item found by a search, with its relevance score when the search was semantic."""

    score: float | None


class SearchItemsResponse(TypedDict):
    """The items a search found."""

    items: list[SearchItem]


class ListNamespaceResponse(TypedDict):
    """The namespaces a listing found."""

    namespaces: list[list[str]]
