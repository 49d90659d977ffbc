"""``langgraph_sdk.stream.transport.http``: the module `lg_threads.transport.sse` itself."""

import sys

from lg_threads.transport import sse as _module

sys.modules[__name__] = _module
