"""Exit codes and the errors that carry them.

Every failure the user can meet is a :class:`RedactorError` with a plain-English
``reason`` and an :class:`ExitCode`. The CLI maps them to exit codes in one place
(``cli.main``); nothing chooses an exit code by reading message text. Messages
never contain a detected value. The full list, with what the user can do about
each, is in ``docs/errors.md``; ``tests/test_docs.py`` keeps the two in step.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """The process exit codes: a stable interface, documented in the README."""

    OK = 0
    """Success; for ``check``, nothing personal found."""
    FOUND = 1
    """``check`` found personal data (or something a person must review)."""
    USAGE = 2
    """Usage or configuration error: nothing was processed."""
    FILE_FAILED = 3
    """One or more files were refused or failed; the others were done."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C; no partial output was left behind."""


class RedactorError(Exception):
    """Base of every error redactor reports to a user."""

    exit_code: ExitCode = ExitCode.FILE_FAILED

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- usage and set-up: nothing is processed (exit 2) -------------------------


class UsageError(RedactorError):
    """The command line asks for something that cannot be done."""

    exit_code = ExitCode.USAGE


class ConfigError(UsageError):
    """The configuration file or an option value is wrong; never fall back to defaults."""


class ModelIntegrityError(UsageError):
    """The language model on disk is missing or differs from the pinned release."""


class RecognizerDefinitionError(UsageError):
    """A recognizer file in recognizers/ is malformed."""


class OutputLocationError(UsageError):
    """The output folder is inside an input folder, or is an input file itself."""


class KeyFileError(UsageError):
    """A pseudonym key file cannot be written, read or decrypted."""


class DecisionsError(UsageError):
    """A review's decisions file cannot be used: unreadable, not one of ours, or about
    inputs that changed since the review. Nothing is written, and the file is left as
    it is.
    """


# --- one file refused or failed: the batch goes on (exit 3) ------------------


class FileRefused(RedactorError):
    """A file redactor will not process, and why; no output is written for it."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(reason)
        self.path = Path(path)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class InputNotFound(FileRefused):
    """The path does not exist."""


class InputNotReadable(FileRefused):
    """The file exists but cannot be read (permissions, a folder, a device)."""


class UnsupportedFormat(FileRefused):
    """The file type is not one redactor handles."""


class EmptyDocument(FileRefused):
    """The file holds no text at all, so there is nothing to check."""


class FileTooLarge(FileRefused):
    """The file is over the configured size limit."""


class NotText(FileRefused):
    """A file named as text holds binary data."""


class UnknownEncoding(FileRefused):
    """The text is not in the configured encoding."""


class DamagedDocument(FileRefused):
    """The file's structure cannot be parsed."""


class UnreadableContent(FileRefused):
    """Part of the file cannot be read as text (a scanned page, a font whose glyphs
    cannot be decoded, text inside an image), so it cannot be checked.
    """


class EncryptedDocument(FileRefused):
    """The file is password-protected (or encrypted in part) and cannot be read."""


class UnsafeDocument(FileRefused):
    """The file is built to harm a reader (a zip bomb, a DTD); it is not opened further."""


class DocumentTimedOut(FileRefused):
    """The file took longer than the per-file time limit; no output was written."""


class OutputExists(FileRefused):
    """The output file is already there and ``--force`` was not given."""


class LeakDetected(FileRefused):
    """Verification found a detected value in the output; the output was discarded."""


class ProcessingFailed(FileRefused):
    """An unexpected fault while processing the file; no output was written."""
