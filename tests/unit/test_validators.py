"""The checks that patterns cannot make: check letters and digits, issued prefixes,
real domain suffixes.

Valid fixtures are computed with the published algorithms (the helpers below
restate them independently of ``validators.py``), never guessed; the tables then
pin the values so that a change to either side is noticed.
"""

from __future__ import annotations

import pytest

from redactor.detection.validators import (
    VALIDATORS,
    bare_initials_are_a_name,
    capitals_name_is_a_name,
    dotted_initials_are_a_name,
    email_domain_is_valid,
    hyphenated_initials_are_a_name,
    initials_are_a_name,
    name_before_class_is_a_name,
    nhs_number_is_valid,
    nino_is_valid,
    register_name_is_a_name,
    uln_is_valid,
    upn_is_valid,
)

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # DfE check-letter table: A=0 ... Z=22; no I, O, S


def upn_check_letter(body: str) -> str:
    """DfE: characters 2-13 weighted 2..13 (a final letter counts as its table value), mod 23."""
    values = [int(c) if c.isdigit() else UPN_LETTERS.index(c) for c in body]
    return UPN_LETTERS[sum(v * w for v, w in zip(values, range(2, 14), strict=True)) % 23]


def mod11_total(nine: str) -> int:
    """NHS and ULN: the first nine digits weighted 10 down to 2."""
    return sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))


# ------------------------------------------------------------------------- UPN


def test_upn_reference_algorithm_agrees_with_a_worked_example():
    # 1*2+2*3+3*4+4*5+5*6+6*7+7*8+8*9+9*10+0*11+1*12+2*13 = 368; 368 % 23 = 0 -> "A"
    assert upn_check_letter("123456789012") == "A"


@pytest.mark.parametrize(
    "upn",
    [
        "A123456789012",  # worked example above
        "H801200001001",  # LA 801, establishment 2000, serial 01001
        "A850123412345",
        "U80120000100A",  # temporary UPN: last character a letter (A = 0)
        "K93620151500C",  # temporary UPN ending in C (= 2)
        "a123456789012",  # lower case is read as upper case
        "A 1234 5678 9012",  # spaces, as sometimes typed
    ],
)
def test_valid_upn(upn):
    body = upn.replace(" ", "").upper()
    assert upn_check_letter(body[1:]) == body[0]  # the fixture really is valid
    assert upn_is_valid(upn)


@pytest.mark.parametrize("body", ["123456789012", "801200001001", "80120000100A"])
def test_every_other_check_letter_is_refused(body):
    right = upn_check_letter(body)
    wrong = [letter for letter in UPN_LETTERS if letter != right]
    assert len(wrong) == 22
    assert [letter for letter in wrong if upn_is_valid(letter + body)] == []


@pytest.mark.parametrize(
    "upn",
    [
        "A12345678901",  # 12 characters
        "A1234567890123",  # 14 characters
        "I123456789012",  # I is never a check letter
        "O123456789012",  # nor O
        "S123456789012",  # nor S
        "U80120000100I",  # a temporary UPN cannot end in I, O or S either
        "U80120000100O",
        "U80120000100S",
        "A12345678901A",  # temporary UPN with the wrong check letter (X is right)
        "1123456789012",  # the check character must be a letter
        "AB23456789012",  # characters 2-12 must be digits
        "",
    ],
)
def test_invalid_upn(upn):
    assert not upn_is_valid(upn)


def test_a_temporary_upn_letter_counts_in_the_check():
    # Same first twelve characters; only the computed letter makes each valid.
    assert upn_check_letter("80120000100A") == "U"
    assert upn_check_letter("80120000100B") == "H"
    assert upn_is_valid("U80120000100A")
    assert not upn_is_valid("U80120000100B")
    assert upn_is_valid("H80120000100B")
    assert upn_is_valid("X12345678901A") and not upn_is_valid("A12345678901A")


# ------------------------------------------------------------------------- ULN


@pytest.mark.parametrize(
    "uln",
    [
        "1234567899",  # total 210, 210 % 11 = 1, check 10 - 1 = 9
        "1234567880",  # remainder 10 -> check digit 0
        "1000000000",  # total 10, remainder 10 -> 0
        "5000000004",  # total 50, remainder 6 -> 4
    ],
)
def test_valid_uln(uln):
    assert 10 - mod11_total(uln[:9]) % 11 == int(uln[9])  # the fixture really is valid
    assert uln_is_valid(uln)


@pytest.mark.parametrize(
    "uln",
    [
        "1234567890",  # check digit should be 9
        "1234567898",  # off by one
        "0123456789",  # a ULN never starts with 0
        "123456789",  # nine digits
        "12345678999",  # eleven digits
        "123456789X",  # not all digits
    ],
)
def test_invalid_uln(uln):
    assert not uln_is_valid(uln)


