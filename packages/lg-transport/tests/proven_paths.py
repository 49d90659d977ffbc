"""Which fast paths the installed httpx, httpcore and h11 should take (`lg_transport._internals`
takes each only on the versions the dependency matrix proved it on). Tests assert "engaged
where proved, off elsewhere" with these, and skip only what is about a fast path's own
mechanics where that path is off."""

import h11
import httpcore
import httpx
import pytest

from lg_transport._internals import lazy_tls, proven

#: httpx's short send path.
SHORT_PATH = proven("httpx", httpx.__version__)
#: The lean pool and the raw event-stream body (both build on httpcore and h11).
HTTPCORE_PATHS = proven("httpcore", httpcore.__version__) and proven("h11", h11.__version__)

#: httpx's default TLS context built on the first TLS connection.
LAZY_TLS = lazy_tls.proven("httpx", httpx.__version__) and lazy_tls.proven(
    "httpcore", httpcore.__version__
)

needs_httpcore_paths = pytest.mark.skipif(
    not HTTPCORE_PATHS,
    reason=f"httpcore {httpcore.__version__} / h11 {h11.__version__} are outside the proven "
    "range: the lean pool and raw body are off (test_internals checks that they are)",
)
