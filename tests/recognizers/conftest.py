"""Fixtures for the recognizer tables: one detection engine for the whole run."""

from __future__ import annotations

import pytest

from redactor.detection.engine import DetectionEngine


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """The detection engine with the pinned model, loaded once (about five seconds)."""
    return DetectionEngine()
