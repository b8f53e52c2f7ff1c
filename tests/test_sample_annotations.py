"""The gold annotations of the bundled synthetic samples are consistent with the samples.

Checks the data only (no redactor code): offsets, the synthetic banner, overlaps, the UPN
and NHS number check characters, full coverage of every redact value, and that the demo
configuration keeps exactly the staff names the samples use.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import defaultdict
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DOCUMENTS = SAMPLES / "documents"
BANNER = "SYNTHETIC SAMPLE – every person, address, number and email in this document is invented."
GOLD = json.loads((SAMPLES / "annotations.json").read_text(encoding="utf-8"))
SPANS = GOLD["spans"]
FILES = sorted(p.name for p in DOCUMENTS.glob("*.txt"))
TEXTS = {name: (DOCUMENTS / name).read_bytes().decode("utf-8") for name in FILES}

LABELS = {
    "PERSON",
    "ADDRESS",
    "POSTCODE",
    "PHONE",
    "EMAIL",
    "DOB",
    "UPN",
    "NHS_NUMBER",
    "SCHOOL",
    "OTHER",
}
ROLES = {"pupil", "parent", "staff", "other", "school"}
TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Revd"}


def by_file() -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for span in SPANS:
        grouped[span["file"]].append(span)
    return grouped


def whole_word(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")


def covered(spans: list[dict], start: int, end: int, action: str | None = None) -> bool:
    return any(
        s["start"] <= start and end <= s["end"] and action in (None, s["action"]) for s in spans
    )


def test_there_are_samples_and_every_one_is_annotated():
    assert 5 <= len(FILES) <= 6
    assert set(by_file()) == set(FILES)
    assert "synthetic" in GOLD["note"].lower()


def test_every_sample_starts_with_the_banner_and_uses_lf():
    for name in FILES:
        raw = (DOCUMENTS / name).read_bytes()
        assert b"\r" not in raw, name
        assert TEXTS[name].split("\n", 1)[0] == BANNER, name
        assert 250 <= len(TEXTS[name].split()) <= 700, name


def test_span_text_matches_the_offsets():
    for span in SPANS:
        assert span["file"] in TEXTS
        assert 0 <= span["start"] < span["end"] <= len(TEXTS[span["file"]])
        assert TEXTS[span["file"]][span["start"] : span["end"]] == span["text"], span


def test_fields_use_the_agreed_vocabulary():
    for span in SPANS:
        assert set(span) == {"file", "start", "end", "text", "label", "role", "action"}
        assert span["label"] in LABELS, span
        assert span["role"] in ROLES, span
        assert span["action"] in {"redact", "keep"}, span
        if span["role"] in {"pupil", "parent"}:
            assert span["action"] == "redact", span
        if span["role"] in {"staff", "school"}:
            assert span["action"] == "keep", span


def test_redact_spans_do_not_overlap_except_postcode_in_address():
    for name, spans in by_file().items():
        redact = sorted((s for s in spans if s["action"] == "redact"), key=lambda s: s["start"])
        for i, a in enumerate(redact):
            for b in redact[i + 1 :]:
                if b["start"] >= a["end"]:
                    break
                pair = {a["label"], b["label"]}
                outer, inner = (a, b) if a["end"] - a["start"] >= b["end"] - b["start"] else (b, a)
                assert (
                    pair == {"ADDRESS", "POSTCODE"}
                    and outer["label"] == "ADDRESS"
                    and (outer["start"] <= inner["start"] and inner["end"] <= outer["end"])
                ), f"{name}: {a['text']!r} overlaps {b['text']!r}"


def test_every_postcode_sits_inside_an_address():
    for name, spans in by_file().items():
        addresses = [s for s in spans if s["label"] == "ADDRESS"]
        for span in spans:
            if span["label"] == "POSTCODE":
                assert covered(addresses, span["start"], span["end"]), f"{name}: {span['text']}"


def test_upn_check_letters_are_valid():
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    upns = [s["text"] for s in SPANS if s["label"] == "UPN"]
    assert upns
    for upn in upns:
        assert re.fullmatch(r"[A-Z]\d{12}", upn), upn
        total = sum(int(d) * w for d, w in zip(upn[1:], range(2, 14), strict=True))
        assert upn[0] == letters[total % 23], upn


def test_nhs_numbers_pass_mod_11():
    numbers = [s["text"] for s in SPANS if s["label"] == "NHS_NUMBER"]
    assert numbers
    for number in numbers:
        digits = number.replace(" ", "")
        assert re.fullmatch(r"\d{10}", digits), number
        check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        assert check != 10 and check == int(digits[9]), number


def test_every_occurrence_of_a_redacted_value_is_annotated():
    """Each whole-word occurrence of a redact value, and of each name in a redacted
    person's name, lies inside a redact span of the same file."""
    for name, spans in by_file().items():
        text = TEXTS[name]
        values = {s["text"] for s in spans if s["action"] == "redact"}
        names = {
            word
            for s in spans
            if s["action"] == "redact" and s["label"] == "PERSON"
            for word in s["text"].split()
            if word[0].isupper() and word not in TITLES
        }
        for value in values | names:
            for m in whole_word(value).finditer(text):
                assert covered(spans, m.start(), m.end(), "redact"), (
                    f"{name}: {value!r} at {m.start()} is not annotated"
                )


def test_every_titled_name_is_annotated():
    titles = "|".join(sorted(TITLES))
    title = re.compile(r"\b(?:" + titles + r")\.? [A-Z][\w-]*(?:['’][A-Z][\w-]*)?")
    for name, spans in by_file().items():
        people = [s for s in spans if s["label"] == "PERSON"]
        for m in title.finditer(TEXTS[name]):
            assert covered(people, m.start(), m.end()), f"{name}: {m.group()!r} not annotated"


def test_keep_people_in_the_demo_config_match_the_samples():
    config = tomllib.loads((SAMPLES / "redactor.toml").read_text(encoding="utf-8"))
    kept = set(config["keep"]["people"])
    annotated = {s["text"] for s in SPANS if s["label"] == "PERSON" and s["action"] == "keep"}
    assert annotated == kept
    redacted = {s["text"] for s in SPANS if s["action"] == "redact"}
    assert not kept & redacted
    school = config["school"]
    school_spans = {s["text"] for s in SPANS if s["label"] == "SCHOOL"}
    for key in ("name", "address", "phone", "email"):
        assert school[key] in school_spans, key


def test_dates_of_birth_are_labelled():
    for span in SPANS:
        if span["label"] == "DOB":
            before = TEXTS[span["file"]][max(0, span["start"] - 20) : span["start"]]
            assert re.search(r"(?:DOB|Date of birth):\s*$", before), span
