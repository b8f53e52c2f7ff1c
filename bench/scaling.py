"""How redaction scales with the size of one document: seconds, words/s and peak memory.

    .venv/bin/python bench/scaling.py                    # 0.1, 0.2, 1, 5 and 25 MB of text
    .venv/bin/python bench/scaling.py --sizes 0.1 1      # some sizes only
    .venv/bin/python bench/scaling.py --pdf-pages 1000 --docx-pages 500
    .venv/bin/python bench/scaling.py --sizes --limit-check 5   # 5 MB under time_limit_s = 5

Each size is one .txt file of generated SYNTHETIC school notes (bench/corpus_gen.py, the
throughput notes), redacted by ``Redactor.redact_file`` (read, detect, resolve, write,
verify) in a fresh process, so that the peak resident memory of that process (model
included) belongs to that size alone. ``--pdf-pages`` and ``--docx-pages`` build a long
PDF and a long Word document from the same notes and time them the same way. Speed is
measured here, never in a unit test; sockets are blocked in every child.
``--limit-check N`` runs the command line on a folder of an N MB text and three short
notes with ``time_limit_s = 5`` and reports how long the run took, how the large file
ended and whether the notes were done.
"""

from __future__ import annotations

import argparse
import json
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate_notes  # noqa: E402

DEFAULT_SIZES = (0.1, 0.2, 1.0, 5.0, 25.0)


def school_text(megabytes: float, seed: int = 11) -> str:
    """About ``megabytes`` of notes, each a paragraph, blank lines between."""
    wanted = int(megabytes * 1_000_000)
    notes: list[str] = []
    size = 0
    batch = 0
    while size < wanted:
        for note in generate_notes(200, seed + batch):
            notes.append(note)
            size += len(note.encode("utf-8")) + 2
            if size >= wanted:
                break
        batch += 1
    return "\n\n".join(notes) + "\n"


def child(path: str, out: str) -> None:
    """Redact one file and print seconds and peak memory as JSON (runs in a fresh process)."""

    def refuse(*args: object, **kwargs: object) -> Any:
        raise OSError("network blocked in the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    from redactor.api import Redactor
    from redactor.config import Config

    # The default limits (25 MB, 120 s per file) would refuse the largest sizes.
    redactor = Redactor(Config(time_limit_s=7200, max_file_mb=100))
    redactor.engine  # noqa: B018 - load the model before timing
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    redactor.redact_file(Path(path), Path(out))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "model_mb": loaded}))


def measure(path: Path, words: int, label: str) -> dict[str, Any]:
    out = path.with_name(f"out-{path.name}")
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"label": label, "error": done.stderr.strip().splitlines()[-1:]}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures.update(label=label, words=words, words_per_s=words / figures["seconds"])
    return dict(figures)


def long_docx(path: Path, pages: int) -> int:
    import docx

    document = docx.Document()
    words = 0
    notes = generate_notes(pages * 4, 5)
    for index, note in enumerate(notes):
        document.add_paragraph(note)
        words += len(note.split())
        if index % 4 == 3:
            document.add_page_break()
    document.save(str(path))
    return words


def long_pdf(path: Path, pages: int) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    words = 0
    notes = iter(generate_notes(pages * 4, 9))
    for _ in range(pages):
        y = 800
        for _ in range(4):
            # The standard Helvetica has WinAnsi's characters only: a name written with
            # others would draw a glyph no reader can decode (and be refused).
            text = next(notes).encode("cp1252", "replace").decode("cp1252")
            words += len(text.split())
            for line in _wrap(text, 95):
                page.drawString(40, y, line)
                y -= 14
            y -= 10
        page.showPage()
    page.save()
    return words


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for word in paragraph.split():
            if len(line) + len(word) + 1 > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return lines


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=list(DEFAULT_SIZES))
    parser.add_argument("--pdf-pages", type=int, default=0)
    parser.add_argument("--docx-pages", type=int, default=0)
    parser.add_argument("--limit-check", type=float, default=0)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for size in args.sizes:
            text = school_text(size)
            path = base / f"notes-{size:g}mb.txt"
            path.write_text(text, encoding="utf-8")
            rows.append(measure(path, len(text.split()), f"{size:g} MB text"))
            print(_row(rows[-1]), flush=True)
        if args.docx_pages:
            path = base / "long.docx"
            words = long_docx(path, args.docx_pages)
            rows.append(measure(path, words, f"{args.docx_pages}-page Word"))
            print(_row(rows[-1]), flush=True)
        if args.pdf_pages:
            path = base / "long.pdf"
            words = long_pdf(path, args.pdf_pages)
            rows.append(measure(path, words, f"{args.pdf_pages}-page PDF"))
            print(_row(rows[-1]), flush=True)
        if args.limit_check:
            print(limit_check(base, args.limit_check), flush=True)
    return 0


def limit_check(base: Path, megabytes: float) -> str:
    """The command line on a large text and three notes, with a 5 s limit per file."""
    folder = base / "limit-check"
    folder.mkdir()
    (folder / "large.txt").write_text(school_text(megabytes), encoding="utf-8")
    for number, note in enumerate(generate_notes(3, 21)):
        (folder / f"note-{number}.txt").write_text(note + "\n", encoding="utf-8")
    settings = base / "limit.toml"
    settings.write_text("time_limit_s = 5\n", encoding="utf-8")
    redactor = Path(sys.executable).with_name("redactor")
    started = time.perf_counter()
    refused_after = None
    command = [str(redactor), "redact", str(folder), "-o", str(base / "limit-out")]
    with subprocess.Popen(
        [*command, "--config", str(settings)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    ) as run:
        assert run.stderr is not None
        lines = []
        for line in run.stderr:
            if "large.txt" in line:
                refused_after = time.perf_counter() - started
                lines.append(line.strip())
        code = run.wait()
    seconds = time.perf_counter() - started
    notes = sorted(p.name for p in (base / "limit-out").glob("note-*.txt"))
    when = f"{refused_after:.1f} s" if refused_after is not None else "?"
    return (
        f"{megabytes:g} MB text with time_limit_s = 5: refused {when} after the command "
        f"started (model load included); the run took {seconds:.1f} s, exit {code}; "
        f"large.txt: {lines[0] if lines else '?'}; notes written: {len(notes)} of 3"
    )


def _row(row: dict[str, Any]) -> str:
    if "error" in row:
        return f"| {row['label']} | failed: {row['error']} |"
    return (
        f"| {row['label']} | {row['words']:,} words | {row['seconds']:.1f} s | "
        f"{row['words_per_s']:,.0f} words/s | peak {row['peak_mb']:,.0f} MB "
        f"(model loaded: {row['model_mb']:,.0f} MB) |"
    )


if __name__ == "__main__":
    sys.exit(main())
