"""UK telephone numbers (``phone.py``, via ``phonenumbers`` with region GB), and the
numbers in school documents that must never be taken for one.

Numbers are from Ofcom's ranges for drama (01632 960xxx, 07700 900xxx,
020 7946 0xxx) or are invented; 01256 is Basingstoke's area code.
"""

from __future__ import annotations

import pytest

from redactor.detection.phone import ENTITY, RECOGNIZER_NAME, UkPhoneRecognizer

THRESHOLD = 0.5

PHONES = [
    # (text, the exact span that must be found)
    ("Call +44 (0)1256 123456 today", "+44 (0)1256 123456"),  # international, (0) kept in
    ("Call 0044 1256 123456 today", "0044 1256 123456"),  # international with 00
    ("Call 01256 123456 today", "01256 123456"),  # landline, spaced
    ("Call 01256-123456 today", "01256-123456"),  # landline, hyphenated
    ("Call (01256) 123 456 today", "(01256) 123 456"),  # area code in brackets
    ("Mobile 07700 900123.", "07700 900123"),  # mobile; full stop not taken
    ("Mobile 07700900123.", "07700900123"),  # mobile, no spaces
    ("Mobile: +447700900123", "+447700900123"),  # mobile, international, no spaces
    ("Office 01632 960123 ext 2 please", "01632 960123 ext 2"),  # extension is part of it
    ("Office 01632 960123 ext. 245, then", "01632 960123 ext. 245"),  # "ext." and 3 digits
    ("Office 01632 960123 extension 12", "01632 960123 extension 12"),  # written in full
    ("Office 01632 960123 x3 please", "01632 960123 x3"),  # "x" extension
    ("London 020 7946 0123.", "020 7946 0123"),  # London 3-4-4
    ("Tel: 0161 496 0000", "0161 496 0000"),  # Manchester 4-3-4 (drama range)
    ("Ring 0800 123 4567 free", "0800 123 4567"),  # freephone
    ("Tel (01256)123456 or", "(01256)123456"),  # brackets, no space
    ("office rang mum 07700 900123 15.05, no reply", "07700 900123"),  # a time right after it
    ("Mum +44 7700 900123 3 times today", "+44 7700 900123"),  # a count right after it
]

TWO_PHONES = "Tel 01256 123456 / 07700 900123 (mobile)"  # a slash between two numbers

NOT_PHONES = [
    "Born 03/02/2016 and seen 2016-02-03.",  # dates with slashes and ISO dates
    "Dates 03.02.2016 and 3/2/16 and 03 02 2016.",  # dotted, short and spaced dates
    "The bus leaves at 10:30 or 14.45.",  # times
    "Sessions 09:00-10:30 and 0900-1030 today.",  # time ranges
    "The trip costs £1,256.00, the coach £12,345.",  # money
    "UPN A123456789012 on file.",  # a UPN (13 characters)
    "Invoice 2023001234 was paid.",  # a 10-digit reference not starting with 0
    "Ref 1234567890 and ULN 1234567899.",  # ten digits, no leading 0
    "Results for 2023-2024 are in.",  # a year range
    "Academic years 2019/2020 and 2020-21.",  # year ranges, other forms
    "Meet in Room 101 or Room 12.",  # room numbers
    "Order 00123456789 was placed.",  # leading 00 but no country code
    "Score 0.75 and code 01256.",  # a decimal; an area code alone
    "Ring 01256 12345 now.",  # one digit short for 01256
    "Year 6 scored 07/10 in the test.",  # a mark out of ten
    "NHS number 943 476 5919.",  # an NHS number in 3-3-4 (no leading 0)
    "Ref 0400 123 4567 and 0600 123 4567.",  # 04 and 06 are not allocated UK ranges
    "Serial 01234 567890123 on the label.",  # too many digits for any UK number
]


def phones(engine, text: str) -> list[str]:
    found = engine.detect([text])[0]
    return [
        text[f.start : f.end] for f in found if f.entity_type == ENTITY and f.score >= THRESHOLD
    ]


@pytest.mark.parametrize("text, value", PHONES, ids=[v for _, v in PHONES])
def test_phone_number_is_found_exactly(engine, text, value):
    assert phones(engine, text) == [value]


def test_two_numbers_side_by_side_are_two_findings(engine):
    assert phones(engine, TWO_PHONES) == ["01256 123456", "07700 900123"]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_look_alike_is_not_a_phone(engine, text):
    found = engine.detect([text])[0]
    assert [text[f.start : f.end] for f in found if f.entity_type == ENTITY] == []


def test_the_recognizer_alone_reports_its_name_and_a_redacting_score():
    # Without the engine: the recognizer's own output, so a failure here is the
    # recognizer's and not the analyzer's.
    text = "Call 07700 900123 or 01256 123456."
    results = UkPhoneRecognizer().analyze(text, [ENTITY])
    assert [text[r.start : r.end] for r in results] == ["07700 900123", "01256 123456"]
    assert all(r.entity_type == ENTITY and r.score >= THRESHOLD for r in results)
    assert all(r.recognition_metadata[r.RECOGNIZER_NAME_KEY] == RECOGNIZER_NAME for r in results)
