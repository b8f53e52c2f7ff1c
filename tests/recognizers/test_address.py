"""UK postal addresses (``address.py``): a whole address is one finding, on one line
or across the lines of a letterhead; school words that look like addresses are not.

Choice, documented: a school named after its road ("Elm Road Primary School") is
an organisation, and its address is public, so it is not an address. A street is
taken only with a house number or name before it, after words that say someone
lives there ("lives on Elm Road"), or after a word of route or nearness ("walk home
along Elm Road", "the flat off Nelson Street"), but not after "on", "in" or "at" alone
("park on Princess Road"), and never when the next word makes it a school,
surgery, church or other institution.
"""

from __future__ import annotations

import pytest

from redactor.api import Redactor
from redactor.config import Config
from redactor.detection.address import ENTITY, RECOGNIZER_NAME, UkAddressRecognizer

THRESHOLD = 0.5

ADDRESSES = [
    # (text, the exact span of the one address finding)
    (  # one line: number, street, town, postcode, as ONE finding
        "She lives at 14 Elm Road, Basingstoke RG22 4TY now.",
        "14 Elm Road, Basingstoke RG22 4TY",
    ),
    (  # the whole text is the address
        "14 Elm Road, Basingstoke RG22 4TY",
        "14 Elm Road, Basingstoke RG22 4TY",
    ),
    (  # no comma between street and town: the town is still taken with the postcode
        "Send it to 14 Elm Road Basingstoke RG22 4TY please.",
        "14 Elm Road Basingstoke RG22 4TY",
    ),
    (  # letterhead: street / town / county / postcode on their own lines, ends at postcode
        "9 Willow Crescent\nAndover\nHampshire\nSP10 4LN\nMobile: 07700 900527",
        "9 Willow Crescent\nAndover\nHampshire\nSP10 4LN",
    ),
    (  # letterhead under a name, blank line, then the greeting
        "Mrs A Okafor\n9 Willow Crescent\nOverton\nBasingstoke\nHampshire\nRG25 3AB\n\nDear Mrs",
        "9 Willow Crescent\nOverton\nBasingstoke\nHampshire\nRG25 3AB",
    ),
    (  # letterhead with no postcode: the greeting on the next line is not a town
        "12 Mill Lane\nOverton\nDear Mrs Smith,",
        "12 Mill Lane\nOverton",
    ),
    (  # letterhead in capitals
        "14 ELM ROAD\nBASINGSTOKE\nRG22 4TY",
        "14 ELM ROAD\nBASINGSTOKE\nRG22 4TY",
    ),
    (  # one line in capitals
        "ADDRESS: 14 ELM ROAD, BASINGSTOKE RG22 4TY",
        "14 ELM ROAD, BASINGSTOKE RG22 4TY",
    ),
    (  # flat and house number
        "Flat 3, 27 Larkspur Close, Andover SP10 2AB",
        "Flat 3, 27 Larkspur Close, Andover SP10 2AB",
    ),
    (  # flat on its own line
        "Flat 3\n27 Larkspur Close\nAndover\nSP10 2AB",
        "Flat 3\n27 Larkspur Close\nAndover\nSP10 2AB",
    ),
    (  # flat number is the only number: "Apartment" is part of the address
        "Apartment 12, Riverside Court, Winchester SO23 8AB",
        "Apartment 12, Riverside Court, Winchester SO23 8AB",
    ),
    (  # flat in a named building, then the street number
        "Flat 2, Elm House, 9 Mill Lane, Leeds LS1 4AP",
        "Flat 2, Elm House, 9 Mill Lane, Leeds LS1 4AP",
    ),
    (  # a house name instead of a number
        "Rose Cottage, Mill Lane, Overton, Basingstoke RG25 3HD",
        "Rose Cottage, Mill Lane, Overton, Basingstoke RG25 3HD",
    ),
    (  # a house name of three words
        "Olivia lives at The Old Rectory, Church Lane, Overton RG25 3HD.",
        "The Old Rectory, Church Lane, Overton RG25 3HD",
    ),
    (  # number with a letter; "Home:" label not taken
        "Home: 3A High Street, Whitchurch RG28 7LS",
        "3A High Street, Whitchurch RG28 7LS",
    ),
    (  # "St." as a word of the street name, apostrophe
        "He lives at 5 St. John's Road, Basingstoke.",
        "5 St. John's Road, Basingstoke",
    ),
    ("The flat at 14-16 Elm Road is let.", "14-16 Elm Road"),  # a range of numbers
    ("Post it to 2 Park Lane.", "2 Park Lane"),  # the sentence's full stop is not taken
    ("Post it to 8 Station Rd., Andover", "8 Station Rd., Andover"),  # an abbreviation's is
    (  # a day after the town is not part of it
        "We visited 14 Elm Road, Overton on Monday.",
        "14 Elm Road, Overton",
    ),
    (  # Welsh street names start with the street type
        "our new address is 62 Heol Y Parc, Coventry.",
        "62 Heol Y Parc, Coventry",
    ),
    ("He lives on Elm Road with his nan.", "Elm Road"),  # partial: street only
    ("Lives on Elm Road, Overton.", "Elm Road, Overton"),  # partial with town, capital L
    ("Dad's address is Elm Road, Overton.", "Elm Road, Overton"),  # partial after "address is"
    ("They moved to Basingstoke RG22 4TY last week.", "Basingstoke RG22 4TY"),  # town, postcode
    ("They moved to Basingstoke RG22 last week.", "Basingstoke RG22"),  # town and district
    ("Faith and Iolo walk home along Market Street.", "Market Street"),  # a route
    ("The flat off Nelson Street is damp.", "Nelson Street"),
    ("Now living with her nan at Heol Pellow.", "Heol Pellow"),  # a few words between
    ("An incident at the Quarry Rd flat on Friday.", "Quarry Rd"),  # a street said to be a home
    (  # a street type no list holds: the postcode makes it an address
        "Lives at: 7 Zoqvarth Loanings, Blyth, Northumberland NE24 3AB; mum works",
        "7 Zoqvarth Loanings, Blyth, Northumberland NE24 3AB",
    ),
    (  # a flat in a named building and no street, over indented lines, to the postcode
        "Address: Flat 2, Tansy House\n          Morwood\n          Kingsbridge\n"
        "          TQ7 1AA\nMobile: 07700 900 266",
        "Flat 2, Tansy House\n          Morwood\n          Kingsbridge\n          TQ7 1AA",
    ),
    (  # the street ends on its line: "St" on the next one is the village's saint
        "Collect from: 5 Mill Road\n          Stoke St Milborough\n          SY8 2AB\n"
        "Driver: Zoqvarth",
        "5 Mill Road\n          Stoke St Milborough\n          SY8 2AB",
    ),
    (  # a letterhead quoted in an e-mail reply, each line after "> "
        "> Mr T Pellow\n> 8 Heol y Nant\n> Trimsaran\n> Kidwelly SA17 4AB\n> Tel 07700 900418",
        "8 Heol y Nant\n> Trimsaran\n> Kidwelly SA17 4AB",
    ),
    (  # a street's name wrapped over a line break, as in a PDF's running text
        "walk home from 14 Elm\nRoad, Basingstoke RG22 4TY today",
        "14 Elm\nRoad, Basingstoke RG22 4TY",
    ),
    ("Her new address is 7 Pask Drove, Yblentrosk.", "7 Pask Drove, Yblentrosk"),  # a fen's drove
    ("- now at 14 zoqvarth rd, two buses", "14 zoqvarth rd"),  # in lower case
    ("new home is 7 tansy road, TQ7 1AA from monday", "7 tansy road, TQ7 1AA"),
    (  # the addressee's surname is a word that stops a house number on its own line only
        "Mr K. Page\n17a Chapel Street\nSouthall\nUB1 9SN",
        "17a Chapel Street\nSouthall\nUB1 9SN",
    ),
]

