"""The error tree: status table, messages with the server's explanation, attributes."""

from __future__ import annotations

import httpx
import pytest

from lg_transport import errors


def _response(status: int, **kwargs: object) -> httpx.Response:
    request = httpx.Request("POST", "http://server/threads/t1/runs")
    response = httpx.Response(status, request=request, **kwargs)  # type: ignore[arg-type]
    response.read()
    return response


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (500, errors.InternalServerError),
        (503, errors.InternalServerError),
        (418, errors.APIStatusError),
    ],
)
def test_status_table_picks_the_class(status: int, cls: type[errors.APIStatusError]) -> None:
    error = errors.error_for_response(_response(status, json={"detail": "nope"}))
    assert type(error) is cls
    assert error.status_code == status
    assert isinstance(error, httpx.HTTPStatusError)  # old `except` clauses keep working
    assert isinstance(error, errors.LangGraphError)


def test_message_carries_the_servers_detail_and_the_call() -> None:
    error = errors.error_for_response(_response(404, json={"detail": "Thread t1 not found"}))
    assert str(error) == "404 Not Found for POST /threads/t1/runs: Thread t1 not found"
    assert error.body == {"detail": "Thread t1 not found"}
    assert error.response.status_code == 404
    assert error.request.url.path == "/threads/t1/runs"


def test_fastapi_validation_lists_are_spelled_out() -> None:
    body = {
        "detail": [
            {"loc": ["body", "limit"], "msg": "Input should be a valid integer", "type": "int"},
            {"loc": ["query", "x"], "msg": "Field required", "type": "missing"},
        ]
    }
    error = errors.error_for_response(_response(422, json=body))
    assert "body.limit: Input should be a valid integer" in str(error)
    assert "query.x: Field required" in str(error)


def test_non_json_body_is_kept_as_text() -> None:
    error = errors.error_for_response(_response(502, text="<html>bad gateway</html>"))
    assert error.body == "<html>bad gateway</html>"
    assert "bad gateway" in str(error)


def test_message_field_and_request_id() -> None:
    response = _response(
        409, json={"message": "Thread is busy", "code": "busy"}, headers={"x-request-id": "r-7"}
    )
    error = errors.error_for_response(response)
    assert "Thread is busy" in str(error)
    assert error.request_id == "r-7"
    assert error.code == "busy"


def test_empty_body() -> None:
    error = errors.error_for_response(_response(500))
    assert error.body is None
    assert str(error) == "500 Internal Server Error for POST /threads/t1/runs"


def test_attempts_are_reported() -> None:
    error = errors.error_for_response(_response(503, json={"detail": "busy"}))
    error.attempts = 3
    assert str(error).endswith("(after 3 attempts)")


def test_connection_errors_are_in_the_tree() -> None:
    request = httpx.Request("GET", "http://server/ok")
    timeout = errors.APITimeoutError(request)
    assert isinstance(timeout, errors.APIConnectionError)
    assert isinstance(timeout, errors.APIError)
    assert timeout.request is request
    assert errors.APIConnectionError(request=request).message == "Connection error."


def test_tree_is_documented() -> None:
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        if name[0].isupper() and name != "LangGraphError":
            assert name in doc, name


@pytest.mark.parametrize(
    ("status", "body"),
    [(404, {"detail": "Not Found"}), (405, {"detail": "Method Not Allowed"}), (405, None)],
)
def test_an_endpoint_the_server_lacks_is_named_as_such(status: int, body: object) -> None:
    response = _response(status, json=body) if body is not None else _response(status)
    error = errors.error_for_response(response)
    assert type(error) is errors.NotImplementedByServerError
    assert error.status_code == status
    assert str(error).startswith("The server does not implement POST /threads/t1/runs")
    # Code written for the official SDK still catches it.
    assert isinstance(error, errors.NotFoundError)
    assert isinstance(error, httpx.HTTPStatusError)


def test_a_missing_resource_is_a_plain_not_found() -> None:
    for body in ({"detail": "Thread t1 not found"}, {"error": "not_found", "message": "gone"}):
        error = errors.error_for_response(_response(404, json=body))
        assert type(error) is errors.NotFoundError
