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
        """The assistant with this id (a UUID: a graph name is answered with 422).

        Args:
            assistant_id: The assistant's UUID.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The `Assistant`.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
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
        subgraphs too (``True`` for all, an int for that many levels).

        Args:
            assistant_id: The assistant's UUID.
            xray: Include subgraphs' nodes: ``True`` for all levels, or the depth.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The graph as ``{"nodes": [...], "edges": [...]}`` (JSON), for drawing.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
        request = _requests.get_graph(assistant_id, xray, headers, params)
        return cast("dict[str, list[dict[str, Any]]]", await self.http.send(request))

    async def get_schemas(
        self,
        assistant_id: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: QueryParamTypes | None = None,
    ) -> GraphSchema:
        """The JSON schemas of the assistant graph's input, output, state, config and context.

        Args:
            assistant_id: The assistant's UUID.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The graph's ``input_schema``, ``output_schema``, ``state_schema``, ``config_schema``
            and ``context_schema`` (JSON Schema).

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
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
        nested ones too with ``recurse``).

        Args:
            assistant_id: The assistant's UUID.
            namespace: Only the subgraph at this namespace.
            recurse: Include nested subgraphs.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The subgraphs' schemas, by namespace.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
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
        ``assistant_id`` is returned as it is instead of raising `ConflictError`.

        Args:
            graph_id: The graph's name, as in the server's ``langgraph.json``.
            config: The assistant's configuration (``configurable``, ...).
            context: The assistant's static context, for graphs with a context schema.
            metadata: Metadata to attach, a JSON object.
            assistant_id: A UUID of your own for the new assistant; default: generated.
            if_exists: When ``assistant_id`` exists: ``"raise"`` (default, 409) or
                ``"do_nothing"`` (return it).
            name: The assistant's name.
            headers: Extra headers for this request only.
            description: A description of the assistant.
            params: Extra query parameters for this request only.

        Returns:
            The new (or, with ``if_exists="do_nothing"``, the existing) `Assistant`.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such graph.
            ConflictError: ``assistant_id`` exists and ``if_exists`` is ``"raise"``.
            APIConnectionError: The server could not be reached.
        """
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
        latest. ``metadata`` is merged into the current metadata.

        Args:
            assistant_id: The assistant's UUID.
            graph_id: Switch the assistant to this graph.
            config: The assistant's configuration (``configurable``, ...).
            context: The assistant's static context, for graphs with a context schema.
            metadata: Metadata to attach, a JSON object.
            name: The assistant's name.
            headers: Extra headers for this request only.
            description: A description of the assistant.
            params: Extra query parameters for this request only.

        Returns:
            The updated `Assistant` (a new version).

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
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
        checkpoints) whose ``metadata.assistant_id`` is this assistant.

        Args:
            assistant_id: The assistant's UUID.
            delete_threads: Also delete the threads that ran on this assistant.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
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

        Args:
            metadata: Only assistants whose metadata contains these pairs.
            graph_id: Only assistants of this graph.
            name: Only assistants whose name contains this.
            limit: The most items to return (default 10).
            offset: Items to skip, for paging.
            sort_by: The field to sort by (``"assistant_id"``, ``"created_at"``,
                ``"updated_at"``, ``"name"``, ``"graph_id"``).
            sort_order: ``"asc"`` or ``"desc"``.
            select: Only these fields of each item.
            response_format: ``"array"`` (default): a list; ``"object"``: ``{"assistants":
                [...], "next": ...}`` with the next page's offset.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            A list of `Assistant` (or ``{"assistants": [...], "next": offset or None}`` with
            ``response_format="object"``).

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            APIConnectionError: The server could not be reached.
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
        """How many assistants match the filters (the same ones as `search`).

        Args:
            metadata: Only assistants whose metadata contains these pairs.
            graph_id: Only assistants of this graph.
            name: Only assistants whose name contains this.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The number of matching assistants.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            APIConnectionError: The server could not be reached.
        """
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
        """The saved versions of an assistant, newest first, filtered by ``metadata``.

        Args:
            assistant_id: The assistant's UUID.
            metadata: Only versions whose metadata contains these pairs.
            limit: The most items to return (default 10).
            offset: Items to skip, for paging.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The assistant's versions, newest first.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
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
        """Make ``version`` the assistant's current version (e.g. to roll back an update).

        Args:
            assistant_id: The assistant's UUID.
            version: The version to make the latest.
            headers: Extra headers for this request only.
            params: Extra query parameters for this request only.

        Returns:
            The `Assistant` at that version.

        Raises:
            TypeError, ValueError: A bad argument (an empty id, a wrong type, an unknown
                literal), naming it, before anything is sent.
            NotFoundError: No such assistant.
            UnprocessableEntityError: ``assistant_id`` is not a UUID (graph names are not
                accepted here).
            APIConnectionError: The server could not be reached.
        """
        request = _requests.set_latest(assistant_id, version, headers, params)
        return cast(Assistant, await self.http.send(request))
