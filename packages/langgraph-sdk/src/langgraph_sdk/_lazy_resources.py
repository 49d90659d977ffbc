"""Resource clients that `LangGraphClient` / `SyncLangGraphClient` build on first read.

A program that only streams runs never loads the assistants, threads, crons or store packages.
Once read, the resource client is an ordinary instance attribute, as the official client's
are: it can be read, assigned and deleted, and shows in ``vars(client)``.
"""

from __future__ import annotations

import importlib
from typing import Any


class LazyResource:
    """Class attribute standing for the instance attribute ``name``: the first read builds
    ``module.class_name(client.http)`` and stores it in the instance's ``__dict__``, which
    every later read finds first (a descriptor without ``__set__`` yields to it)."""

    __slots__ = ("class_name", "module", "name")

    def __init__(self, module: str, class_name: str) -> None:
        self.module = module
        self.class_name = class_name
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, client: Any, owner: type | None = None) -> Any:
        if client is None:
            return self
        resource_class = getattr(importlib.import_module(self.module), self.class_name)
        # setdefault: threads reading the attribute at once all get the one instance kept.
        return client.__dict__.setdefault(self.name, resource_class(client.http))

    def __repr__(self) -> str:
        return f"<{self.class_name} of each client, made on first read>"
