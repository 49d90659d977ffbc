"""``langgraph_sdk.auth.types``: the module `lg_auth.types` itself.

``langgraph_sdk.auth`` registers lg_auth's module under this name, so this file runs only if
imported some other way; it then hands over to lg_auth's module in the same manner. The names
are listed for static analysis.
"""

import sys

from lg_auth import types as _types
from lg_auth.types import AssistantsCreate as AssistantsCreate
from lg_auth.types import AssistantsDelete as AssistantsDelete
from lg_auth.types import AssistantsRead as AssistantsRead
from lg_auth.types import AssistantsSearch as AssistantsSearch
from lg_auth.types import AssistantsUpdate as AssistantsUpdate
from lg_auth.types import AuthContext as AuthContext
from lg_auth.types import Authenticator as Authenticator
from lg_auth.types import BaseAuthContext as BaseAuthContext
from lg_auth.types import BaseUser as BaseUser
from lg_auth.types import CronsCreate as CronsCreate
from lg_auth.types import CronsDelete as CronsDelete
from lg_auth.types import CronsRead as CronsRead
from lg_auth.types import CronsSearch as CronsSearch
from lg_auth.types import CronsUpdate as CronsUpdate
from lg_auth.types import FilterType as FilterType
from lg_auth.types import Handler as Handler
from lg_auth.types import HandlerResult as HandlerResult
from lg_auth.types import IfNotExists as IfNotExists
from lg_auth.types import MetadataInput as MetadataInput
from lg_auth.types import MinimalUser as MinimalUser
from lg_auth.types import MinimalUserDict as MinimalUserDict
from lg_auth.types import MultitaskStrategy as MultitaskStrategy
from lg_auth.types import OnConflictBehavior as OnConflictBehavior
from lg_auth.types import RunsCreate as RunsCreate
from lg_auth.types import RunStatus as RunStatus
from lg_auth.types import StoreDelete as StoreDelete
from lg_auth.types import StoreGet as StoreGet
from lg_auth.types import StoreListNamespaces as StoreListNamespaces
from lg_auth.types import StorePut as StorePut
from lg_auth.types import StoreSearch as StoreSearch
from lg_auth.types import StudioUser as StudioUser
from lg_auth.types import T as T
from lg_auth.types import ThreadsCreate as ThreadsCreate
from lg_auth.types import ThreadsDelete as ThreadsDelete
from lg_auth.types import ThreadsRead as ThreadsRead
from lg_auth.types import ThreadsSearch as ThreadsSearch
from lg_auth.types import ThreadStatus as ThreadStatus
from lg_auth.types import ThreadsUpdate as ThreadsUpdate
from lg_auth.types import ThreadTTL as ThreadTTL
from lg_auth.types import on as on

sys.modules[__name__] = _types

__all__ = _types.__all__
