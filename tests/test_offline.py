"""Pupil data never leaves the machine: the whole pipeline runs with the network blocked."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap

from redactor.errors import ExitCode

NOTE = (
    "Olivia Smith (Year 4): mum Sarah Jones, sarah.jones@example.co.uk, 07700 900123, "
    "14 Elm Road, Basingstoke RG22 4TY. UPN A123456789012.\n"
)


def test_pipeline_in_process_makes_no_connection(no_network, make_redactor):
    redacted = make_redactor().redact_text(NOTE)
    assert "Olivia" not in redacted.text and "[EMAIL]" in redacted.text
    assert no_network.attempts == []


def test_the_guard_itself_catches_a_connection(no_network):
    """Proves the fixture would notice: a test that cannot fail is a defect."""
    import socket

    with contextlib.suppress(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.01)
    assert no_network.attempts


GUARDED_RUN = textwrap.dedent(
    """
    import socket, sys
    attempts = []
    def blocked(name):
        def refuse(*args, **kwargs):
            attempts.append(name)
            raise OSError("network blocked: " + name)
        return refuse
    for name in ("connect", "connect_ex", "sendto"):
        setattr(socket.socket, name, blocked(name))
    socket.getaddrinfo = blocked("getaddrinfo")
    socket.create_connection = blocked("create_connection")
    from redactor.cli import main
    code = main(sys.argv[1:])
    print("ATTEMPTS", len(attempts), attempts, file=sys.stderr)
    sys.exit(code)
    """
)


def test_fresh_process_with_sockets_blocked_from_the_start(tmp_path):
    """From interpreter start-up (imports, model load, email validation) to the written copy."""
    source = tmp_path / "note.txt"
    source.write_text(NOTE, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HUB_OFFLINE": "0"}
    result = subprocess.run(
        [sys.executable, "-c", GUARDED_RUN, "redact", str(source), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == ExitCode.OK, result.stderr
    assert "ATTEMPTS 0 []" in result.stderr
    written = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert "sarah.jones" not in written and "[EMAIL]" in written
