"""``langgraph_sdk.stream.multi_cursor_buffer``: the module `lg_threads.multi_cursor_buffer` itself."""

import sys

from lg_threads import multi_cursor_buffer as _module

sys.modules[__name__] = _module
