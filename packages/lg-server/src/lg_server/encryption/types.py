"""The shapes encryption handlers receive and return (``langgraph_sdk.encryption.types``)."""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

if typing.TYPE_CHECKING:
    from lg_auth.types import BaseUser

Json = dict[str, typing.Any]
"""A JSON object: what JSON handlers encrypt and decrypt."""

T = typing.TypeVar("T")


@dataclass(frozen=True, slots=True)
class DecryptResult(typing.Generic[T]):
    """What a decrypt handler may return instead of the bare plaintext: the plaintext plus,
    optionally, fresh ciphertext the server stores in place of what it read (key rotation)."""

    plaintext: T
    replacement: T | None = None


class EncryptionContext:
    """What a handler knows about the data at hand.

    ``model`` is the kind of record (``"assistant"``, ``"thread"``, ``"run"``, ``"checkpoint"``,
    ...), ``field`` the field of it (``"metadata"``, ``"values"``, ...): both ``None`` where
    unknown, as in a context handler. ``metadata`` holds non-secret key-values stored with the
    ciphertext (from the ``X-Encryption-Context`` header or a context handler), typically what a
    key-management service needs to pick the key. A value encrypted under one model/field may
    be decrypted under another (the server merges JSON across records), so decrypt handlers
    must not depend on them.
    """

    __slots__ = ("field", "metadata", "model")

    def __init__(
        self,
        model: str | None = None,
        metadata: dict[str, typing.Any] | None = None,
        field: str | None = None,
    ) -> None:
        self.model = model
        self.field = field
        self.metadata = metadata or {}

    def __repr__(self) -> str:
        return (
            f"EncryptionContext(model={self.model!r}, field={self.field!r}, "
            f"metadata={self.metadata!r})"
        )


BlobEncryptor = Callable[[EncryptionContext, bytes], Awaitable[bytes]]
"""``async (ctx, blob) -> ciphertext`` for opaque bytes such as checkpoints."""

BlobDecryptor = Callable[[EncryptionContext, bytes], Awaitable[bytes | DecryptResult[bytes]]]
"""``async (ctx, ciphertext) -> blob`` (or a `DecryptResult` carrying replacement ciphertext)."""

JsonEncryptor = Callable[[EncryptionContext, Json], Awaitable[Json]]
"""``async (ctx, data) -> data`` for JSON objects. It must keep every key and change values only:
the server merges stored JSON key by key. Encrypted values cannot be searched."""

JsonDecryptor = Callable[[EncryptionContext, Json], Awaitable[Json | DecryptResult[Json]]]
"""``async (ctx, data) -> data``, the inverse of the JSON encryptor (or a `DecryptResult`)."""

ContextHandler = Callable[["BaseUser", EncryptionContext], Awaitable[dict[str, typing.Any]]]
"""``async (user, ctx) -> metadata``: called once per request after authentication; what it
returns becomes ``ctx.metadata`` for that request's handlers (``model`` and ``field`` are
``None`` here)."""
