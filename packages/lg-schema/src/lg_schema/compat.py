"""`TypedDict` and friends from the standard library where it has them right (3.11+); a public
module because lg-threads declares its own TypedDicts with them.

On 3.10 the stdlib `TypedDict` ignores `Required`/`NotRequired`, so typing_extensions stands in;
on 3.11+ the stdlib is used and importing this package does not load typing_extensions.
"""

import sys

if sys.version_info >= (3, 11):
    from typing import NotRequired, Required, TypedDict
else:  # pragma: no cover - exercised on Python 3.10 only
    from typing_extensions import NotRequired, Required, TypedDict

__all__ = ["NotRequired", "Required", "TypedDict"]
