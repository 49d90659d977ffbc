"""``langgraph_sdk.encryption.types``: the module `lg_server.encryption.types` itself.

``langgraph_sdk.encryption`` registers lg_server's module under this name, so this file runs only
if imported some other way; it then hands over in the same manner. Names for static analysis.
"""

import sys

from lg_server.encryption import types as _types
from lg_server.encryption.types import BlobDecryptor as BlobDecryptor
from lg_server.encryption.types import BlobEncryptor as BlobEncryptor
from lg_server.encryption.types import ContextHandler as ContextHandler
from lg_server.encryption.types import DecryptResult as DecryptResult
from lg_server.encryption.types import EncryptionContext as EncryptionContext
from lg_server.encryption.types import Json as Json
from lg_server.encryption.types import JsonDecryptor as JsonDecryptor
from lg_server.encryption.types import JsonEncryptor as JsonEncryptor

sys.modules[__name__] = _types
