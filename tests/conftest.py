"""Shared fixtures: one loaded engine per test run, a CLI runner, a network guard."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from redactor.api import Redactor
from redactor.config import Config
from redactor.detection.engine import DetectionEngine

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """The detection engine, loaded once for the whole run (about five seconds)."""
    return DetectionEngine()


@pytest.fixture
def make_redactor(engine: DetectionEngine):
    """Build a Redactor for a given Config, sharing the session's engine."""

    def build(config: Config | None = None, **overrides: object) -> Redactor:
        base = config or Config()
        return Redactor(base.with_overrides(**overrides) if overrides else base, engine=engine)

    return build


def sharing_model(engine: DetectionEngine):
    """A stand-in for DetectionEngine that reuses the session's loaded model."""

    def make(roster=None) -> DetectionEngine:
        return engine if roster is None else DetectionEngine(nlp=engine.nlp, roster=roster)

    return make


@dataclass
class CliRun:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], engine: DetectionEngine, monkeypatch):
    """Run ``redactor ARGS`` in-process (sharing the loaded engine) and capture the result."""
    import redactor.api as api

    monkeypatch.setattr(api, "DetectionEngine", sharing_model(engine))

    def run(*args: str | Path) -> CliRun:
        from redactor.cli import main

        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(int(code), captured.out, captured.err)

    return run


@dataclass
class NetworkLog:
    attempts: list[str]


@pytest.fixture
def no_network(monkeypatch) -> Iterator[NetworkLog]:
    """Block every socket operation that could reach another machine, and record attempts."""
    log = NetworkLog([])

    def refuse(name: str):
        def blocked(*args: object, **kwargs: object):
            log.attempts.append(f"{name}{args[1:2]}")
            raise OSError(f"network access attempted in a test ({name})")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    yield log
