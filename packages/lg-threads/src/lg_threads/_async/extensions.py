"""``thread.extensions["name"]``: the payloads of the custom events of one name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from lg_threads import _protocol
from lg_threads._async.subscription import StreamSession
from lg_threads._decoding import custom_payload
from lg_transport.validate import check_str


class ExtensionsProjection:
    """``thread.extensions["name"]``: payloads of the custom events named ``name``."""

    def __init__(self, session: StreamSession, namespace: list[str]) -> None:
        self._session = session
        self._namespace = list(namespace)
        self._by_name: dict[str, ExtensionProjection] = {}

    def __getitem__(self, name: str) -> ExtensionProjection:
        check_str("name", name)
        if name not in self._by_name:
            self._by_name[name] = ExtensionProjection(
                self._session, name=name, namespace=self._namespace
            )
        return self._by_name[name]


class ExtensionProjection:
    """Custom events of one name, under one namespace (and below it)."""

    def __init__(self, session: StreamSession, *, name: str, namespace: list[str]) -> None:
        self._session = session
        self.name = name
        self._namespace = list(namespace)

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._payloads()

    async def _payloads(self) -> AsyncIterator[Any]:
        namespace = self._namespace
        channel = f"custom:{self.name}"
        subscription = self._session.subscribe([channel], [namespace], scope=namespace or None)
        async for event in subscription:
            yield custom_payload(_protocol.event_data(event))
