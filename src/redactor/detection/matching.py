"""Whole-word occurrences of a phrase in text: one definition used by keep lists,
propagation and verification, so that what we redact and what we check agree.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from functools import lru_cache

_WORD_CHAR = r"[^\W_]"


@lru_cache(maxsize=16384)
def phrase_pattern(phrase: str, *, any_case: bool) -> re.Pattern[str]:
    """A pattern for ``phrase`` as whole words, any run of white space between words.

    With ``any_case`` false the phrase matches as written, in Title Case or in
    CAPITALS, but not in lower case: "Grace" the pupil is not "grace" the word.
    """
    words = phrase.split()
    body = r"\s+".join(re.escape(w) for w in words)
    edge_start = rf"(?<!{_WORD_CHAR})" if words and re.match(r"\w", words[0]) else ""
    edge_end = rf"(?!{_WORD_CHAR})" if words and re.search(r"\w$", words[-1]) else ""
    if any_case:
        return re.compile(edge_start + body + edge_end, re.IGNORECASE)
    variants = dict.fromkeys([" ".join(words), _title(words), " ".join(words).upper()])
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in v.split()) for v in variants)
    return re.compile(f"{edge_start}(?:{alternatives}){edge_end}")


def occurrences(phrase: str, text: str, *, any_case: bool = False) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every whole-word occurrence of ``phrase`` in ``text``."""
    if not phrase.strip():
        return
    for match in phrase_pattern(phrase, any_case=any_case).finditer(text):
        yield match.span()


def _title(words: list[str]) -> str:
    """Title Case, with each dotted initial capitalised: "j.k. rowling" -> "J.K. Rowling"."""
    return " ".join(re.sub(r"(?:^|(?<=\.))[^\W\d_]", lambda m: m.group().upper(), w) for w in words)


# A word as phrase_pattern bounds it: letters and digits, not the underscore.
_WORD = re.compile(r"[^\W_]+")


