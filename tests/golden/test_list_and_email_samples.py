"""The bundled CSV trip list and parent's e-mail (SYNTHETIC) redacted with the demo
settings: every family detail gone from every part, the teacher, the class and the
school's own address kept."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from redactor.config import load_config

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FAMILY = [
    "Marigold", "Harrowden", "Rafferty", "Quince", "Delphine", "Otis", "14/03/2016",
    "02/11/2015", "07700 900611", "07700 900612", "Larch Close", "SP10 3QZ",
    "d.harrowden@example.com",
]  # fmt: skip


def redact(make_redactor, tmp_path: Path, name: str) -> Path:
    redactor = make_redactor(load_config(SAMPLES / "redactor.toml"))
    dest = tmp_path / name
    redactor.redact_file(SAMPLES / "documents" / name, dest)
    return dest


def test_the_trip_list(make_redactor, tmp_path):
    written = redact(make_redactor, tmp_path, "trip-list.csv").read_bytes().decode("utf-8")
    for value in FAMILY:
        assert value not in written, value
    assert written.startswith("Pupil,Class,DOB,Parent/carer,Mobile,Notes\r\n")
    assert ",Elm," in written  # the class, under its header
    assert "Miss Bennett" in written and "Inhaler in the blue bag" in written


def test_the_parents_email(make_redactor, tmp_path):
    dest = redact(make_redactor, tmp_path, "parent-email.eml")
    message = email.message_from_bytes(dest.read_bytes(), policy=policy.default)
    texts = [str(v) for _, v in message.items()]
    texts += [part.get_content() for part in message.walk() if not part.is_multipart()]
    everything = "\n".join(texts)
    for value in FAMILY:
        assert value not in everything, value
    assert "office@hollybrook.example.sch.uk" in message["To"]  # the school's own address
    assert "Dear Miss Bennett" in everything and "inhaler" in everything
