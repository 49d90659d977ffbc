"""--import-mode=importlib keeps test folders off sys.path: put this one there, so that the
async and sync thread-stream tests share `thread_stream_fakes`."""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