def test_no_uln_exists_when_the_remainder_is_zero():
    assert mod11_total("987654321") % 11 == 0
    assert [d for d in "0123456789" if uln_is_valid("987654321" + d)] == []


# ------------------------------------------------------------------------- NHS


@pytest.mark.parametrize(
    "nhs",
    [
        "9434765919",  # NHS Digital's published test number
        "943 476 5919",  # written 3-3-4
        "943-476-5919",  # hyphens
        "4010232137",
        "4857773457",
        "1000000001",  # check 11 - 10 = 1
    ],
)
def test_valid_nhs_number(nhs):
    digits = nhs.replace(" ", "").replace("-", "")
    check = 11 - mod11_total(digits[:9]) % 11
    assert (0 if check == 11 else check) == int(digits[9])  # the fixture really is valid
    assert nhs_number_is_valid(nhs)


def test_check_digit_ten_means_no_valid_number():
    # 123456789: total 240, 240 % 11 = 9, 11 - 9 = 10: no last digit can make it valid
    assert 11 - mod11_total("123456789") % 11 == 10
    assert [d for d in "0123456789" if nhs_number_is_valid("123456789" + d)] == []


@pytest.mark.parametrize("digit", "0123456789")
def test_all_same_digits_are_refused_even_when_the_checksum_passes(digit):
    number = digit * 10
    check = 11 - mod11_total(number[:9]) % 11
    assert (0 if check == 11 else check) == int(digit)  # the checksum alone would accept it
    assert not nhs_number_is_valid(number)


@pytest.mark.parametrize(
    "nhs",
    [
        "9434765918",  # wrong check digit
        "943476591",  # nine digits
        "94347659190",  # eleven digits
        "943 476 591A",  # a letter
    ],
)
def test_invalid_nhs_number(nhs):
    assert not nhs_number_is_valid(nhs)


# ------------------------------------------------------------------------ NINO


@pytest.mark.parametrize(
    "nino",
    [
        "AB123456C",
        "JG 10 37 59 A",  # spaced in pairs, as printed
        "ab123456c",  # lower case
        "CE123456D",  # suffix D is the last allowed
        "OA123456B",  # O may be the first letter (only the second is barred)
        "ZY123456A",  # Z first is fine (only ZZ is barred)
    ],
)
def test_valid_nino(nino):
    assert nino_is_valid(nino)


@pytest.mark.parametrize("prefix", ["BG", "GB", "NK", "KN", "NT", "TN", "ZZ"])
def test_prefixes_never_issued_are_refused(prefix):
    assert not nino_is_valid(f"{prefix}123456A")


@pytest.mark.parametrize("letter", "DFIQUV")
def test_letters_never_used_in_either_place_of_the_prefix(letter):
    assert not nino_is_valid(f"{letter}A123456A")
    assert not nino_is_valid(f"A{letter}123456A")


def test_o_is_refused_as_the_second_letter():
    assert not nino_is_valid("AO123456A")
    assert nino_is_valid("OA123456A")  # the same letters the other way round are fine


@pytest.mark.parametrize(
    "nino",
    [
        "AB123456E",  # suffix beyond D
        "AB123456",  # no suffix
        "AB12345C",  # five digits
        "AB1234567C",  # seven digits
        "A1123456C",  # a digit in the prefix
    ],
)
def test_invalid_nino(nino):
    assert not nino_is_valid(nino)


# ----------------------------------------------------------------------- email


@pytest.mark.parametrize(
    "email",
    [
        "olivia.smith@example.com",
        "k.nowak84@example.org",
        "sam_jones+school@example.co.uk",  # a two-part public suffix
        "office@stmarys.hants.sch.uk",  # a school: *.sch.uk is itself a suffix
        "A@EXAMPLE.COM",  # capitals
    ],
)
def test_email_with_a_real_public_suffix(email):
    assert email_domain_is_valid(email)


@pytest.mark.parametrize(
    "email",
    [
        "user@localhost",  # no suffix at all
        "user@server.invalid",  # a reserved name, not a public suffix
        "user@school.zzqx",  # nonsense top-level domain
        "user@example.local",  # a local network name
        "user@co.uk",  # a bare public suffix, no domain before it
        "report@v2",  # a version number
    ],
)
def test_email_without_a_real_public_suffix(email):
    assert not email_domain_is_valid(email)


def test_the_suffix_check_is_offline(no_network):
    assert email_domain_is_valid("olivia.smith@example.com")
    assert no_network.attempts == []


# ------------------------------------------------------------------ the registry


