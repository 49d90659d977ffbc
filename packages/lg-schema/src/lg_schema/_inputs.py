"""What callers hand to the API: JSON values, query parameters, run input, context and config."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, ForwardRef, Protocol, TypeAlias, Union

# One TypedDict implementation everywhere in this package (see _compat) keeps inheritance sound.
from lg_schema.compat import TypedDict

Json: TypeAlias = dict[str, Any] | None
PrimitiveData: TypeAlias = str | int | float | bool | None

QueryParamTypes: TypeAlias = (
    Mapping[str, PrimitiveData | Sequence[PrimitiveData]]
    | list[tuple[str, PrimitiveData]]
    | tuple[tuple[str, PrimitiveData], ...]
    | str
    | bytes
)

if TYPE_CHECKING:
    _JSONMap: TypeAlias = Mapping[
        str, "PrimitiveData | Sequence[PrimitiveData] | _JSONMap | Sequence[_JSONMap]"
    ]
else:
    # A plain "_JSONMap" string would become a ForwardRef bound to no module, which
    # get_type_hints then resolves in the globals of whichever module uses Context or Input (and
    # fails there). Binding the reference to this module makes it resolvable from anywhere.
    _JSONMapRef = ForwardRef("_JSONMap", module=__name__)
    _JSONMap = Mapping[
        str,
        Union[PrimitiveData, Sequence[PrimitiveData], _JSONMapRef, Sequence[_JSONMapRef]],  # noqa: UP007
    ]


class _TypedDictLikeV1(Protocol):
    """An instance of a TypedDict, known by the key sets every TypedDict class carries."""

    __required_keys__: ClassVar[frozenset[str]]
    __optional_keys__: ClassVar[frozenset[str]]


class _TypedDictLikeV2(Protocol):
    """An instance of a TypedDict, known by `__total__` alone (for stubs without key sets)."""

    __total__: ClassVar[bool]


class _DataclassLike(Protocol):
    """An instance of a dataclass."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


class _BaseModelLike(Protocol):
    """An instance of a pydantic v2 model (duck-typed: pydantic is not imported)."""

    def model_dump(self, *args: Any, **kwargs: Any) -> dict[str, Any]: ...


# Structured values a graph receives; the client serializes each of these kinds to JSON.
Input: TypeAlias = _TypedDictLikeV1 | _TypedDictLikeV2 | _DataclassLike | _BaseModelLike | _JSONMap
Context: TypeAlias = (
    _TypedDictLikeV1 | _TypedDictLikeV2 | _DataclassLike | _BaseModelLike | _JSONMap
)


class Config(TypedDict, total=False):
    """Configuration of a graph run."""

    tags: list[str]
    recursion_limit: int
    configurable: dict[str, Any]


class Checkpoint(TypedDict):
    """Where a thread's state is saved: a checkpoint of a (sub)graph."""

    thread_id: str
    checkpoint_ns: str
    checkpoint_id: str | None
    checkpoint_map: dict[str, Any] | None


class Send(TypedDict):
    """A message to send to a node: run `node` with `input`."""

    node: str
    input: dict[str, Any] | None


class Command(TypedDict, total=False):
    """What a run should do next: go to nodes, update the state, resume an interrupt."""

    goto: Send | str | Sequence[Send | str]
    update: dict[str, Any] | Sequence[tuple[str, Any]]
    resume: Any


class LangSmithTracing(TypedDict, total=False):
    """Where LangSmith should record a run's trace."""

    project_name: str
    example_id: str
