"""Checksums and other checks that regular expressions cannot express.

Recognizer files name a validator by its key in :data:`VALIDATORS`; a validator
takes the matched text and says whether it really is what the pattern claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import tldextract

from redactor.detection.vocabulary import TITLES, vocabulary

# The check-letter alphabet the DfE uses for UPNs (no I, O or S).
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_NINO_BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# tldextract with no suffix-list URLs uses the snapshot bundled in the package:
# it never touches the network (the default extractor downloads a fresh list).
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _digits(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


def _all_digits(text: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts "²", which ``int`` then refuses."""
    return bool(text) and all(c in "0123456789" for c in text)


def upn_is_valid(text: str) -> bool:
    """DfE Unique Pupil Number: check letter + 12 characters (temporary UPNs end in a letter)."""
    upn = _digits(text).upper()
    if len(upn) != 13 or upn[0] not in _UPN_LETTERS or not _all_digits(upn[1:12]):
        return False
    last = upn[12]
    if _all_digits(last):
        last_value = int(last)
    elif last in _UPN_LETTERS:
        last_value = _UPN_LETTERS.index(last)
    else:
        return False
    values = [int(c) for c in upn[1:12]] + [last_value]
    total = sum(value * weight for value, weight in zip(values, range(2, 14), strict=True))
    return _UPN_LETTERS[total % 23] == upn[0]


def uln_is_valid(text: str) -> bool:
    """Unique Learner Number: 10 digits, the last a check digit (weights 10..2, mod 11)."""
    uln = _digits(text)
    if len(uln) != 10 or not _all_digits(uln) or uln[0] == "0":
        return False
    total = sum(int(d) * w for d, w in zip(uln[:9], range(10, 1, -1), strict=True))
    remainder = total % 11
    return remainder != 0 and 10 - remainder == int(uln[9])


