"""Names the language model misses: name lists checked against the tagger, so
that "Mark the books" and "a grace period" stay while "Mark said" goes.

spaCy's model often calls a pupil's name an organisation or a place ("Aarav
Sharma" -> ORG), or nothing at all, especially a first name on its own. This
recognizer takes, from the token stream the model already made:

- a capitalised listed first name or surname the tagger marks as a proper noun,
  with the proper nouns and initials right after it ("Ruby T", "Aarav Sharma");
- a listed first name, or any proper noun, in a person's place: before a verb
  whose subject is a person ("Temitope said", "Sky needs");
- the other items of a list most of whose items are names;
- a lower-case listed first name that is not an English word ("amira's dad"),
  and a lower-case word after a title ("mrs pellow");
- a capitalised word that is no English word where only a name stands: before a
  surname's initial ("Zenoby E") or a phone number ("Tiyanna 07700 900987").

A name followed by a place word ("Ruby Class", "Hunter Street") is not a person.
The word lists are data in ``recognizers/names/`` (see ``vocabulary.py``).
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detection.spans import Containment
from redactor.detection.vocabulary import TITLES, Vocabulary, vocabulary

PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})

ENTITY = "PERSON"
RECOGNIZER_NAME = "name_lists"
FIRST_NAME_SCORE = 0.75
SURNAME_SCORE = 0.6
CAPITALS_SCORE = 0.6
SUBJECT_SCORE = 0.65
LOWER_CASE_SCORE = 0.6
_SAINT = frozenset({"st", "st.", "saint"})
# The first group of a UK phone number as the tokenizer splits it: "07700", "0113".
_PHONE_START = re.compile(r"^(?:\+44|0)\d{3,10}$")
_LIST_SEPARATORS = frozenset({",", "and", "&", "/", ";"})
_NOT_A_PLACE_FOR_SURNAMES = frozenset({"GPE", "LOC", "FAC"})
_RELATIONS = frozenset(
    {
        "mum",
        "mother",
        "dad",
        "father",
        "parent",
        "carer",
        "stepmum",
        "stepdad",
        "stepmother",
        "stepfather",
        "gran",
        "grandma",
        "grandad",
        "grandmother",
        "grandfather",
        "nan",
        "aunt",
        "uncle",
        "guardian",
        "brother",
        "sister",
        "sibling",
        "foster",
    }
)


class GazetteerNameRecognizer(LocalRecognizer):
    """Presidio recognizer for names from the name lists, confirmed by the tagger."""

    def __init__(
        self,
        english_words: frozenset[str] = frozenset(),
        verb_forms: dict[str, str] | None = None,
    ) -> None:
        super().__init__(supported_entities=[ENTITY], name=RECOGNIZER_NAME, supported_language="en")
        self.words: Vocabulary = vocabulary()
        # Lower-case names are taken only when they are not also English words:
        # "amira" is a name, "will", "grace" and "mark" stay.
        self.english_words = english_words
        # The lemmatizer does not run (it costs a fifth of the model's time), so
        # the person verbs are matched by their written forms.
        self.person_verb_forms = _inflections(self.words.person_verbs, verb_forms or {})

    def load(self) -> None:
        """The lists are read once, in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return a PERSON result for each name found in the model's tokens."""
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return []
        tokens = list(nlp_artifacts.tokens)
        spans: list[tuple[int, int, float]] = []
        index = 0
        while index < len(tokens):
            score = self._score(tokens[index])
            if score is None:
                index += 1
                continue
            start, end = self._initial_before(tokens, index), index + 1
            while end < len(tokens):
                step = self._name_continues(tokens, end)
                if not step:
                    break
                end += step
            end = self._dotted_initial_after(tokens, end)
            if end == index + 1 and self._word_surname_follows(tokens, index):
                spans.append((start, end + 1, score))  # "Amina Hall": a surname, not a place
            elif not self._is_place(tokens, index, end):
                spans.append((start, end, score))
            index = end
        found = [(start, end) for start, end, _ in spans]
        spans += [(s, e, SUBJECT_SCORE) for s, e in self._list_items(tokens, found)]
        return [_result(tokens, start, end, score) for start, end, score in spans]

    def _score(self, token: Any) -> float | None:
        word: str = token.text
        key = word.lower()
        if len(word) < 2 or key in self.words.not_names or key in self.words.place_words:
            return None
        if word.islower():
            return self._lower_case_score(token, key)
        if not word[0].isupper():
            return None
        proper = token.tag_ in PROPER_NOUN_TAGS
        in_capitals = word.isupper() and len(word) >= 3
        if key in self.words.first_names and (proper or in_capitals):
            return FIRST_NAME_SCORE if proper else CAPITALS_SCORE
        if (
            key in self.words.surnames
            and proper
            and (token.ent_type_ not in _NOT_A_PLACE_FOR_SURNAMES)
        ):
            return SURNAME_SCORE
        if (key in self.words.first_names or proper) and self._in_subject_place(token):
            return SUBJECT_SCORE
        if word[1:].islower() and key not in self.english_words and self._in_name_place(token):
            return SUBJECT_SCORE
        return None

    def _in_name_place(self, token: Any) -> bool:
        """Whether a word no list knows stands where only a name does: before a surname's
        initial ("Zenoby E") or right before a phone number ("Tiyanna 07700
        900987").
        """
        doc = token.doc
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is None or not _touches(token, following, gap=1):
            return False  # one space, no line break or punctuation between
        if len(following.text) == 1 and following.text.isupper() and following.text not in "AI":
            after = doc[token.i + 2] if token.i + 2 < len(doc) else None
            return after is None or not (after.text[:1].isupper() and after.is_alpha)
        return bool(_PHONE_START.match(following.text))

    def _lower_case_score(self, token: Any, key: str) -> float | None:
        previous = token.doc[token.i - 1].text.lower().rstrip(".") if token.i > 0 else ""
        if previous in TITLES and token.is_alpha:
            return SURNAME_SCORE
        if len(key) >= 3 and key in self.words.first_names and key not in self.english_words:
            return LOWER_CASE_SCORE
        return None

    def _name_continues(self, tokens: list[Any], index: int) -> int:
        """How many tokens from ``index`` on continue the name before them (0: none).

        One proper noun or initial ("Ruby T"); a hyphen joining two parts with no
        space ("Idris Q-T", "PELLOW-VANE"); after a name written in lower case, a
        lower-case initial or listed surname ("idris q", "idris pellow").
        """
        token, previous = tokens[index], tokens[index - 1]
        if token.text == "-" and index + 1 < len(tokens):
            following = tokens[index + 1]
            joined = _touches(previous, token) and _touches(token, following)
            if joined and following.text[:1].isupper() and following.is_alpha:
                return 2
            return 0
        if previous.text.islower() and previous.is_alpha and _touches(previous, token, gap=1):
            word = token.text
            if len(word) == 1 and word.isalpha() and word.islower() and word not in "ai":
                return 1  # "idris q"
            if word.islower() and word in self.words.surnames and word not in self.english_words:
                return 1  # "idris pellow", but not "idris will"
            return 0
        return 1 if self._continues_name(token) else 0

    def _initial_before(self, tokens: list[Any], index: int) -> int:
        """Start of the name at ``index``, taking in a capital initial right before it
        ("T Pellow"), but not "A" or "I", which are words.
        """
        if index == 0:
            return index
        before = tokens[index - 1]
        if (
            len(before.text) == 1
            and before.text.isupper()
            and before.text not in "AI"
            and _touches(before, tokens[index], gap=1)
            and tokens[index].text[:1].isupper()
        ):
            return index - 1
        return index

    def _dotted_initial_after(self, tokens: list[Any], end: int) -> int:
        """End of the name, taking in a dotted initial after a comma, as in a register
        written surname first: "Pellow, T.".
        """
        if end + 1 < len(tokens) and tokens[end].text == ",":
            initial = tokens[end + 1].text
            if len(initial) == 2 and initial[0].isupper() and initial[1] == ".":
                return end + 2
        return end

    def _continues_name(self, token: Any) -> bool:
        word: str = token.text
        if len(word) == 1 and word.isupper():  # an initial: "Ruby T"
            return True
        key = word.lower()
        return (
            len(word) >= 2
            and word[0].isupper()
            and token.tag_ in PROPER_NOUN_TAGS
            and key not in self.words.place_words
            and key not in self.words.not_names
        )

    def _word_surname_follows(self, tokens: list[Any], index: int) -> bool:
        """Whether a first name is followed by a surname that is also a place or common
        word: "Amina Hall", "Sonny Field". Only after a first name that is not itself an
        English word, so that "Ruby Class", "Rose Hill" and "Holly Lodge" stay places.
        """
        if index + 1 >= len(tokens):
            return False
        name, following = tokens[index].text, tokens[index + 1].text
        return (
            name.lower() in self.words.first_names
            and name.lower() not in self.english_words
            and following[:1].isupper()
            and following.isalpha()
            and following.lower() in self.words.word_surnames
        )

    def _is_place(self, tokens: list[Any], start: int, end: int) -> bool:
        """Whether tokens[start:end] name a place or body: "St Mary's", "Hunter Street"."""
        after = tokens[end].text.lower() if end < len(tokens) else ""
        before = tokens[start - 1].text.lower() if start > 0 else ""
        return after in self.words.place_words or before in _SAINT

    def _in_subject_place(self, token: Any) -> bool:
        """Whether a verb whose subject is a person follows ("X said", "X and Y are")."""
        doc = token.doc
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.text.lower() in {"and", "&"}:
            following = doc[token.i + 3] if token.i + 3 < len(doc) else None
        if following is None:
            return False
        if following.text in {"'s", "’s"}:
            return True
        if following.text == "(" and token.i + 2 < len(doc):
            # "Kuldip (dad)", "Chinedu (Ibrahim's stepdad)": a relation in brackets
            return doc[token.i + 2].text.lower() in _RELATIONS or (
                token.i + 4 < len(doc) and doc[token.i + 4].text.lower() in _RELATIONS
            )
        return bool(
            following.text.lower() in self.person_verb_forms
            and (following.tag_.startswith("VB") or following.tag_ == "MD")
        )

    def _list_items(self, tokens: list[Any], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Capitalised items of a list of three or more, at least half of them names.

        "Reading group: Ella, Noah, Chiamaka, Piotr, Ayaan." -> "Chiamaka" too.
        Returns token ranges not already found.
        """
        runs: list[list[tuple[int, int]]] = [[]]
        item: list[int] = []
        for index, token in enumerate([*tokens, None]):
            if (
                token is not None
                and token.text[:1].isupper()
                and token.is_alpha
                and not (token.is_stop or token.text.lower() in self.words.not_names)
            ):
                item.append(index)
                continue
            if item:
                runs[-1].append((item[0], item[-1] + 1))
                item = []
            if token is None or token.text.lower() not in _LIST_SEPARATORS:
                runs.append([])
        extra = []
        already_found = Containment(found)
        for run in runs:
            named = [already_found.contains(s, e) for s, e in run]
            if len(run) >= 3 and sum(named) * 2 >= len(run):
                extra += [span for span, known in zip(run, named, strict=True) if not known]
        return extra


def _inflections(lemmas: frozenset[str], irregular: dict[str, str]) -> frozenset[str]:
    """Every written form of the given verbs: regular endings plus the irregular table."""
    forms = set(lemmas)
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= {form for form, lemma in irregular.items() if lemma in lemmas}
    forms |= {"is", "was", "were", "are", "am", "been", "has", "had", "did", "does"}
    return frozenset(forms)


def _touches(left: Any, right: Any, gap: int = 0) -> bool:
    """Whether ``right`` starts ``gap`` characters after ``left`` ends."""
    return bool(right.idx == left.idx + len(left.text) + gap)


def _result(tokens: list[Any], start: int, end: int, score: float) -> RecognizerResult:
    last = tokens[end - 1]
    return RecognizerResult(
        ENTITY,
        tokens[start].idx,
        last.idx + len(last),
        score,
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME},
    )
