"""redactor: make school documents safe to share, offline.

The library API is :class:`redactor.api.Redactor`; the ``redactor`` command
wraps it (see ``redactor --help``).
"""

from redactor.api import Redaction, Redactor
from redactor.config import Config, load_config
from redactor.errors import ExitCode, RedactorError
from redactor.model import Profile, Role, Style
from redactor.results import BatchResult

__version__ = "0.1.0"

__all__ = [
    "BatchResult",
    "Config",
    "ExitCode",
    "Profile",
    "Redaction",
    "Redactor",
    "RedactorError",
    "Role",
    "Style",
    "__version__",
    "load_config",
]
