"""``langgraph_sdk.auth.exceptions``: the module `lg_auth.exceptions` itself.

``langgraph_sdk.auth`` registers lg_auth's module under this name, so this file runs only if
imported some other way; it then hands over to lg_auth's module in the same manner.
"""

import sys

from lg_auth import exceptions as _exceptions
from lg_auth.exceptions import HTTPException as HTTPException

sys.modules[__name__] = _exceptions

__all__ = ["HTTPException"]
