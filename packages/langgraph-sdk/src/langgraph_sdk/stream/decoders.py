"""``langgraph_sdk.stream.decoders``: the module `lg_threads.decoders` itself."""

import sys

from lg_threads import decoders as _decoders
from lg_threads.decoders import RESERVED_INTERLEAVE_CHANNELS as RESERVED_INTERLEAVE_CHANNELS
from lg_threads.decoders import SUPPORTED_INTERLEAVE_CHANNELS as SUPPORTED_INTERLEAVE_CHANNELS
from lg_threads.decoders import DataDecoder as DataDecoder
from lg_threads.decoders import Decoder as Decoder
from lg_threads.decoders import ExtensionsDecoder as ExtensionsDecoder
from lg_threads.decoders import MessagesDecoder as MessagesDecoder
from lg_threads.decoders import SubgraphsDecoder as SubgraphsDecoder
from lg_threads.decoders import SubgraphStatus as SubgraphStatus
from lg_threads.decoders import ToolCallsDecoder as ToolCallsDecoder
from lg_threads.decoders import validate_interleave_channels as validate_interleave_channels

sys.modules[__name__] = _decoders

__all__ = _decoders.__all__