def nhs_number_is_valid(text: str) -> bool:
    """NHS number: 10 digits, modulus 11 check digit."""
    nhs = _digits(text)
    if len(nhs) != 10 or not _all_digits(nhs) or len(set(nhs)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(nhs[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(nhs[9])


def nino_is_valid(text: str) -> bool:
    """National Insurance number prefix rules (HMRC): letters that are never issued."""
    nino = _digits(text).upper()
    if len(nino) != 9:
        return False
    prefix = nino[:2]
    if not all(c in _ASCII_LETTERS for c in prefix) or prefix in _NINO_BAD_PREFIXES:
        return False
    if any(c in "DFIQUV" for c in prefix) or prefix[1] == "O":
        return False
    return _all_digits(nino[2:8]) and nino[8] in "ABCD"


def email_domain_is_valid(text: str) -> bool:
    """An email address whose domain ends in a real public suffix (offline snapshot)."""
    _, _, domain = text.rpartition("@")
    parts = _OFFLINE_TLD(domain)
    return bool(parts.suffix and parts.domain)


def register_name_is_a_name(text: str) -> bool:
    """"SURNAME, Forename" as a register writes it: the capitals are no heading word
    ("NOTE, Please") and one of the two parts is a listed name.
    """
    surname, _, forename = text.partition(",")
    words = vocabulary()
    first = forename.split()[0].lower() if forename.split() else ""
    caps = [w.lower() for w in re.split(r"[\s-]+", surname.strip()) if w]
    if all(w in words.not_names for w in caps):
        # A surname that is also a word ("WELSH, Nerys") only before a listed first
        # name; a heading word before a common word ("NOTE, Please") is no name.
        return first in words.first_names and first not in words.not_names
    return first in words.first_names or any(w in words.surnames for w in caps)


def capitals_name_is_a_name(text: str) -> bool:
    """A forename and a surname in capitals, either way round ("MORWOOD Tansy", "Tansy
    MORWOOD"): the capitals are no abbreviation, heading or place word, the other word
    no ordinary word, and the forename is a listed first name (or, after it, the
    capitals a listed surname).
    """
    words_written = text.split()
    if len(words_written) != 2:
        return False
    first, second = words_written
    caps, other = (first, second) if first.isupper() else (second, first)
    if not caps.isupper() or other.isupper():
        return False
    words = vocabulary()
    if caps in words.abbreviations or caps in words.not_initials or caps in words.role_shorthand:
        return False
    other_key = other.lower()
    if other_key in words.not_names or other_key in words.place_words:
        return False
    parts = [part for part in caps.lower().split("-") if part]
    if any(part in words.not_names or part in words.place_words for part in parts):
        # A surname that is also a word ("WELSH", "FIELD") only beside a listed first name.
        return other_key in words.first_names and all(part in words.surnames for part in parts)
    listed_surname = caps is second and all(part in words.surnames for part in parts)
    return other_key in words.first_names or listed_surname


def initials_are_a_name(text: str) -> bool:
    """Initials that are not school shorthand: "ZT" and "X.K." yes, "PE" and "D.T." no."""
    letters = text.replace(".", "").replace(" ", "")
    return (
        2 <= len(letters) <= 3
        and letters.isalpha()
        and letters.isupper()
        and letters not in vocabulary().not_initials
    )


# Capitals joined by a hyphen that are no one's initials ("the A-Z of policies").
_HYPHENATED_ABBREVIATIONS = frozenset({"A-Z", "A-E", "E-W", "N-S", "Q-A", "U-N", "X-Y"})
_HYPHENATED_INITIALS = re.compile(r"[^\W\d_]{1,2}-[^\W\d_]{1,2}")


def hyphenated_initials_are_a_name(text: str) -> bool:
    """Initials joined by a hyphen ("E-M", "HQ-P", "K-T P") that no school abbreviation
    is ("A-Z").
    """
    parts = text.split()
    if not parts or not _HYPHENATED_INITIALS.fullmatch(parts[0]) or not parts[0].isupper():
        return False
    joined = parts[0]  # the initials, without a surname's initial after them
    words = vocabulary()
    letters = joined.replace("-", "")
    return (
        joined not in _HYPHENATED_ABBREVIATIONS
        and letters not in words.abbreviations
        and letters not in words.not_initials
    )


def bare_initials_are_a_name(text: str) -> bool:
    """Two or three capitals standing alone that are no abbreviation a school uses:
    "ZQ" and "VKW" yes; "SLT", "PE" and "TA" (a role, initials only beside a pupil) no.
    """
    words = vocabulary()
    return (
        initials_are_a_name(text)
        and text not in words.abbreviations
        and text not in words.role_shorthand
    )


# Dotted capitals that are abbreviations; any other "X.Y." in a school note is a person.
_DOTTED_ABBREVIATIONS = frozenset(
    {"UK", "US", "EU", "NB", "PS", "EG", "IE", "PE", "RE", "DOB", "NHS", "UPN", "ULN", "SEN"}
)


def dotted_initials_are_a_name(text: str) -> bool:
    """Dotted initials ("X.K.", "I.T") that are not a dotted abbreviation ("U.K.", "P.E.")."""
    letters = text.replace(".", "").replace(" ", "")
    return (
        2 <= len(letters) <= 3
        and letters.isalpha()
        and letters.isupper()
        and letters not in _DOTTED_ABBREVIATIONS
    )


def name_before_class_is_a_name(text: str) -> bool:
    """Words before a year group in brackets that make a child's name: the first is a
    listed first name, the last no common word unless it is also a surname ("Ivy
    Brook" yes, "Summer Term" no), and no word is a title ("Mrs Pask (Y5 teacher)").
    """
    words = vocabulary()
    parts = [w.lower() for w in text.split()]
    if len(parts) < 2 or any(p.rstrip(".") in TITLES for p in parts):
        return False
    last = parts[-1].split("-")[-1]
    return parts[0].split("-")[0] in words.first_names and (
        last in words.surnames or last not in words.not_names
    )


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "name_before_class": name_before_class_is_a_name,
    "upn": upn_is_valid,
    "uln": uln_is_valid,
    "nhs_number": nhs_number_is_valid,
    "nino": nino_is_valid,
    "email_domain": email_domain_is_valid,
    "initials": initials_are_a_name,
    "bare_initials": bare_initials_are_a_name,
    "register_name": register_name_is_a_name,
    "capitals_name": capitals_name_is_a_name,
    "hyphenated_initials": hyphenated_initials_are_a_name,
    "dotted_initials": dotted_initials_are_a_name,
}
