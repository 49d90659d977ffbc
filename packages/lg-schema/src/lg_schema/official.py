"""Shapes the official SDK keeps private in ``langgraph_sdk.schema``, for `langgraph_sdk` to
re-export there under the same names."""

from lg_schema._inputs import _BaseModelLike, _DataclassLike, _TypedDictLikeV1, _TypedDictLikeV2
from lg_schema._stream import (
    _DebugCheckpointPayload,
    _DebugTaskPayload,
    _DebugTaskResultPayload,
)

__all__ = [
    "_BaseModelLike",
    "_DataclassLike",
    "_DebugCheckpointPayload",
    "_DebugTaskPayload",
    "_DebugTaskResultPayload",
    "_TypedDictLikeV1",
    "_TypedDictLikeV2",
]
