"""``langgraph_sdk.stream.transport.base``: the module `lg_threads.transport.base` itself."""

import sys

from lg_threads.transport import base as _module

sys.modules[__name__] = _module
