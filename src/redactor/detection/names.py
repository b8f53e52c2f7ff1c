"""Names the language model misses: a gazetteer of first names and surnames,
checked against the tagger so that "Mark the books" and "a grace period" stay.

spaCy's model often calls a pupil's name an organisation or a place ("Aarav
Sharma" -> ORG) or nothing at all, especially a first name on its own. A
capitalised token whose lower-case form is in the name lists, and which the
tagger marks as a proper noun, is taken as a name; the proper nouns right after
it (a surname) join it. Name lists are data in ``recognizers/names/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detection.recognizer_files import recognizer_dir

ENTITY = "PERSON"
RECOGNIZER_NAME = "name_lists"
FIRST_NAME_SCORE = 0.75
SURNAME_SCORE = 0.6
CAPITALS_SCORE = 0.6
# Capitalised words that are in the name lists but, next to a name, are
# almost always something else.
_NEVER = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "year",
        "class",
        "school",
        "head",
        "office",
        "dear",
        "best",
        "kind",
        "regards",
        "thanks",
        "god",
        "english",
        "french",
        "duke",
        "duchess",
        "king",
        "queen",
        "prince",
        "princess",
        "lord",
        "lady",
        "sir",
        "saint",
        # languages and nationalities, often listed together in school reports
        "polish",
        "urdu",
        "arabic",
        "punjabi",
        "bengali",
        "somali",
        "romanian",
        "spanish",
        "german",
        "italian",
        "portuguese",
        "turkish",
        "chinese",
        "mandarin",
        "cantonese",
        "hindi",
        "gujarati",
        "tamil",
        "yoruba",
        "igbo",
        "twi",
        "lithuanian",
        "latvian",
        "russian",
        "ukrainian",
        "welsh",
        "scottish",
        "irish",
        "british",
        "pashto",
        "farsi",
        "kurdish",
        "tigrinya",
        "amharic",
        # subjects
        "maths",
        "mathematics",
        "science",
        "history",
        "geography",
        "music",
        "art",
        "computing",
        "drama",
        "dance",
        "phonics",
        "literacy",
        "numeracy",
        "pshe",
        "re",
        "pe",
    }
)
# A listed name followed by one of these is a place, a class or an organisation
# ("Ruby Class", "Hunter Street", "Grace Academy Trust"), not a person.
PLACE_WORDS = frozenset(
    {
        "road",
        "street",
        "avenue",
        "close",
        "lane",
        "drive",
        "way",
        "crescent",
        "gardens",
        "court",
        "place",
        "terrace",
        "grove",
        "mews",
        "rise",
        "walk",
        "view",
        "row",
        "square",
        "hill",
        "park",
        "green",
        "parade",
        "vale",
        "wood",
        "woods",
        "field",
        "fields",
        "centre",
        "center",
        "class",
        "academy",
        "trust",
        "school",
        "primary",
        "infants",
        "juniors",
        "college",
        "university",
        "house",
        "hall",
        "club",
        "group",
        "team",
        "line",
        "station",
        "surgery",
        "hospital",
        "library",
        "church",
        "chapel",
        "mosque",
        "temple",
        "gurdwara",
        "synagogue",
        "cathedral",
        "bridge",
        "estate",
        "farm",
        "cottage",
        "lodge",
        "award",
        "awards",
        "day",
        "week",
        "fund",
        "foundation",
        "council",
        "county",
        "borough",
        "ward",
        "unit",
        "building",
        "block",
        "wing",
        "theatre",
        "museum",
        "gallery",
        "stadium",
        "arena",
        "campus",
        "nursery",
        "federation",
    }
)
_SAINT = frozenset({"st", "st.", "saint"})
# Verbs (as lemmas) whose subject in a school note is nearly always a person:
# "Temitope said", "Grace has been", "Sky needs". A capitalised word in that
# place is a name if it is a listed first name or the tagger calls it a proper noun.
PERSON_VERBS = frozenset(
    {
        "say",
        "tell",
        "ask",
        "have",
        "be",
        "need",
        "forget",
        "cry",
        "do",
        "write",
        "start",
        "settle",
        "feel",
        "seem",
        "want",
        "go",
        "come",
        "leave",
        "arrive",
        "refuse",
        "hit",
        "kick",
        "push",
        "bite",
        "swear",
        "run",
        "fall",
        "hurt",
        "complete",
        "finish",
        "read",
        "struggle",
        "enjoy",
        "love",
        "like",
        "attend",
        "miss",
        "join",
        "move",
        "get",
        "make",
        "take",
        "bring",
        "lose",
        "find",
        "show",
        "report",
        "disclose",
        "share",
        "mention",
        "receive",
        "achieve",
        "win",
        "work",
        "try",
        "continue",
        "return",
        "improve",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
        "shall",
        "did",
        "play",
        "sit",
        "stay",
        "become",
        "draw",
        "build",
        "design",
        "choose",
        "speak",
        "talk",
        "shout",
        "laugh",
        "smile",
        "sleep",
        "eat",
        "drink",
        "use",
        "wear",
        "break",
        "throw",
        "storm",
        "walk",
        "wait",
        "mean",
    }
)
SUBJECT_SCORE = 0.65
LOWER_CASE_SCORE = 0.6
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
_LIST_SEPARATORS = frozenset({",", "and", "&", "/", ";"})


@cache
def name_lists(directory: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames (lower case) from ``recognizers/names/``."""
    folder = (directory or recognizer_dir()) / "names"
    first: set[str] = set()
    for name in ("first_names.txt", "extra_first_names.txt"):
        first |= _read_list(folder / name)
    return frozenset(first - _NEVER), frozenset(_read_list(folder / "surnames.txt") - _NEVER)


