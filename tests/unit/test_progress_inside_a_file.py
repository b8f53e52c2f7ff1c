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


def test_a_long_file_in_a_worker_process_reports_its_pieces_too(
    make_redactor, tmp_path, monkeypatch
):
    import redactor.batch

    # Each file a chunk of its own, so that the two jobs run in two worker processes.
    monkeypatch.setattr(redactor.batch, "LARGE_FILE_BYTES", 100)
    notes = [f"Note {n}: Tansy Morwood read well today." for n in range(3 * PIECE_SEGMENTS)]
    long_file = tmp_path / "long.txt"
    long_file.write_text("\n\n".join(notes) + "\n", encoding="utf-8")
    (tmp_path / "short.txt").write_text("Idris Pellow read well today.\n", encoding="utf-8")
    heard: list[tuple[str, int, int]] = []
    redactor_ = make_redactor()
    with (
        listening(lambda path, done, total: heard.append((path.name, done, total))),
        redactor_.workers(2),
    ):
        batch = redactor_.check_paths([tmp_path], jobs=2)
    assert len(batch.results) == 2
    from_long = [entry for entry in heard if entry[0] == "long.txt"]
    assert len(from_long) >= 3
    total = from_long[0][2]
    assert from_long[-1] == ("long.txt", total, total)
