"""``langgraph_sdk.stream.errors``: the module `lg_threads.stream_errors` itself."""

import sys

from lg_threads import stream_errors as _module

sys.modules[__name__] = _module