def _read_list(path: Path) -> set[str]:
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


class GazetteerNameRecognizer(LocalRecognizer):
    """Presidio recognizer for names from the name lists, confirmed by the tagger."""

    def __init__(self, english_words: frozenset[str] = frozenset()) -> None:
        super().__init__(supported_entities=[ENTITY], name=RECOGNIZER_NAME, supported_language="en")
        self.first_names, self.surnames = name_lists()
        # Lower-case names ("spoke to amira's dad") are taken only when they are not
        # also English words: "will", "grace" and "mark" stay.
        self.english_words = english_words

    def load(self) -> None:
        """The lists are read once, in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return a PERSON result for each listed name the tagger calls a proper noun."""
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return []
        tokens = list(nlp_artifacts.tokens)
        results = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            score = self._score(token)
            if score is None:
                index += 1
                continue
            end = index + 1
            while end < len(tokens) and self._continues_name(tokens[end]):
                end += 1
            if _is_place(tokens, index, end):
                index = end
                continue
            start_char = token.idx
            end_char = tokens[end - 1].idx + len(tokens[end - 1])
            results.append(
                RecognizerResult(
                    ENTITY,
                    start_char,
                    end_char,
                    score,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME},
                )
            )
            index = end
        found = [_token_range(tokens, r.start, r.end) for r in results]
        for start, end in list_of_names(tokens, found):
            results.append(
                RecognizerResult(
                    ENTITY,
                    tokens[start].idx,
                    tokens[end - 1].idx + len(tokens[end - 1]),
                    SUBJECT_SCORE,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME},
                )
            )
        return results

    def _score(self, token: Any) -> float | None:
        word: str = token.text
        key = word.lower()
        if len(word) < 2 or key in _NEVER or token.is_stop:
            return None
        if word.islower():
            return self._lower_case_score(token, key)
        if not word[0].isupper():
            return None
        in_capitals = word.isupper() and len(word) >= 3
        proper = token.pos_ == "PROPN"
        if key in self.first_names and (proper or in_capitals):
            return FIRST_NAME_SCORE if proper else CAPITALS_SCORE
        if key in self.surnames and proper and token.ent_type_ not in {"GPE", "LOC", "FAC"}:
            return SURNAME_SCORE
        if (key in self.first_names or proper) and _in_subject_place(token):
            return SUBJECT_SCORE
        return None

    def _lower_case_score(self, token: Any, key: str) -> float | None:
        after_title = token.i > 0 and token.doc[token.i - 1].text.lower().rstrip(".") in _TITLES
        if after_title and token.is_alpha:
            return SURNAME_SCORE
        if len(key) >= 3 and key in self.first_names and key not in self.english_words:
            return LOWER_CASE_SCORE
        return None

    def _continues_name(self, token: Any) -> bool:
        word: str = token.text
        if len(word) == 1 and word.isupper():  # an initial: "Ruby T"
            return True
        return (
            len(word) >= 2
            and word.lower() not in PLACE_WORDS
            and word[0].isupper()
            and token.pos_ == "PROPN"
            and word.lower() not in _NEVER
        )


def _is_place(tokens: list[Any], start: int, end: int) -> bool:
    """Whether tokens[start:end] name a place or body: "St Mary's", "Hunter Street"."""
    after = tokens[end].text.lower() if end < len(tokens) else ""
    before = tokens[start - 1].text.lower() if start > 0 else ""
    last = tokens[end - 1].text.lower()
    return after in PLACE_WORDS or last in PLACE_WORDS or before in _SAINT


def _token_range(tokens: list[Any], start_char: int, end_char: int) -> tuple[int, int]:
    indices = [t.i for t in tokens if start_char <= t.idx < end_char]
    return indices[0], indices[-1] + 1


def _in_subject_place(token: Any) -> bool:
    """Whether the token is followed by a verb whose subject is a person ("X said").

    "X and Y are" counts for X too: the verb after the pair decides.
    """
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.text.lower() in {"and", "&"}:
        pair_end = token.i + 3
        following = token.doc[pair_end] if pair_end < len(token.doc) else None
    if following is None:
        return False
    if following.text in {"'s", "’s"}:
        return True
    return bool(following.lemma_.lower() in PERSON_VERBS and following.pos_ in {"VERB", "AUX"})


def list_of_names(tokens: list[Any], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Capitalised items of a list in which most items are already names.

    "Reading group: Ella, Noah, Chiamaka, Piotr, Ayaan." -> every item, once three
    of the five are known names. Returns token index ranges (start, end).
    """
    items: list[list[int]] = [[]]
    for index, token in enumerate(tokens):
        if token.text.lower() in _LIST_SEPARATORS:
            items.append([])
        elif token.text[:1].isupper() and token.is_alpha and not token.is_stop:
            items[-1].append(index)
        else:
            items.append([])
    runs: list[list[tuple[int, int]]] = [[]]
    for item in items:
        if item and item == list(range(item[0], item[-1] + 1)):
            runs[-1].append((item[0], item[-1] + 1))
        else:
            runs.append([])
    extra = []
    for run in runs:
        if len(run) < 3:
            continue
        named = sum(1 for s, e in run if any(fs <= s and e <= fe for fs, fe in found))
        if named * 2 >= len(run):
            extra += [(s, e) for s, e in run if not any(fs <= s and e <= fe for fs, fe in found)]
    return extra
