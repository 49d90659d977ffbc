"""``langgraph_sdk.runtime``: the module `lg_server.runtime` itself, so the Agent Server's
``isinstance`` and ``is ServerRuntime`` checks see one set of objects."""

import sys

from lg_server import runtime as _runtime
from lg_server.runtime import AccessContext as AccessContext
from lg_server.runtime import ServerRuntime as ServerRuntime
from lg_server.runtime import _ExecutionRuntime as _ExecutionRuntime
from lg_server.runtime import _ReadRuntime as _ReadRuntime
from lg_server.runtime import _ServerRuntimeBase as _ServerRuntimeBase

sys.modules[__name__] = _runtime

__all__ = ["AccessContext", "ServerRuntime"]
