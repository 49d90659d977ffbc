"""Turning whatever an authenticate handler returned into the user handlers see as ``ctx.user``."""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

__all__ = ["AuthenticatedUser", "InvalidUser", "to_user"]

# Fields every user has; the rest comes from what the authenticate handler returned.
_STANDARD = ("identity", "is_authenticated", "display_name", "permissions")


class InvalidUser(ValueError):
    """The authenticate handler returned something that is not a user."""


class AuthenticatedUser:
    """A `types.BaseUser` over the object or dict an authenticate handler returned.

    ``is_authenticated`` defaults to True and ``display_name`` to the identity; ``permissions``
    are those the handler granted. Other fields are readable as items (``user["org"]``),
    as attributes (``user.org``) and through ``get``/``keys``/``items``, as on the server.
    """

    __slots__ = ("_permissions", "_user")

    def __init__(self, user: Any, permissions: Sequence[str] = ()) -> None:
        self._user = user
        self._permissions = list(permissions)

    @property
    def unwrapped(self) -> Any:
        """The object or dict the authenticate handler returned."""
        return self._user

    @property
    def identity(self) -> str:
        identity: str = self._field("identity")
        return identity

    @property
    def is_authenticated(self) -> bool:
        return bool(self._field("is_authenticated", True))

    @property
    def display_name(self) -> str:
        return str(self._field("display_name", self.identity))

    @property
    def permissions(self) -> Sequence[str]:
        return self._permissions

    def dict(self) -> builtins.dict[str, Any]:
        """Every field: the standard four, then whatever the handler's user carried."""
        if isinstance(self._user, Mapping):
            extra = dict(self._user)
        else:
            dump = getattr(self._user, "model_dump", None) or getattr(self._user, "dict", None)
            extra = dict(dump()) if callable(dump) else {}
        standard = {name: getattr(self, name) for name in _STANDARD}
        return {**extra, **standard}

    def __getitem__(self, key: str) -> Any:
        return self.dict()[key]

    def __contains__(self, key: object) -> bool:
        return key in self.dict()

    def __iter__(self) -> Iterator[str]:
        return iter(self.dict())

    def __len__(self) -> int:
        return len(self.dict())

    def get(self, key: str, default: Any = None) -> Any:
        return self.dict().get(key, default)

    def keys(self) -> Any:
        return self.dict().keys()

    def values(self) -> Any:
        return self.dict().values()

    def items(self) -> Any:
        return self.dict().items()

    def __getattr__(self, name: str) -> Any:
        # Only reached for names the class does not define: user-specific fields.
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._field(name)
        except KeyError:
            raise AttributeError(f"The user has no field {name!r}.") from None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AuthenticatedUser):
            return self._user == other._user and self._permissions == other._permissions
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable like the dict it wraps

    def __repr__(self) -> str:
        return f"AuthenticatedUser(identity={self.identity!r}, permissions={self._permissions!r})"

    def _field(self, name: str, *default: Any) -> Any:
        user = self._user
        if isinstance(user, Mapping):
            if name in user:
                return user[name]
        elif hasattr(user, name):
            return getattr(user, name)
        if default:
            return default[0]
        raise KeyError(name)


def to_user(result: Any) -> AuthenticatedUser:
    """Interpret an authenticate handler's return value, as servers do.

    - ``(permissions, user)``: both given explicitly;
    - a user with a ``permissions`` attribute or key: those permissions;
    - a string: the identity of a user with no other fields;
    - a mapping with ``identity`` or an object with an ``identity`` attribute.

    Raises `InvalidUser` for anything else, or when the identity is not a string.
    """
    if isinstance(result, tuple):
        if len(result) != 2:
            raise InvalidUser(f"Expected (permissions, user), got a tuple of {len(result)} items.")
        permissions, user = result
    elif isinstance(result, Mapping):
        permissions, user = result.get("permissions", ()), result
    else:
        permissions, user = getattr(result, "permissions", ()), result

    if permissions is None:
        permissions = ()
    if isinstance(user, AuthenticatedUser):
        user = user.unwrapped
    if isinstance(user, str):
        user = {"identity": user}
    if isinstance(user, Mapping):
        identity = user.get("identity")
    else:
        identity = getattr(user, "identity", None)
    if not isinstance(identity, str):
        raise InvalidUser(
            "The authenticate handler must return a user: an identity string, a dict with an "
            "'identity' string, an object with an `identity` string, or (permissions, user). "
            f"Got {type(user).__name__} with identity {identity!r}."
        )
    if isinstance(permissions, str) or not isinstance(permissions, Sequence | frozenset | set):
        raise InvalidUser(f"Permissions must be a sequence of strings, got {permissions!r}.")
    return AuthenticatedUser(user, [str(p) for p in permissions])
