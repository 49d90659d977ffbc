"""``langgraph_sdk.stream.transport.ws``: the module `lg_threads.transport.ws` itself."""

import sys

from lg_threads.transport import ws as _module

sys.modules[__name__] = _module
