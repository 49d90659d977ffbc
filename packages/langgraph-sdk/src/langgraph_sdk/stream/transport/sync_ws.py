"""``langgraph_sdk.stream.transport.sync_ws``: the module `lg_threads.transport.sync_ws` itself."""

import sys

from lg_threads.transport import sync_ws as _module

sys.modules[__name__] = _module
