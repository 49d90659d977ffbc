"""`Encryption`: handler registration rules, the beta warning, the context and result types."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import pytest

from lg_server import DecryptResult, Encryption, EncryptionContext, LangGraphBetaWarning
from lg_server.encryption import DuplicateHandlerError, _warn_encryption_beta, types


async def _handler(ctx: EncryptionContext, data: Any) -> Any:
    return data


def _quiet() -> Encryption:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LangGraphBetaWarning)
        return Encryption()


@pytest.mark.parametrize(
    ("side", "kind", "attribute"),
    [
        ("encrypt", "blob", "_blob_encryptor"),
        ("encrypt", "json", "_json_encryptor"),
        ("decrypt", "blob", "_blob_decryptor"),
        ("decrypt", "json", "_json_decryptor"),
    ],
)
def test_each_handler_registers_once_and_is_returned_unchanged(
    side: str, kind: str, attribute: str
) -> None:
    encryption = _quiet()
    register = getattr(getattr(encryption, side), kind)
    assert register(_handler) is _handler
    assert getattr(encryption, attribute) is _handler

    async def other(ctx: EncryptionContext, data: Any) -> Any:
        return data

    with pytest.raises(DuplicateHandlerError, match="already registered"):
        register(other)
    assert getattr(encryption, attribute) is _handler


def test_a_sync_handler_is_rejected_and_not_registered() -> None:
    encryption = _quiet()

    def blob(ctx: EncryptionContext, data: bytes) -> bytes:
        return data

    with pytest.raises(TypeError, match=r"^Blob encryptor must be an async function, got "):
        encryption.encrypt.blob(blob)  # type: ignore[arg-type]
    assert encryption._blob_encryptor is None


@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_handler_needs_exactly_two_positional_parameters(count: int) -> None:
    encryption = _quiet()
    namespace: dict[str, Any] = {}
    params = ", ".join(f"p{i}" for i in range(count))
    exec(f"async def handler({params}):\n    return None", namespace)
    with pytest.raises(
        TypeError,
        match=rf"JSON decryptor must accept exactly 2 parameters \(ctx, data\), got {count}",
    ):
        encryption.decrypt.json(namespace["handler"])
    assert encryption._json_decryptor is None


def test_keyword_only_and_variadic_parameters_do_not_count() -> None:
    encryption = _quiet()

    async def handler(ctx: EncryptionContext, data: Any, *rest: Any, flag: bool = False) -> Any:
        return data

    assert encryption.encrypt.json(handler) is handler


def test_context_handler_is_registered_and_replaced_by_a_later_one() -> None:
    encryption = _quiet()

    async def first(user: Any, ctx: EncryptionContext) -> dict[str, Any]:
        return {}

    async def second(user: Any, ctx: EncryptionContext) -> dict[str, Any]:
        return {"tenant": "t"}

    assert encryption.context(first) is first
    assert encryption.context(second) is second
    assert encryption._context_handler is second


def test_json_getters_ignore_the_model_argument() -> None:
    encryption = _quiet()
    assert encryption.get_json_encryptor() is None
    assert encryption.get_json_decryptor("thread") is None
    encryption.encrypt.json(_handler)
    encryption.decrypt.json(_handler)
    assert encryption.get_json_encryptor("assistant") is _handler
    assert encryption.get_json_decryptor() is _handler


def test_repr_lists_registered_handlers_in_order() -> None:
    encryption = _quiet()
    assert repr(encryption) == "Encryption(handlers=[])"
    encryption.decrypt.json(_handler)
    encryption.encrypt.blob(_handler)
    assert repr(encryption) == "Encryption(handlers=[blob_encryptor, json_decryptor])"


def test_instances_have_slots_only() -> None:
    with pytest.raises(AttributeError):
        _quiet().anything = 1  # type: ignore[attr-defined]


def test_the_beta_warning_fires_once_per_process_until_rearmed() -> None:
    _warn_encryption_beta.cache_clear()
    with pytest.warns(LangGraphBetaWarning, match="Encryption API is in beta"):
        Encryption()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Encryption()  # a second construction stays silent


def test_types_module_is_reachable_from_the_class() -> None:
    assert Encryption.types is types
    assert types.EncryptionContext is EncryptionContext
    assert types.DecryptResult is DecryptResult


def test_encryption_context_defaults_and_repr() -> None:
    ctx = EncryptionContext()
    assert (ctx.model, ctx.field, ctx.metadata) == (None, None, {})
    ctx = EncryptionContext("thread", {"tenant": "a"}, field="metadata")
    assert repr(ctx) == (
        "EncryptionContext(model='thread', field='metadata', metadata={'tenant': 'a'})"
    )
    with pytest.raises(AttributeError):
        ctx.extra = 1  # type: ignore[attr-defined]


def test_decrypt_result_is_a_frozen_generic_pair() -> None:
    result: DecryptResult[bytes] = DecryptResult(b"plain", b"rotated")
    assert (result.plaintext, result.replacement) == (b"plain", b"rotated")
    assert DecryptResult(plaintext={"a": 1}).replacement is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.plaintext = b"x"  # type: ignore[misc]
