"""--import-mode=importlib keeps test folders off sys.path: put this one there, so that the
async and sync thread-stream tests share `thread_stream_fakes`.

langchain-core is installed in development, so `thread.messages` would yield its chat-model
streams: tests marked `langchain_messages` get those, the others this package's
`MessageStream`."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lg_threads import _chat_streams

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)


@pytest.fixture(autouse=True)
def _message_stream_class(request: pytest.FixtureRequest) -> Iterator[None]:
    own = request.node.get_closest_marker("langchain_messages") is None
    _chat_streams.use_own_message_streams(own)
    yield
    _chat_streams.use_own_message_streams(False)
