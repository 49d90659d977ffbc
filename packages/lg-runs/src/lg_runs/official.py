"""Helpers the official SDK keeps in private modules, for `langgraph_sdk` to re-export under
the official module paths (``langgraph_sdk._async.runs``, ``._shared.utilities``). The ``a``
prefix marks the async twin of a sync helper."""

from lg_runs._async.runs import _v2_parts as av2_parts
from lg_runs._responses import run_created_metadata, v2_from_event
from lg_runs._sync.runs import _v2_parts as v2_parts

__all__ = ["av2_parts", "run_created_metadata", "v2_from_event", "v2_parts"]