NOT_ADDRESSES = [
    "The bus stops at Chapel Road.",  # "at" alone names where anyone meets
    "She lives with her nan and plays at Market Street park.",  # another clause after "and"
    "Year 6 went to the park on Friday.",  # a year group and "the park"
    "Elm Road Primary School held its fair.",  # a school named after its road (see above)
    "Olivia moved to Elm Road Primary School in May.",  # ... even after "moved to"
    "Meeting in Room 12 at 3pm.",  # a room number
    "Meeting in Room 12, Station Road site.",  # a room number is not a house number
    "Key Stage 2 results improved.",  # a key stage
    "The Year 4 Nature Walk was cancelled.",  # year group + a street-type word
    "Pupils in Set 2 Oak Walk group.",  # set number + a street-type word
    "KEY STAGE 2 HILL WALK",  # the same in capitals
    "Item 5 Health Walk: update from the PE lead.",  # an agenda item number
    "Mrs Park drove 3 miles to the Green.",  # street-type words without a street
    "Please do not park on Princess Road at drop-off.",  # where anyone parks, not a home
    "In Plot 2, the hero finds a map.",  # a story's plot, no street after it
    "The match is at Parc y Cwm on Saturday.",  # a Welsh street word, no house number
    "Friday 7th March 2025\nMill Lane car park is closed.",  # a year is no house number
    "Meeting 14 March, Kingsbridge TQ7 1AA",  # a date before a town and postcode
    "we walked 2 miles down the road to the park",  # a distance, in lower case
    "then 5 boys walk up the lane together",  # a count of people
    "in year 4 reading lane is the quiet corner",  # a year group
    "Item 4 Budget Report, see TQ7 1AA",  # an agenda item's number is no house number
]


