"""``langgraph_sdk.stream.subscription``: the module `lg_threads.filters` itself (the official
client-side filter rules and the protocol's type names)."""

import sys

from lg_threads import filters as _filters
from lg_threads.filters import Channel as Channel
from lg_threads.filters import Event as Event
from lg_threads.filters import Namespace as Namespace
from lg_threads.filters import SubscribeParams as SubscribeParams
from lg_threads.filters import compute_union_filter as compute_union_filter
from lg_threads.filters import filter_covers as filter_covers
from lg_threads.filters import infer_channel as infer_channel
from lg_threads.filters import is_prefix_match as is_prefix_match
from lg_threads.filters import matches_subscription as matches_subscription
from lg_threads.filters import namespace_matches as namespace_matches
from lg_threads.filters import normalize_segment as normalize_segment

sys.modules[__name__] = _filters
