"""The official module path of `CronClient` (re-exported from lg_crons)."""

from lg_crons import CronClient

__all__ = ["CronClient"]