def addresses(engine, text: str) -> list[str]:
    found = engine.detect([text])[0]
    return [
        text[f.start : f.end] for f in found if f.entity_type == ENTITY and f.score >= THRESHOLD
    ]


@pytest.mark.parametrize("text, value", ADDRESSES, ids=[t.replace("\n", "|") for t, _ in ADDRESSES])
def test_address_is_one_finding_covering_it_all(engine, text, value):
    found = addresses(engine, text)
    assert value in found
    # Nothing else of the text is labelled an address (a second, partial finding
    # would mean the address was cut in pieces).
    start = text.index(value)
    spans = [
        (f.start, f.end)
        for f in engine.detect([text])[0]
        if f.entity_type == ENTITY and f.score >= THRESHOLD
    ]
    assert all(start <= s and e <= start + len(value) for s, e in spans), found


@pytest.mark.parametrize("text", NOT_ADDRESSES, ids=[t.replace("\n", "|") for t in NOT_ADDRESSES])
def test_look_alike_is_not_an_address(engine, text):
    found = engine.detect([text])[0]
    assert [text[f.start : f.end] for f in found if f.entity_type == ENTITY] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # address and postcode (found by two recognizers) become one label
            "She lives at 14 Elm Road, Basingstoke RG22 4TY now.",
            "She lives at [ADDRESS] now.",
        ),
        (  # a letterhead becomes one label; the layout after it stays
            "9 Willow Crescent\nAndover\nHampshire\nSP10 4LN\n\nDear Parent",
            "[ADDRESS]\n\nDear Parent",
        ),
    ],
)
def test_redacted_as_one_label(engine, text, expected):
    assert Redactor(Config(), engine=engine).redact_text(text).text == expected


def test_the_recognizer_alone_reports_its_name():
    text = "Visit 14 Elm Road, Basingstoke RG22 4TY or 9 Mill Lane."
    results = UkAddressRecognizer().analyze(text, [ENTITY])
    assert [text[r.start : r.end] for r in results] == [
        "14 Elm Road, Basingstoke RG22 4TY",
        "9 Mill Lane",
    ]
    assert all(r.recognition_metadata[r.RECOGNIZER_NAME_KEY] == RECOGNIZER_NAME for r in results)


def test_a_plot_on_a_caravan_site_is_an_address(engine):
    # SYNTHETIC: an invented site and road.
    text = "Lives Plot 12, Marsh Ings Caravan Site, Quarry Road, Wakefield WF2 9QQ"
    assert addresses(engine, text) == [
        "Plot 12, Marsh Ings Caravan Site, Quarry Road, Wakefield WF2 9QQ"
    ]


@pytest.mark.parametrize("street", ["Cae Derwen", "Llys Gwyn", "Rhes Newydd"])
def test_welsh_street_names_start_with_their_type(engine, street):
    # SYNTHETIC: invented streets in an invented town.
    text = f"She lives at 4 {street}, Llanfair, SA99 9ZZ with her nan."
    assert addresses(engine, text) == [f"4 {street}, Llanfair, SA99 9ZZ"]
