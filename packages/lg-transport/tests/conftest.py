"""--import-mode=importlib keeps test folders off sys.path: put this one there, so that the
loopback servers of several test modules share `loopback_http`."""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
