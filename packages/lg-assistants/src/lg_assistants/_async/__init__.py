"""The assistants client, written once as async; `_sync` is generated from it."""
