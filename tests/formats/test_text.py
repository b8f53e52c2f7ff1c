"""Plain text: round trips read back with an independent reader (bytes, decoded)."""

from __future__ import annotations

import codecs

import pytest

from redactor.config import Config
from redactor.errors import ExitCode
from redactor.formats.text import MAX_BLOCK_CHARS, TextHandler, text_segments

NOTE = (
    "SEN review (synthetic).\r\n\r\n"
    "Zofia Kowalska's review: mum, Anna Kowalska, 07700 900321, anna.k@example.org.\r\n"
    "Home: 9 Larkspur Close, Andover SP10 2AB.\r\n\r\n"
    "Actions agreed by the SENCo on 12 March.\r\n"
)
GONE = ["Zofia", "Kowalska", "Anna", "07700 900321", "anna.k@example.org", "Larkspur", "SP10 2AB"]
KEPT = ["SEN review (synthetic).", "review: mum,", "Actions agreed by the SENCo on 12 March."]


def redact_one(run_cli, tmp_path, data: bytes, *extra: str) -> bytes:
    source = tmp_path / "note.txt"
    source.write_bytes(data)
    result = run_cli("redact", source, "-o", tmp_path / "out", *extra)
    assert result.code == ExitCode.OK, result.err
    return (tmp_path / "out" / "note.txt").read_bytes()


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)],
)
def test_round_trip_keeps_encoding_bom_and_line_endings(run_cli, tmp_path, encoding, bom):
    output = redact_one(run_cli, tmp_path, bom + NOTE.encode(encoding))
    assert output.startswith(bom)
    text = output[len(bom) :].decode(encoding)
    for value in GONE:
        assert value not in text
    for value in KEPT:
        assert value in text
    assert text.count("\r\n") == NOTE.count("\r\n")
    assert "[EMAIL]" in text and "[PHONE]" in text and "[ADDRESS]" in text


@pytest.mark.parametrize(
    "bom, encoding",
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (b"", "cp1252"),
    ],
)
def test_a_document_of_many_blocks_is_written_back_byte_for_byte(tmp_path, bom, encoding):
    # Written a block at a time: the byte order mark comes once, at the start, and the
    # byte order is the input's (big-endian UTF-16 came back little-endian before).
    text = "\r\n\r\n".join(f"Block {n}: the trip to the café on 3 May." for n in range(300))
    source, dest = tmp_path / "note.txt", tmp_path / "out.txt"
    source.write_bytes(bom + text.encode(encoding))
    handler = TextHandler()
    doc = handler.extract(source, Config(text_encoding=encoding))
    assert len(doc.segments) == 300
    handler.write(doc, [], dest)
    assert dest.read_bytes() == source.read_bytes()


def test_legacy_encoding_when_named(run_cli, tmp_path):
    data = NOTE.replace("Zofia", "Zoé").encode("cp1252")
    output = redact_one(run_cli, tmp_path, data, "--encoding", "cp1252")
    text = output.decode("cp1252")
    assert "Zoé" not in text and "Kowalska" not in text
    assert "SEN review (synthetic)." in text


def test_only_detected_text_changes(run_cli, tmp_path):
    output = redact_one(run_cli, tmp_path, NOTE.encode()).decode()
    assert output.splitlines()[0] == NOTE.splitlines()[0]
    assert output.splitlines()[-1] == NOTE.splitlines()[-1]
    assert len(output.splitlines()) == len(NOTE.splitlines())


def test_segments_cover_the_text_exactly():
    text = "a\n\nb\n \n\nc" + "x" * 10 + "\n"
    assert "".join(s.text for s in text_segments(text)) == text
    assert [s.first_line for s in text_segments(text)] == [1, 3, 6]


def test_a_very_long_line_is_split_without_cutting_words():
    text = ("word " * (MAX_BLOCK_CHARS // 2)).strip()
    segments = text_segments(text)
    assert len(segments) >= 2
    assert "".join(s.text for s in segments) == text
    assert all(len(s.text) <= MAX_BLOCK_CHARS for s in segments)
    assert all(s.text.endswith(" ") for s in segments[:-1])


def test_a_long_block_is_cut_between_sentences_not_inside_a_wrapped_name():
    # Lines wrapped at a fixed width, no blank line: a cut at any line break could part
    # a first name from its surname; the cut must come after a sentence.
    sentence = "The meeting with Mrs Hazel\nQuarrie went well and notes were shared. "
    text = sentence * (MAX_BLOCK_CHARS // len(sentence) + 5)
    segments = text_segments(text)
    assert len(segments) >= 2
    assert "".join(s.text for s in segments) == text
    assert all(s.text.endswith("shared. ") for s in segments[:-1])


def test_without_line_breaks_a_long_block_is_cut_after_a_sentence_not_an_initial():
    sentence = "Notes from T. Pask. Reviewed by Mrs. Kerensa Senara today? "
    text = sentence * (MAX_BLOCK_CHARS // len(sentence) + 5)
    segments = text_segments(text)
    assert len(segments) >= 2
    assert all(s.text.endswith(("Pask. ", "today? ")) for s in segments[:-1])


def test_a_long_block_of_wrapped_lines_without_sentences_is_cut_at_a_line_break():
    text = "Tansy Morwood\n" * (MAX_BLOCK_CHARS // 14 + 5)
    segments = text_segments(text)
    assert len(segments) >= 2
    assert all(s.text.endswith("Morwood\n") for s in segments[:-1])
