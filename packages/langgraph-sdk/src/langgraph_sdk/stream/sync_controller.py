"""``langgraph_sdk.stream.sync_controller``: the module `lg_threads.sync_controller` itself
(`SyncStreamController`)."""

import sys

from lg_threads import sync_controller as _module

sys.modules[__name__] = _module
