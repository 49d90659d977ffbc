"""Custom at-rest encryption for a LangGraph server (beta): ``langgraph_sdk.encryption``.

An `Encryption` object, named in ``langgraph.json`` (``"encryption": {"path":
"./encryption.py:my_encryption"}``), holds up to five async handlers the server calls: blob
encrypt/decrypt (checkpoints), JSON encrypt/decrypt (metadata, context, values, ...), and a
context handler deriving per-request encryption metadata from the authenticated user.
"""

from __future__ import annotations

import functools
import typing
import warnings

from lg_server._handlers import DuplicateHandlerError, LangGraphBetaWarning, check_async_handler
from lg_server.encryption import types

__all__ = ["DuplicateHandlerError", "Encryption", "LangGraphBetaWarning", "types"]

_BlobDecryptorT = typing.TypeVar("_BlobDecryptorT", bound=types.BlobDecryptor)
_JsonDecryptorT = typing.TypeVar("_JsonDecryptorT", bound=types.JsonDecryptor)


@functools.lru_cache(maxsize=1)
def _warn_encryption_beta() -> None:
    # Once per process (`cache_clear()` re-arms it): one warning per server start is enough.
    warnings.warn(
        "The Encryption API is in beta and may change in future versions.",
        LangGraphBetaWarning,
        stacklevel=4,
    )


def _validate_handler(fn: typing.Callable[..., typing.Any], handler_type: str) -> None:
    """`TypeError` unless ``fn`` is ``async def (ctx, data)``; ``handler_type`` names it."""
    check_async_handler(fn, handler_type, 2, "2 parameters (ctx, data)")


class _EncryptDecorators:
    """``encryption.encrypt.blob`` / ``encryption.encrypt.json``: register an encryptor."""

    def __init__(self, parent: Encryption) -> None:
        self._parent = parent

    def blob(self, fn: types.BlobEncryptor) -> types.BlobEncryptor:
        """Register the blob encryptor (one only: a second raises `DuplicateHandlerError`)."""
        if self._parent._blob_encryptor is not None:
            raise DuplicateHandlerError("Blob encryptor already registered")
        _validate_handler(fn, "Blob encryptor")
        self._parent._blob_encryptor = fn
        return fn

    def json(self, fn: types.JsonEncryptor) -> types.JsonEncryptor:
        """Register the JSON encryptor (one only: a second raises `DuplicateHandlerError`)."""
        if self._parent._json_encryptor is not None:
            raise DuplicateHandlerError("JSON encryptor already registered")
        _validate_handler(fn, "JSON encryptor")
        self._parent._json_encryptor = fn
        return fn


class _DecryptDecorators:
    """``encryption.decrypt.blob`` / ``encryption.decrypt.json``: register a decryptor."""

    def __init__(self, parent: Encryption) -> None:
        self._parent = parent

    def blob(self, fn: _BlobDecryptorT) -> _BlobDecryptorT:
        """Register the blob decryptor; the function comes back with its own type."""
        if self._parent._blob_decryptor is not None:
            raise DuplicateHandlerError("Blob decryptor already registered")
        _validate_handler(fn, "Blob decryptor")
        self._parent._blob_decryptor = fn
        return fn

    def json(self, fn: _JsonDecryptorT) -> _JsonDecryptorT:
        """Register the JSON decryptor; the function comes back with its own type."""
        if self._parent._json_decryptor is not None:
            raise DuplicateHandlerError("JSON decryptor already registered")
        _validate_handler(fn, "JSON decryptor")
        self._parent._json_decryptor = fn
        return fn


class Encryption:
    """A server's custom at-rest encryption handlers (beta; constructing one warns once).

        from langgraph_sdk import Encryption, EncryptionContext

        my_encryption = Encryption()

        @my_encryption.encrypt.json
        async def encrypt_json(ctx: EncryptionContext, data: dict) -> dict:
            return {k: seal(v) if k in SECRET_KEYS else v for k, v in data.items()}

        @my_encryption.decrypt.json
        async def decrypt_json(ctx: EncryptionContext, data: dict) -> dict:
            return {k: unseal(v) if is_sealed(v) else v for k, v in data.items()}

    Handlers must be ``async def`` with two positional parameters ``(ctx, data)``; each kind can
    be registered once. JSON encryptors must keep the keys of the object they get (the server
    enforces it). The server reads the registered handlers from the underscore attributes.
    """

    __slots__ = (
        "_blob_decryptor",
        "_blob_encryptor",
        "_context_handler",
        "_json_decryptor",
        "_json_encryptor",
        "decrypt",
        "encrypt",
    )

    types = types
    """The module of encryption types (`EncryptionContext`, `DecryptResult`, handler aliases)."""

    def __init__(self) -> None:
        _warn_encryption_beta()
        self.encrypt = _EncryptDecorators(self)
        self.decrypt = _DecryptDecorators(self)
        self._blob_encryptor: types.BlobEncryptor | None = None
        self._blob_decryptor: types.BlobDecryptor | None = None
        self._json_encryptor: types.JsonEncryptor | None = None
        self._json_decryptor: types.JsonDecryptor | None = None
        self._context_handler: types.ContextHandler | None = None

    def context(self, fn: types.ContextHandler) -> types.ContextHandler:
        """Register the context handler, ``async (user, ctx) -> dict``: its result becomes
        ``ctx.metadata`` for the request. A later registration replaces an earlier one."""
        self._context_handler = fn
        return fn

    def get_json_encryptor(self, _model: str | None = None) -> types.JsonEncryptor | None:
        """The JSON encryptor or None (``_model`` is accepted and ignored, as the server
        passes it)."""
        return self._json_encryptor

    def get_json_decryptor(self, _model: str | None = None) -> types.JsonDecryptor | None:
        """The JSON decryptor or None (``_model`` is accepted and ignored, as the server
        passes it)."""
        return self._json_decryptor

    def __repr__(self) -> str:
        registered = [
            name
            for name, handler in (
                ("blob_encryptor", self._blob_encryptor),
                ("blob_decryptor", self._blob_decryptor),
                ("json_encryptor", self._json_encryptor),
                ("json_decryptor", self._json_decryptor),
                ("context_handler", self._context_handler),
            )
            if handler
        ]
        return f"Encryption(handlers=[{', '.join(registered)}])"
