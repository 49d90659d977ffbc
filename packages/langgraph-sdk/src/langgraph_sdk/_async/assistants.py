"""The official module path of `AssistantsClient` (re-exported from lg_assistants)."""

from lg_assistants import AssistantsClient

__all__ = ["AssistantsClient"]
