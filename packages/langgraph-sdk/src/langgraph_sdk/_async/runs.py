"""The official module path of `RunsClient` and ``_wrap_stream_v2`` (re-exported from lg_runs)."""

from lg_runs import RunsClient
from lg_runs.official import av2_parts as _wrap_stream_v2

__all__ = ["RunsClient", "_wrap_stream_v2"]
