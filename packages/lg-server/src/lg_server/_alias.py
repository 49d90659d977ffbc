"""`TypeAliasType` on every supported Python, without requiring typing_extensions.

Python 3.12+ has it in `typing`; before that typing_extensions provides it and is used when
installed (it always is next to a LangGraph server). Only a bare install on 3.10/3.11 gets the
stand-in below: subscripting it yields a `types.GenericAlias` whose ``__origin__`` is the alias
itself, which is what a server inspects (``get_origin(ServerRuntime[Ctx]) is ServerRuntime``).
"""

from __future__ import annotations

import sys
import types
from typing import Any

if sys.version_info >= (3, 12):
    from typing import TypeAliasType
else:
    try:
        from typing_extensions import TypeAliasType
    except ImportError:  # pragma: no cover - exercised by a subprocess test

        class TypeAliasType:  # type: ignore[no-redef]
            """A generic type alias: ``Name[Arg]`` parameterizes it, ``__value__`` is its value."""

            def __init__(self, name: str, value: Any, *, type_params: tuple[Any, ...] = ()) -> None:
                self.__name__ = name
                self.__value__ = value
                self.__type_params__ = type_params
                self.__module__ = sys._getframe(1).f_globals.get("__name__", __name__)

            def __getitem__(self, params: Any) -> types.GenericAlias:
                if not self.__type_params__:
                    raise TypeError(f"{self.__name__} is not a generic alias")
                return types.GenericAlias(self, params)  # type: ignore[arg-type]

            def __or__(self, other: Any) -> Any:
                import typing

                return typing.Union[self, other]  # noqa: UP007 - `|` needs a type on the left

            def __ror__(self, other: Any) -> Any:
                import typing

                return typing.Union[other, self]  # noqa: UP007

            def __repr__(self) -> str:
                return self.__name__


__all__ = ["TypeAliasType"]
