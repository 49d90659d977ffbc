"""langchain-core's chat-model streams: what ``thread.messages`` yields when it is installed.

The official SDK depends on langchain-core and yields its `AsyncChatModelStream` /
`ChatModelStream` for each message; langgraph (and so `RemoteGraph`) always has it installed.
This package does not depend on it: with langchain-core importable the messages are
langchain-core's streams, as the official ones; without it they are this package's
`MessageStream`. The import is looked up once, on the first message, never at import time
(langchain-core takes long to import).
"""

from __future__ import annotations

from typing import Any

_NOT_LOOKED_UP: Any = object()
_classes: Any = _NOT_LOOKED_UP


def langchain_stream_class(name: str) -> Any:
    """``langchain_core``'s ``AsyncChatModelStream`` or ``ChatModelStream``, or None."""
    global _classes
    if _classes is _NOT_LOOKED_UP:
        try:
            from langchain_core.language_models import chat_model_stream
        except ImportError:
            _classes = None
        else:
            _classes = chat_model_stream
    return None if _classes is None else getattr(_classes, name, None)


def use_own_message_streams(own: bool) -> None:
    """Force this package's `MessageStream` (True) or look langchain-core up again (False).

    For tests and for applications that prefer plain-dict messages.
    """
    global _classes
    _classes = None if own else _NOT_LOOKED_UP
