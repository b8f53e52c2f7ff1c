"""Where the recognizer definitions and word lists are installed.

A module of its own, importing nothing of redactor's detection, so that the
recognizer loader, the validators and the vocabulary can all find the files
without importing one another.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from redactor.errors import RecognizerDefinitionError


def recognizer_dir() -> Path:
    """Where the recognizer files are: inside the installed package, or the source tree.

    A wheel carries them as ``redactor/recognizers``; an editable install of a
    checkout runs from ``src/`` and finds them at the top of the repository.
    """
    packaged = Path(str(importlib.resources.files("redactor"))) / "recognizers"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "recognizers"
    if checkout.is_dir():
        return checkout
    raise RecognizerDefinitionError(
        "the recognizer definitions are missing from this installation; reinstall redactor"
    )
