"""The one exception auth handlers raise to answer a request with an HTTP error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["HTTPException"]


class HTTPException(Exception):
    """Stop the request and answer with ``status_code``, ``{"detail": detail}`` and ``headers``.

    The status defaults to 401 because the usual reason to raise from an auth handler is a
    missing or invalid credential; ``detail`` defaults to the status's standard phrase.
    """

    def __init__(
        self,
        status_code: int = 401,
        detail: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if detail is None:
            detail = _standard_phrase(status_code)
        self.status_code = status_code
        self.detail = detail
        self.headers = headers

    def __str__(self) -> str:
        return f"{self.status_code}: {self.detail}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code!r}, detail={self.detail!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickles its positional args, which are empty when the exception was built
        # with keywords; rebuild from the attributes instead so nothing is lost across processes.
        return (type(self), (self.status_code, self.detail, self.headers))


def _standard_phrase(status_code: int) -> str:
    import http  # only when a default detail is needed: keeps `import lg_auth` lean

    try:
        return http.HTTPStatus(status_code).phrase
    except ValueError:  # a status code http.HTTPStatus does not know, e.g. 499
        return "Error"
