"""``langgraph_sdk.priority.types``: the module `lg_server.priority.types` itself (see
``langgraph_sdk.encryption.types`` for why this file hands over to it)."""

import sys

from lg_server.priority import types as _types
from lg_server.priority.types import PriorityContext as PriorityContext
from lg_server.priority.types import PrioritySettings as PrioritySettings

sys.modules[__name__] = _types
