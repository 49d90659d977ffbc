"""What a graph factory receives inside the Agent Server (beta): ``langgraph_sdk.runtime``.

The server calls a graph factory whenever it needs the graph: to execute a run, but also to
read state, apply a state update or describe the graph. `ServerRuntime` says which
(``access_context``) and carries the user and the store; ``runtime.execution_runtime`` narrows to
the execution variant, the only one with the run's ``context``. Every variant must build the
same topology; use the narrowing to set up expensive resources only for runs.

    @contextlib.asynccontextmanager
    async def make_graph(runtime: ServerRuntime[MyContext]):
        if execution := runtime.execution_runtime:
            tools = await connect_tools(execution.context.endpoint)
            yield build_agent(tools)
        else:
            yield build_agent([])
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from lg_auth.types import BaseUser
from lg_server._alias import TypeAliasType

if TYPE_CHECKING:
    from langgraph.store.base import BaseStore  # type: ignore[import-not-found]

if sys.version_info >= (3, 13):
    ContextT = TypeVar("ContextT", default=None)
else:
    ContextT = TypeVar("ContextT")

__all__ = ["AccessContext", "ServerRuntime"]

AccessContext = Literal[
    "threads.create_run",
    "threads.update",
    "threads.read",
    "assistants.read",
]
"""Why the factory is called: ``threads.create_run`` executes the graph; ``threads.update``
applies a state update (node writers only, no node runs); ``threads.read`` formats state and
history; ``assistants.read`` describes the graph (schemas, drawing, subgraphs)."""


@dataclass(kw_only=True, slots=True, frozen=True)
class _ServerRuntimeBase(Generic[ContextT]):
    """What every variant carries. Built by the server; not meant to be constructed by users."""

    access_context: AccessContext
    """Why the factory is being called (see `AccessContext`)."""

    user: BaseUser | None = field(default=None)
    """The authenticated user; ``None`` when the server has no custom auth."""

    store: BaseStore
    """The server's store, for persistence and memory."""

    @property
    def execution_runtime(self) -> _ExecutionRuntime[ContextT] | None:
        """This runtime when it is for a run (``threads.create_run``), else ``None``."""
        if isinstance(self, _ExecutionRuntime):
            return self
        return None

    def ensure_user(self) -> BaseUser:
        """The authenticated user; `PermissionError` when there is none (no custom auth)."""
        if self.user is None:
            raise PermissionError(
                f"No authenticated user available in access_context='{self.access_context}'. "
                "Ensure custom auth is configured for the server."
            )
        return self.user


@dataclass(kw_only=True, slots=True, frozen=True)
class _ExecutionRuntime(_ServerRuntimeBase[ContextT], Generic[ContextT]):
    """The runtime of a run (``threads.create_run``): adds the run's ``context``."""

    context: ContextT = field(default=None)  # type: ignore[assignment]
    """The run's context, typed by the graph's ``context_schema``."""


@dataclass(kw_only=True, slots=True, frozen=True)
class _ReadRuntime(_ServerRuntimeBase[ContextT], Generic[ContextT]):
    """The runtime of every other access context (reads, updates, introspection): no context."""


ServerRuntime = TypeAliasType(
    "ServerRuntime",
    _ExecutionRuntime[ContextT] | _ReadRuntime[ContextT],
    type_params=(ContextT,),
)
"""What a graph factory receives: `_ExecutionRuntime` or `_ReadRuntime`, generic in the
context type (``ServerRuntime[MyContext]``). Needs Agent Server 0.7.30 or later."""
