"""``langgraph_sdk.stream.sync_controller``: the official path of the sync shared-connection
multiplexer. As ``langgraph_sdk.stream.controller``, its multiplexer has no counterpart in this
SDK (docs/compatibility.md lists the names and why); its lifecycle test is here."""

from lg_threads.filters import is_root_terminal_lifecycle as _is_root_terminal_lifecycle

__all__ = ["_is_root_terminal_lifecycle"]
