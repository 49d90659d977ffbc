"""``langgraph_sdk.cache``: the module `lg_server.cache` itself, so patching its server hooks
(``_api_swr``, ...) under either name affects both."""

import sys

from lg_server import cache as _cache
from lg_server.cache import SWRResult as SWRResult
from lg_server.cache import cache_get as cache_get
from lg_server.cache import cache_set as cache_set
from lg_server.cache import swr as swr

sys.modules[__name__] = _cache

__all__ = ["SWRResult", "cache_get", "cache_set", "swr"]
