"""Helpers the official SDK keeps in private modules, for `langgraph_sdk` to re-export under
the official module paths (``langgraph_sdk._shared.utilities``)."""

from lg_crons._requests import timezone_name

__all__ = ["timezone_name"]
