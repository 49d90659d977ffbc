"""The workspace's single release version; `scripts/bump_version.py` rewrites it with the rest."""

VERSION = "0.4.30"