def test_recognizer_files_name_validators_by_these_keys():
    assert {
        "upn": upn_is_valid,
        "uln": uln_is_valid,
        "nhs_number": nhs_number_is_valid,
        "nino": nino_is_valid,
        "email_domain": email_domain_is_valid,
        "initials": initials_are_a_name,
        "bare_initials": bare_initials_are_a_name,
        "dotted_initials": dotted_initials_are_a_name,
        "register_name": register_name_is_a_name,
        "capitals_name": capitals_name_is_a_name,
        "hyphenated_initials": hyphenated_initials_are_a_name,
        "name_before_class": name_before_class_is_a_name,
    } == VALIDATORS


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("Hazel Morwood", True),
        ("Ivy Brook", True),  # "brook" is a common word, but a surname too
        ("Summer Term", False),  # "term" is only a common word
        ("Mrs Hazel Morwood", False),  # a title: the teacher of that class
        ("Maths Group", False),  # no first name
    ],
)
def test_a_name_before_a_year_group_is_a_first_name_and_no_event(text, verdict):
    assert name_before_class_is_a_name(text) is verdict


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("²²²²²²²²²1", id="superscripts-10"),  # isdigit() yes, int() no
        pytest.param("A²²²²²²²²²²²2", id="superscripts-upn"),
        pytest.param("AB²²3456C", id="superscripts-nino"),
        pytest.param("٩٤٣٤٧٦٥٩١٩", id="arabic-indic-9434765919"),
        pytest.param("A1123456C", id="digit-in-nino-prefix"),
        pytest.param("", id="empty"),
        pytest.param("@", id="at-sign"),
    ],
)
def test_validators_refuse_odd_characters_without_raising(name, text):
    assert VALIDATORS[name](text) is False


@pytest.mark.parametrize("text", ["ZT", "X.K.", "A.B", "O M", "ÉK", "TA", "A.M."])
def test_initials_that_can_be_a_pupil(text):
    assert initials_are_a_name(text) is True


@pytest.mark.parametrize("text", ["PE", "D.T.", "U.K.", "ICT", "SENCo", "A", "ABCD", "z.t."])
def test_school_shorthand_and_other_shapes_are_not_initials(text):
    assert initials_are_a_name(text) is False


@pytest.mark.parametrize("text", ["X.K.", "I.T", "R.S.", "A.M."])
def test_dotted_initials_of_a_pupil(text):
    assert dotted_initials_are_a_name(text) is True


@pytest.mark.parametrize("text", ["U.K.", "P.E.", "N.B.", "e.g.", "A.", "A.B.C.D."])
def test_dotted_abbreviations_are_not_initials(text):
    assert dotted_initials_are_a_name(text) is False


@pytest.mark.parametrize(
    "text, ok",
    [
        ("OKONJO, Femi", True),  # a listed first name
        ("WOOD-HALL, Ivy", True),  # one capital word may be a school word
        ("NOTE, Please", False),  # a heading word
        ("ACTIONS, Agreed", False),
        ("ZXQV, Blorp", False),  # neither part a listed name
    ],
)
def test_register_names(text, ok):
    assert register_name_is_a_name(text) is ok


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("WELSH, Nerys", True),  # a surname that is also a word, before a first name
        ("NOTE, Please", False),
        ("ACTIONS, Agreed", False),
        ("PASK, Nerys", True),
    ],
)
def test_a_register_name_whose_surname_is_a_word_needs_a_first_name(text, verdict):
    assert register_name_is_a_name(text) is verdict


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("MORWOOD Kerensa", True),  # capitals before a listed first name
        ("Kerensa MORWOOD", True),  # and after it
        ("Zoqvarth PELLOW", True),  # a listed surname in capitals after a forename no list has
        ("PELLOW Zoqvarth", False),  # ... but before it, the forename must be listed
        ("ZOQVARTH Yblentrosk", False),  # neither part a listed name
        ("SEN Kerensa", False),  # an abbreviation
        ("Kerensa PLEASE", False),  # a stop word
        ("NOTES Kerensa", False),  # a heading word
        ("Kerensa FIELD", True),  # a surname that is also a word, beside a first name
        ("Zoqvarth FIELD", False),  # ... but not beside an unlisted word
        ("Visit GARDENS", False),  # a place word
    ],
)
def test_a_name_with_its_surname_in_capitals(text, verdict):
    assert capitals_name_is_a_name(text) is verdict


@pytest.mark.parametrize("text", ["ZQ", "VKW", "JX"])
def test_bare_capitals_that_are_no_abbreviation_are_initials(text):
    assert bare_initials_are_a_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "SLT",  # a team (abbreviations.txt)
        "DBS",  # a check
        "PE",  # a subject (not_initials.txt)
        "TA",  # a role: initials only beside a pupil (role_shorthand.txt)
        "OK",  # a word written in capitals
        "Zq",  # not all capitals
        "ABCD",  # too long for initials
    ],
)
def test_abbreviations_roles_and_other_shapes_are_not_bare_initials(text):
    assert not bare_initials_are_a_name(text)


@pytest.mark.parametrize(
    "text, verdict",
    [("E-M", True), ("HQ-P", True), ("K-T P", True), ("A-Z", False), ("T-V", False)],
)
def test_initials_joined_by_a_hyphen(text, verdict):
    assert hyphenated_initials_are_a_name(text) is verdict
