"""The bundled class list (.xlsx), CSV trip list and parent's e-mail (SYNTHETIC) redacted
with the demo settings: every family detail gone from every part, the teacher, the class
and the school's own address kept; and the three in one run with the pupil export."""

from __future__ import annotations

import email
import shutil
import zipfile
from email import policy
from pathlib import Path

from redactor.config import load_config
from redactor.formats.xlsx_reread import cell_texts

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
    # The text attachment (the medical form) is read and redacted, its name too.
    (form,) = message.iter_attachments()
    assert form.get_filename() == "[PUPIL] medical form.txt"
    assert "Condition: asthma (inhaler in the blue bag)" in form.get_content()


# The first three pupils of the export, their parents, numbers and addresses, as the
# class list writes them.
CLASS_LIST_FAMILIES = [
    "Tamsin", "Quarrie", "Tobenna", "Okonedo", "Elin", "Lindqvist", "Chijioke", "Freya",
    "14/03/2017", "02/11/2016", "21/07/2018", "900311", "900312", "900313", "Wrenfield",
    "Kestrel Court", "Marsh Mead", "SP11 9ZQ", "SP10 9QZ",
]  # fmt: skip


def every_part_of(path: Path) -> str:
    """Every text node and attribute of every part of a package, and its cells as shown."""
    with zipfile.ZipFile(path) as archive:
        raw = "\n".join(archive.read(i).decode("utf-8", "replace") for i in archive.infolist())
    return raw + "\n" + "\n".join(cell_texts(path))


def test_a_folder_of_list_workbook_and_email_in_one_run_with_the_export(run_cli, tmp_path):
    folder = tmp_path / "to share"
    folder.mkdir()
    for name in ("class-list.xlsx", "trip-list.csv", "parent-email.eml"):
        shutil.copy(SAMPLES / "documents" / name, folder / name)
    out = tmp_path / "out"
    result = run_cli("redact", folder, "-o", out, "--config", SAMPLES / "school" / "school.toml")
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in folder.iterdir())

    workbook = every_part_of(out / "class-list.xlsx")
    for value in CLASS_LIST_FAMILIES:
        assert value not in workbook, value
    # The teacher (a listed colleague) and the venue stay; the hidden sheet's medical
    # note stays, its pupil gone; the comment naming a parent is removed.
    assert "Miss Laura Bennett" in workbook and "Winchester Science Centre" in workbook
    assert "Asthma: inhaler in the blue bag" in workbook
    with zipfile.ZipFile(out / "class-list.xlsx") as archive:
        assert not [n for n in archive.namelist() if "comments" in n]

    trip = (out / "trip-list.csv").read_text(encoding="utf-8")
    message = email.message_from_bytes(
        (out / "parent-email.eml").read_bytes(), policy=policy.default
    )
    texts = [str(v) for _, v in message.items()]
    texts += [part.get_content() for part in message.walk() if not part.is_multipart()]
    for value in FAMILY:
        assert value not in trip and value not in "\n".join(texts), value
    assert "Miss Bennett" in trip and "Dear Miss Bennett" in "\n".join(texts)
