"""Whole-word occurrences of a phrase in text: one definition used by keep lists,
propagation and verification, so that what we redact and what we check agree.
"""

from __future__ import annotations

import re
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
    """A long-lived list of phrases (a vocabulary of thousands of places and public
    figures), indexed once for the run, so that the per-document lists that pass through
    :func:`find_phrases` never push it out of the cache to be rebuilt.
    """

    def __init__(self, phrases: Sequence[str], *, any_case: bool = False) -> None:
        self._index = _build_index(tuple(phrases), any_case)

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, phrase) as :func:`find_phrases` does."""
        if self._index is not None:
            yield from self._index.find(text)


@lru_cache(maxsize=256)
def _index(phrases: tuple[str, ...], any_case: bool) -> _PhraseIndex | None:
    """The index of a document's phrases, cached while the document is resolved."""
    return _build_index(phrases, any_case)


def _build_index(phrases: tuple[str, ...], any_case: bool) -> _PhraseIndex | None:
    """The phrases in a tree of their words, or None if there are none."""
    wanted = sorted({p for p in phrases if p.strip()}, key=len, reverse=True)
    if not wanted:
        return None
    tree: _Node = {}
    wordless = []
    for phrase in wanted:
        words = list(_WORD.finditer(phrase))
        if not words:
            wordless.append(phrase)
            continue
        node = tree
        for word in words:
            node = node.setdefault(word.group().casefold(), {})  # type: ignore[assignment]
        ends = node.setdefault(_ENDS, [])
        assert isinstance(ends, list)
        # With how far the phrase starts before its first word ("+44 ...", "(0113) ...");
        # longest first, as ``wanted`` is sorted.
        ends.append((phrase, words[0].start() - (len(phrase) - len(phrase.lstrip()))))
    union = _union(wordless, any_case) if wordless else None
    return _PhraseIndex(tree, union, any_case)


# A tree of phrases by their words (case-folded): each node maps the next word to the
# next node, and _ENDS to the phrases that end there, each with the length of what it
# has before its first word. "\0" is never a word.
_Node = dict[str, "_Node | list[tuple[str, int]]"]
_ENDS = "\0"


class _PhraseIndex:
    """Phrases found by walking a tree of their words along the text's words; a regex
    union only for phrases of punctuation alone.

    At each word of the text the tree gives the few phrases whose words all follow
    there, and only those are matched exactly (case and word edges): the cost grows
    with the text, not with the text times the phrases that share a first word (a
    long document's list of names has hundreds beginning "Mrs", and one phone number
    written "+44 ..." once made every phrase a branch of one regex tried at every
    character). Compiling one
    alternation per document's names cost more than the matching itself, and a
    phrase's pattern is compiled only when its words are met.
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

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        found = list(self._by_words(text))
        if self.union is not None:
            # Phrases of punctuation alone: a handful at most, matched where they are.
            pattern, by_key = self.union
            found += [
                (m.start(), m.end(), by_key.get(normalise(m.group()), m.group()))
                for m in pattern.finditer(text)
            ]
            found.sort()
        yield from found

    def _by_words(self, text: str) -> Iterator[tuple[int, int, str]]:
        words = [(w.start(), w.group().casefold()) for w in _WORD.finditer(text)]
        resume = 0
        for index, (start, word) in enumerate(words):
            if start < resume or word not in self.tree:
                continue
            found = self._longest_at(text, words, index, resume)
            if found is not None:
                yield found
                resume = found[1]

    def _longest_at(
        self, text: str, words: list[tuple[int, str]], index: int, resume: int
    ) -> tuple[int, int, str] | None:
        """The longest phrase that matches exactly where word ``index`` starts (or just
        before it, by what the phrase has before its first word).
        """
        candidates: list[list[tuple[str, int]]] = []
        node: _Node | list[tuple[str, int]] | None = self.tree.get(words[index][1])
        position = index
        while isinstance(node, dict):
            ends = node.get(_ENDS)
            if isinstance(ends, list):
                candidates.append(ends)
            position += 1
            if position >= len(words):
                break
            node = node.get(words[position][1])
        start = words[index][0]
        for ends in reversed(candidates):
            for phrase, lead in ends:
                if start - lead < resume:
                    continue
                match = phrase_pattern(phrase, any_case=self.any_case).match(text, start - lead)
                if match is not None:
                    return match.start(), match.end(), phrase
        return None


def _union(wanted: list[str], any_case: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for all phrases (longest first), and each phrase by its normalised form."""
    alternatives = "|".join(f"(?:{phrase_pattern(p, any_case=any_case).pattern})" for p in wanted)
    pattern = re.compile(alternatives, re.IGNORECASE if any_case else 0)
    return pattern, {normalise(p): p for p in wanted}


def find_phrases(
    phrases: Sequence[str], text: str, *, any_case: bool = False
) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, phrase) for occurrences of any of ``phrases`` in one pass.

    Same matching rules as :func:`occurrences`; where two phrases could match at
    one place the longer wins, and matches do not overlap.
    """
    index = _index(tuple(phrases), any_case)
    if index is not None:
        yield from index.find(text)


def normalise(phrase: str) -> str:
    """Lower case with single spaces: the key under which case variants of a phrase meet."""
    return " ".join(phrase.lower().split())


def find_every_phrase(
    phrases: Sequence[str], text: str, *, any_case: bool = False
) -> Iterator[tuple[int, int, str]]:
    """Like :func:`find_phrases`, but a longer phrase never hides a shorter one.

    Phrases are matched in groups of the same number of words, longest first, so
    "dad" is still found where "dad Andrew" also matched. Results may overlap.
    """
    for group in _by_length(tuple(phrases)):
        yield from find_phrases(group, text, any_case=any_case)


@lru_cache(maxsize=64)
def _by_length(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The phrases in groups of the same number of words, longest first: worked out once
    per list, not once per segment it is looked for in (a long document's list of names
    is looked for in every one of its segments).
    """
    by_length: dict[int, list[str]] = {}
    for phrase in phrases:
        by_length.setdefault(len(phrase.split()), []).append(phrase)
    return tuple(tuple(by_length[n]) for n in sorted(by_length, reverse=True))
