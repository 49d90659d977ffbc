"""Helpers the official SDK keeps in private modules, for `langgraph_sdk` to re-export under
the official module paths (``langgraph_sdk._async.runs``, ``._shared.utilities``). The ``a``
prefix marks the async twin of a sync helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lg_runs._async.runs import _v2_parts as av2_parts
from lg_runs._responses import run_created_metadata, v2_from_event
from lg_transport.lazy import lazy_names

if TYPE_CHECKING:
    from lg_runs._sync.runs import _v2_parts as v2_parts

# The sync twin loads when first reached: an async program never needs the sync client.
_LAZY = {"v2_parts": "lg_runs._sync.runs:_v2_parts"}

__all__ = ["av2_parts", "run_created_metadata", "v2_from_event", "v2_parts"]


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
