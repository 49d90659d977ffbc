"""``langgraph_sdk.stream.controller``: the module `lg_threads.controller` itself (the
shared-stream subscription multiplexer, `StreamController`)."""

import sys

from lg_threads import controller as _module

sys.modules[__name__] = _module
