"""Throughput on lists (cells/s) beside plain text (words/s), in one run.

    .venv/bin/python bench/spreadsheets.py             # 2,000 rows of 8 columns
    .venv/bin/python bench/spreadsheets.py --rows 200  # a smoke check

Generates a SYNTHETIC class list as CSV and as an Excel workbook (pupil, class, date of
birth, UPN, parent/carer, mobile, address, notes) and the same rows written as text
lines, then times
``Redactor.redact_file`` on each (read, detect, resolve, write, verify), one job, model
loaded beforehand. Speed is measured here, never in a unit test; sockets are blocked.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FIRST = ["Tansy", "Idris", "Hazel", "Eira", "Zenoby", "Marigold", "Rafferty", "Ivy", "Otis"]
LAST = ["Morwood", "Pellow", "Quarrie", "Pask", "Vellacott", "Harrowden", "Quince", "Brook"]
STREETS = ["Larch Close", "Quarry Lane", "Foxglove Road", "Willow Crescent", "Elm Road"]
NOTES = ["Inhaler in the blue bag", "Collected by gran on Fridays", "", "Vegetarian", "EAL"]
HEADER = ["Pupil", "Class", "DOB", "UPN", "Parent/carer", "Mobile", "Address", "Notes"]


def rows(count: int, seed: int = 7) -> list[list[str]]:
    """``count`` invented pupils, the same on every run."""
    pick = random.Random(seed)
    out = []
    for i in range(count):
        first, last = pick.choice(FIRST), pick.choice(LAST)
        out.append(
            [
                f"{first} {last}",
                pick.choice(["Elm", "Oak", "Ash", "Rowan"]),
                f"{pick.randint(1, 28):02d}/{pick.randint(1, 12):02d}/{pick.randint(2012, 2019)}",
                f"A{800000000000 + i:012d}",
                f"Mrs {pick.choice(FIRST)} {last}",
                f"07700 900{pick.randint(0, 999):03d}",
                f"{pick.randint(1, 99)} {pick.choice(STREETS)}, Andover "
                f"SP10 {pick.randint(1, 9)}QZ",
                pick.choice(NOTES),
            ]
        )
    return out


def write_workbook(path: Path, table: list[list[str]]) -> None:
    """The same rows as a workbook, written by openpyxl (a development tool here)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in table:
        sheet.append(row)
    book.save(path)


def block_network() -> list[str]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> Any:
        attempts.append("connect")
        raise OSError("network blocked in the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    return attempts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    attempts = block_network()
    from redactor.api import Redactor

    table = rows(args.rows)
    cells = sum(1 for row in table for value in row if value)
    words = sum(len(value.split()) for row in table for value in row)
    redactor = Redactor()
    redactor.engine  # noqa: B018 - load the model before timing
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows([HEADER, *table])
        (base / "list.csv").write_text(out.getvalue(), encoding="utf-8", newline="")
        write_workbook(base / "list.xlsx", [HEADER, *table])
        lines = "\n\n".join(" | ".join(v for v in row if v) for row in table)
        (base / "list.txt").write_text(lines + "\n", encoding="utf-8")
        # Warm up: the first document pays one-off costs (indexing the place and public
        # figure lists) that would otherwise count against whichever file goes first.
        (base / "warm.txt").write_text("Tansy Morwood visited Kielder Water.\n", encoding="utf-8")
        redactor.redact_file(base / "warm.txt", base / "out-warm.txt")
        timings = {}
        for name in ("list.csv", "list.xlsx", "list.txt"):
            started = time.perf_counter()
            redactor.redact_file(base / name, base / f"out-{name}")
            timings[name] = time.perf_counter() - started
    print(f"{args.rows} rows, {cells} cells, {words} words; network attempts: {len(attempts)}")
    print("| File | seconds | cells/s | words/s |")
    print("|---|---|---|---|")
    for name, seconds in timings.items():
        print(f"| {name} | {seconds:.1f} | {cells / seconds:,.0f} | {words / seconds:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
