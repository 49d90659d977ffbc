"""``langgraph_sdk.stream.transport.sync_http``: the module `lg_threads.transport.sync_sse` itself."""

import sys

from lg_threads.transport import sync_sse as _module

sys.modules[__name__] = _module
