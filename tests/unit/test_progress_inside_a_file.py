"""Progress inside one long file: its segments go through the model in pieces, and after
each piece the listener hears how far the file has got. SYNTHETIC notes.
"""

from __future__ import annotations

from redactor.progress import PIECE_SEGMENTS, listening


def test_a_long_file_reports_its_pieces_in_order(make_redactor, tmp_path):
    notes = [f"Note {n}: Tansy Morwood read well today." for n in range(3 * PIECE_SEGMENTS)]
    source = tmp_path / "long.txt"
    source.write_text("\n\n".join(notes) + "\n", encoding="utf-8")
    heard: list[tuple[str, int, int]] = []
    with listening(lambda path, done, total: heard.append((path.name, done, total))):
        make_redactor().check_file(source)
    total = heard[0][2]
    assert total >= 3 * PIECE_SEGMENTS - 1
    assert [done for _, done, _ in heard] == sorted({done for _, done, _ in heard})
    assert len(heard) >= 3 and heard[-1] == ("long.txt", total, total)


def test_nobody_listening_is_no_trouble(make_redactor, tmp_path):
    source = tmp_path / "short.txt"
    source.write_text("Tansy Morwood read well today.\n", encoding="utf-8")
    assert make_redactor().check_file(source).findings