class PhraseSet:
    """A list of phrases indexed once, to be looked for in many texts: a document's names
    in each of its segments, a vocabulary of places in every document.

    Build one per list and pass it around. Looking a text up then costs the text's words,
    whatever the number of phrases (a per-call list was copied and hashed for every
    segment, so a long document paid its segments times its names).

    ``every_length``: a longer phrase never hides a shorter one; phrases are matched in
    groups of the same number of words, longest first, so "dad" is still found where
    "dad Idris" also matched, and results may overlap.
    """

    def __init__(
        self, phrases: Sequence[str], *, any_case: bool = False, every_length: bool = False
    ) -> None:
        # Longest first; alike in length, in a fixed order, so that which of two phrases
        # a text is reported under ("Pask" or "PASK") does not change from run to run.
        wanted = sorted({p for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
        groups = _by_word_count(wanted) if every_length else [wanted]
        self._indexes = [_build_index(group, any_case) for group in groups if group]

    def find(self, text: str, words: Words | None = None) -> list[tuple[int, int, str]]:
        """(start, end, phrase) of each occurrence, under the rules of :func:`occurrences`;
        without ``every_length``, where two phrases could match at one place the longer
        wins and matches do not overlap. ``words``: the text's words, if already found
        for another set.
        """
        if not self._indexes:
            return []
        words = words if words is not None else Words(text)
        found: list[tuple[int, int, str]] = []
        for index in self._indexes:
            found += index.find(text, words)
        return found


class Words:
    """Where each word of a text starts, and the word case-folded, held compactly: a
    re-read output is one text of the whole document, and a tuple per word took about
    140 bytes a word (200 MB for 8 MB of text); here a word costs two machine words, and
    each different word is kept once. Found once, they serve every set asked about the
    same text.
    """

    __slots__ = ("folded", "starts")

    def __init__(self, text: str) -> None:
        self.starts = array("q")
        self.folded: list[str] = []
        distinct: dict[str, str] = {}
        for match in _WORD.finditer(text):
            self.starts.append(match.start())
            word = match.group().casefold()
            self.folded.append(distinct.setdefault(word, word))


def _by_word_count(phrases: list[str]) -> list[list[str]]:
    """The phrases in groups of the same number of words, most words first."""
    groups: dict[int, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(len(phrase.split()), []).append(phrase)
    return [groups[n] for n in sorted(groups, reverse=True)]


def _build_index(wanted: list[str], any_case: bool) -> _PhraseIndex:
    """The phrases (longest first) in a tree of their words."""
    tree: _Node = {}
    by_pattern = []
    for phrase in wanted:
        words = list(_WORD.finditer(phrase))
        if not words or any(c.isspace() for c in phrase[: words[0].start()].lstrip()):
            # Punctuation alone, or white space before the first word ("- Pask"), whose
            # width in a text the tree cannot know: matched by pattern.
            by_pattern.append(phrase)
            continue
        node = tree
        for word in words:
            node = node.setdefault(word.group().casefold(), {})  # type: ignore[assignment]
        ends = node.setdefault(_ENDS, [])
        assert isinstance(ends, list)
        # With how far the phrase starts before its first word ("+44 ...", "(0113) ...");
        # longest first, as ``wanted`` is sorted.
        ends.append((phrase, words[0].start() - (len(phrase) - len(phrase.lstrip()))))
    union = _union(by_pattern, any_case) if by_pattern else None
    return _PhraseIndex(tree, union, any_case)


# A tree of phrases by their words (case-folded): each node maps the next word to the
# next node, and _ENDS to the phrases that end there, each with the length of what it
# has before its first word. "\0" is never a word.
_Node = dict[str, "_Node | list[tuple[str, int]]"]
_ENDS = "\0"


class _PhraseIndex:
    """Phrases found by walking a tree of their words along the text's words; a regex
    union only for phrases of punctuation alone or with white space before their first
    word.

    At each word of the text the tree gives the few phrases whose words all follow
    there, and only those are matched exactly (case and word edges): the cost grows
    with the text, not with the text times the phrases that share a first word (a
    long document's list of names has hundreds beginning "Mrs", and one phone number
    written "+44 ..." once made every phrase a branch of one regex tried at every
    character).
    """

    def __init__(
        self,
        tree: _Node,
        union: tuple[re.Pattern[str], dict[str, str]] | None,
        any_case: bool,
    ) -> None:
        self.tree = tree
        self.union = union
        self.any_case = any_case

    def find(self, text: str, words: Words) -> list[tuple[int, int, str]]:
        found = list(self._by_words(text, words))
        if self.union is not None:
            # A handful at most, matched where they are.
            pattern, by_key = self.union
            found += [
                (m.start(), m.end(), by_key.get(normalise(m.group()), m.group()))
                for m in pattern.finditer(text)
            ]
            found.sort()
        return found

    def _by_words(self, text: str, words: Words) -> Iterator[tuple[int, int, str]]:
        resume = 0
        starts = words.starts
        for index, word in enumerate(words.folded):
            if starts[index] < resume or word not in self.tree:
                continue
            found = self._longest_at(text, words, index, resume)
            if found is not None:
                yield found
                resume = found[1]

    def _longest_at(
        self, text: str, words: Words, index: int, resume: int
    ) -> tuple[int, int, str] | None:
        """The longest phrase that matches exactly where word ``index`` starts (or just
        before it, by what the phrase has before its first word).
        """
        candidates: list[list[tuple[str, int]]] = []
        folded = words.folded
        node: _Node | list[tuple[str, int]] | None = self.tree.get(folded[index])
        position = index
        while isinstance(node, dict):
            ends = node.get(_ENDS)
            if isinstance(ends, list):
                candidates.append(ends)
            position += 1
            if position >= len(folded):
                break
            node = node.get(folded[position])
        start = words.starts[index]
        for ends in reversed(candidates):
            for phrase, lead in ends:
                if start - lead < resume:
                    continue
                end = match_at(phrase, text, start - lead, any_case=self.any_case)
                if end is not None:
                    return start - lead, end, phrase
        return None


def match_at(phrase: str, text: str, pos: int, *, any_case: bool) -> int | None:
    """Where ``phrase`` ends if it occurs in ``text`` exactly at ``pos`` under the rules
    of :func:`phrase_pattern`, else None.

    As written, in Title Case or in CAPITALS, this is compared directly: a document's
    own names are thousands of phrases, and a compiled pattern for each cost more time
    and memory than the search (a bounded cache of them was rebuilt over and over in a
    long document). Any case is left to the pattern, whose case rules are the regex
    engine's.
    """
    if any_case:
        match = phrase_pattern(phrase, any_case=True).match(text, pos)
        return match.end() if match is not None else None
    forms, edge_start, edge_end = _written_forms(phrase)
    if edge_start and pos > 0 and text[pos - 1].isalnum():
        return None
    for words in forms:
        end = _words_end(text, pos, words)
        if end is not None and not (edge_end and end < len(text) and text[end].isalnum()):
            return end
    return None


def _words_end(text: str, pos: int, words: tuple[str, ...]) -> int | None:
    """Where ``words`` end if they are written at ``pos`` with white space between."""
    for number, word in enumerate(words):
        if number:
            gap = pos
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos == gap:
                return None
        if not text.startswith(word, pos):
            return None
        pos += len(word)
    return pos


@lru_cache(maxsize=16384)
def _written_forms(phrase: str) -> tuple[tuple[tuple[str, ...], ...], bool, bool]:
    """The words of ``phrase`` as written, in Title Case and in CAPITALS (in the order
    :func:`phrase_pattern` tries them), and whether each end must be a word's edge
    (a word character other than the underscore is ``str.isalnum``, as in the regex engine).
    """
    words = phrase.split()
    forms = dict.fromkeys([" ".join(words), _title(words), " ".join(words).upper()])
    return (
        tuple(tuple(form.split()) for form in forms),
        bool(words and re.match(r"\w", words[0])),
        bool(words and re.search(r"\w$", words[-1])),
    )


def _union(wanted: list[str], any_case: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for all phrases (longest first), and each phrase by its normalised form."""
    alternatives = "|".join(f"(?:{phrase_pattern(p, any_case=any_case).pattern})" for p in wanted)
    pattern = re.compile(alternatives, re.IGNORECASE if any_case else 0)
    return pattern, {normalise(p): p for p in wanted}


def normalise(phrase: str) -> str:
    """Lower case with single spaces: the key under which case variants of a phrase meet."""
    return " ".join(phrase.lower().split())
