"""The assistants client: versioned configurations of the server's graphs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from lg_assistants import _requests
from lg_assistants._async.paging import AssistantsPaging
from lg_schema import (
    Assistant,
    AssistantSelectField,
    AssistantSortBy,
    AssistantsSearchResponse,
    AssistantVersion,
    Config,
    Context,
    GraphSchema,
    Json,
    OnConflictBehavior,
    QueryParamTypes,
    SortOrder,
    Subgraphs,
)
from lg_transport import ResourceClient

if TYPE_CHECKING:
    import httpx


class AssistantsClient(AssistantsPaging, ResourceClient):
    """Create, find, version and inspect assistants (a graph plus its config and context)."""

    async def get(
        self,
        assistant_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Assistant:
        """The assistant with this id (a UUID: a graph name is answered with 422)."""
        request = _requests.get(assistant_id, headers, params)
        return cast(Assistant, await self.http.send(request))

    async def get_graph(
        self,
        assistant_id: str,
        *,
        xray: int | bool = False,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> dict[str, list[dict[str, Any]]]:
        """The assistant's graph as ``{"nodes": [...], "edges": [...]}``; ``xray`` draws
        subgraphs too (``True`` for all, an int for that many levels)."""
        request = _requests.get_graph(assistant_id, xray, headers, params)
        return cast("dict[str, list[dict[str, Any]]]", await self.http.send(request))

    async def get_schemas(
        self,
        assistant_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> GraphSchema:
        """The JSON schemas of the assistant graph's input, output, state, config and context."""
        request = _requests.get_schemas(assistant_id, headers, params)
        return cast(GraphSchema, await self.http.send(request))

    async def get_subgraphs(
        self,
        assistant_id: str,
        namespace: str | None = None,
        recurse: bool = False,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Subgraphs:
        """Schemas of the graph's subgraphs by namespace (only ``namespace`` when given;
        nested ones too with ``recurse``)."""
        request = _requests.get_subgraphs(assistant_id, namespace, recurse, headers, params)
        return cast(Subgraphs, await self.http.send(request))

    async def create(
        self,
        graph_id: str | None,
        config: Config | None = None,
        *,
        context: Context | None = None,
        metadata: Json = None,
        assistant_id: str | None = None,
        if_exists: OnConflictBehavior | None = None,
        name: str | None = None,
        headers: Mapping[str, str] | None = None,
        description: str | None = None,
        params: QueryParamTypes | None = None,
    ) -> Assistant:
        """A new assistant for ``graph_id``; with ``if_exists="do_nothing"`` an existing
        ``assistant_id`` is returned as it is instead of raising `ConflictError`."""
        request = _requests.create(
            graph_id,
            config,
            context,
            metadata,
            assistant_id,
            if_exists,
            name,
            description,
            headers,
            params,
        )
        return cast(Assistant, await self.http.send(request))

    async def update(
        self,
        assistant_id: str,
        *,
        graph_id: str | None = None,
        config: Config | None = None,
        context: Context | None = None,
        metadata: Json = None,
        name: str | None = None,
        headers: Mapping[str, str] | None = None,
        description: str | None = None,
        params: QueryParamTypes | None = None,
    ) -> Assistant:
        """Change an assistant; the server saves the result as a new version and makes it the
        latest. ``metadata`` is merged into the current metadata."""
        request = _requests.update(
            assistant_id, graph_id, config, context, metadata, name, description, headers, params
        )
        return cast(Assistant, await self.http.send(request))

    async def delete(
        self,
        assistant_id: str,
        *,
        delete_threads: bool = False,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> None:
        """Delete an assistant; ``delete_threads`` also deletes the threads (with their runs and
        checkpoints) whose ``metadata.assistant_id`` is this assistant."""
        await self.http.send(_requests.delete(assistant_id, delete_threads, headers, params))

    @overload
    async def search(
        self,
        *,
        metadata: Json = None,
        graph_id: str | None = None,
        name: str | None = None,
        limit: int = 10,
        offset: int = 0,
        sort_by: AssistantSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[AssistantSelectField] | None = None,
        response_format: Literal["object"],
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> AssistantsSearchResponse: ...

    @overload
    async def search(
        self,
        *,
        metadata: Json = None,
        graph_id: str | None = None,
        name: str | None = None,
        limit: int = 10,
        offset: int = 0,
        sort_by: AssistantSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[AssistantSelectField] | None = None,
        response_format: Literal["array"] = "array",
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> list[Assistant]: ...

    async def search(
        self,
        *,
        metadata: Json = None,
        graph_id: str | None = None,
        name: str | None = None,
        limit: int = 10,
        offset: int = 0,
        sort_by: AssistantSortBy | None = None,
        sort_order: SortOrder | None = None,
        select: list[AssistantSelectField] | None = None,
        response_format: Literal["array", "object"] = "array",
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> AssistantsSearchResponse | list[Assistant]:
        """Assistants matching the filters (``name``: case-insensitive substring).

        ``response_format="object"`` returns ``{"assistants": [...], "next": cursor}``, where
        ``next`` is the offset of the next page from the ``X-Pagination-Next`` response header,
        or ``None`` on the last page.
        """
        request = _requests.search(
            metadata,
            graph_id,
            name,
            limit,
            offset,
            sort_by,
            sort_order,
            select,
            response_format,
            headers,
            params,
        )
        if response_format == "array":
            return cast("list[Assistant]", await self.http.send(request))
        next_page: str | None = None

        def remember_next_page(response: httpx.Response) -> None:
            nonlocal next_page
            next_page = response.headers.get(_requests.NEXT_PAGE_HEADER)

        assistants = cast("list[Assistant]", await self.http.send(request, remember_next_page))
        return {"assistants": assistants, "next": next_page}

    async def count(
        self,
        *,
        metadata: Json = None,
        graph_id: str | None = None,
        name: str | None = None,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> int:
        """How many assistants match the filters (the same ones as `search`)."""
        request = _requests.count(metadata, graph_id, name, headers, params)
        return cast(int, await self.http.send(request))

    async def get_versions(
        self,
        assistant_id: str,
        metadata: Json = None,
        limit: int = 10,
        offset: int = 0,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> list[AssistantVersion]:
        """The saved versions of an assistant, newest first, filtered by ``metadata``."""
        request = _requests.get_versions(assistant_id, metadata, limit, offset, headers, params)
        return cast("list[AssistantVersion]", await self.http.send(request))

    async def set_latest(
        self,
        assistant_id: str,
        version: int,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> Assistant:
        """Make ``version`` the assistant's current version (e.g. to roll back an update)."""
        request = _requests.set_latest(assistant_id, version, headers, params)
        return cast(Assistant, await self.http.send(request))
