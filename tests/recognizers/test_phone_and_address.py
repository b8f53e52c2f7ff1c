"""The two logic recognizers: UK phone numbers and postal addresses, with look-alikes."""

from __future__ import annotations

import pytest

PHONES = [
    ("Call +44 (0)1256 123456 today", "+44 (0)1256 123456"),  # international with (0)
    ("Call 0044 1256 123456 today", "0044 1256 123456"),  # 00 prefix
    ("Call 01256 123456 today", "01256 123456"),  # landline, spaced
    ("Call 01256-123456 today", "01256-123456"),  # hyphenated
    ("Call (01256) 123 456 today", "(01256) 123 456"),  # bracketed area code
    ("Mobile 07700 900123.", "07700 900123"),  # mobile (Ofcom drama range)
    ("Mobile 07700900123.", "07700900123"),  # mobile, no space
    ("Office 01632 960123 ext 2 please", "01632 960123 ext 2"),  # extension included
    ("London 020 7946 0123.", "020 7946 0123"),  # London
]
NOT_PHONES = [
    "Born 03/02/2016 and seen 2016-02-03.",  # dates
    "The bus leaves at 10:30 or 14.45.",  # times
    "The trip costs £1,256.00, the coach £12,345.",  # money
    "UPN A123456789012 on file.",  # a UPN
    "Invoice 2023001234 was paid.",  # a reference number not starting with 0
    "Results for 2023-2024 are in.",  # a year range
    "Meet in Room 101 or Room 12.",  # room numbers
]


@pytest.mark.parametrize("text, value", PHONES)
def test_phone_numbers_are_found(engine, text, value):
    found = [text[f.start : f.end] for f in engine.detect([text])[0] if f.entity_type == "PHONE"]
    assert found == [value]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_look_alikes_are_not_phones(engine, text):
    assert [f for f in engine.detect([text])[0] if f.entity_type == "PHONE"] == []


ADDRESSES = [
    # one line, whole address as one finding
    ("She lives at 14 Elm Road, Basingstoke RG22 4TY now.", "14 Elm Road, Basingstoke RG22 4TY"),
    # a letter head across lines, ending at the postcode
    (
        "9 Willow Crescent\nAndover\nHampshire\nSP10 4LN\nMobile: 07700 900527",
        "9 Willow Crescent\nAndover\nHampshire\nSP10 4LN",
    ),
    ("Flat 3, 27 Larkspur Close, Andover SP10 2AB", "Flat 3, 27 Larkspur Close, Andover SP10 2AB"),
    ("Rose Cottage, Mill Lane, Overton", "Rose Cottage, Mill Lane, Overton"),  # a house name
    ("our new address is 62 Heol Y Parc, Coventry.", "62 Heol Y Parc, Coventry"),  # Welsh
    ("He lives on Elm Road with his nan.", "Elm Road"),  # partial: street only
    ("They moved to Basingstoke RG22 last week.", "Basingstoke RG22"),  # town and district
]
NOT_ADDRESSES = [
    "Year 6 went to the park on Friday.",
    "Meeting in Room 12 at 3pm.",
    "Key Stage 2 results improved.",
    # A school named after its road is an organisation, not a home address: only a
    # street with a house number, or a street after "lives on", is taken.
    "Elm Road Primary School held its fair.",
]


@pytest.mark.parametrize("text, value", ADDRESSES)
def test_addresses_are_found_whole(engine, text, value):
    found = [text[f.start : f.end] for f in engine.detect([text])[0] if f.entity_type == "ADDRESS"]
    assert value in found


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_look_alikes_are_not_addresses(engine, text):
    assert [f for f in engine.detect([text])[0] if f.entity_type == "ADDRESS"] == []
