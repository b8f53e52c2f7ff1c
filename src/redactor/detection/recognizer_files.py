"""Load recognizer definitions from ``recognizers/*.yaml``, strictly.

A malformed file stops the run (:class:`RecognizerDefinitionError`): silently
skipping a recognizer would silently leak what it was meant to find.

Schema (see ``recognizers/README.md``)::

    name: uk_postcode              # unique
    entity: POSTCODE               # the label it produces
    description: ...
    case_sensitive: false          # default false
    patterns:
      - {name: full, regex: '...', score: 0.7}
    context: [postcode, address]   # words that raise the score nearby
    validator: upn                 # optional key of validators.VALIDATORS
    examples:
      match: ['text', {text: '...', value: '...'}]   # must be found
      keep: ['...']                                  # must not be found
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detection.locations import recognizer_dir
from redactor.detection.validators import VALIDATORS
from redactor.errors import RecognizerDefinitionError

_KEYS = {
    "name",
    "entity",
    "description",
    "case_sensitive",
    "patterns",
    "context",
    "validator",
    "examples",
}
_REQUIRED = {"name", "entity", "description", "patterns", "examples"}
_PATTERN_KEYS = {"name", "regex", "score"}


@dataclass(frozen=True)
class Example:
    """A recognizer example: ``value`` must (or must not) be found in ``text``."""

    text: str
    value: str


@dataclass(frozen=True)
class RecognizerDefinition:
    """One parsed recognizer file."""

    name: str
    entity: str
    description: str
    case_sensitive: bool
    patterns: tuple[tuple[str, str, float], ...]
    context: tuple[str, ...]
    validator: str | None
    matches: tuple[Example, ...]
    keeps: tuple[str, ...]
    source: Path


class DefinedPatternRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer built from a definition file.

    It always uses its own regex flags (the analyzer would otherwise impose
    IGNORECASE on every pattern) and applies the named validator.
    """

    def __init__(self, definition: RecognizerDefinition) -> None:
        flags = regex.DOTALL | regex.MULTILINE
        if not definition.case_sensitive:
            flags |= regex.IGNORECASE
        super().__init__(
            supported_entity=definition.entity,
            name=definition.name,
            patterns=[Pattern(n, r, s) for n, r, s in definition.patterns],
            context=list(definition.context),
            global_regex_flags=flags,
        )
        self._validator = VALIDATORS[definition.validator] if definition.validator else None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find matches with this recognizer's own flags, whatever the analyzer passes."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, self.global_regex_flags
        )
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop a match that fails the definition's check.

        A match that passes keeps its pattern score (Presidio would raise it to
        1.0): a ten-digit reference number passes the NHS check one time in
        eleven, so only context should make it certain.
        """
        if self._validator is None or self._validator(pattern_text):
            return None
        return False




def load_definitions(directory: Path | None = None) -> tuple[RecognizerDefinition, ...]:
    """Parse every ``*.yaml`` file in ``directory``; any fault is fatal."""
    directory = directory or recognizer_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise RecognizerDefinitionError(f"no recognizer files found in {directory}")
    definitions = tuple(_parse(path) for path in files)
    names = [d.name for d in definitions]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise RecognizerDefinitionError(f"recognizer names used twice: {sorted(duplicates)}")
    return definitions


def build_recognizer(definition: RecognizerDefinition) -> DefinedPatternRecognizer:
    """Make the Presidio recognizer for a definition."""
    return DefinedPatternRecognizer(definition)


def _parse(path: Path) -> RecognizerDefinition:
    def fail(problem: str) -> RecognizerDefinitionError:
        return RecognizerDefinitionError(f"recognizer file {path.name}: {problem}")

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise fail(f"cannot be read ({exc})") from None
    if not isinstance(raw, dict):
        raise fail("must be a mapping of keys to values")
    missing, unknown = _REQUIRED - set(raw), set(raw) - _KEYS
    if missing or unknown:
        raise fail(f"missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    for key in ("name", "entity", "description"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise fail(f"'{key}' must be non-empty text")
    validator = raw.get("validator")
    if validator is not None and validator not in VALIDATORS:
        raise fail(f"unknown validator {validator!r}; known: {sorted(VALIDATORS)}")
    case_sensitive = raw.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise fail("'case_sensitive' must be true or false")
    context = raw.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise fail("'context' must be a list of words")
    patterns = _parse_patterns(raw["patterns"], fail)
    matches, keeps = _parse_examples(raw["examples"], fail)
    return RecognizerDefinition(
        name=raw["name"],
        entity=raw["entity"],
        description=raw["description"],
        case_sensitive=case_sensitive,
        patterns=patterns,
        context=tuple(context),
        validator=validator,
        matches=matches,
        keeps=keeps,
        source=path,
    )


def _parse_patterns(raw: Any, fail: Any) -> tuple[tuple[str, str, float], ...]:
    if not isinstance(raw, list) or not raw:
        raise fail("'patterns' must be a non-empty list")
    patterns = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != _PATTERN_KEYS:
            raise fail(f"each pattern needs exactly {sorted(_PATTERN_KEYS)}")
        score = item["score"]
        if not isinstance(score, int | float) or not 0 < score <= 1:
            raise fail(f"pattern {item['name']!r}: score must be in (0, 1]")
        try:
            regex.compile(item["regex"])
        except (regex.error, TypeError) as exc:
            raise fail(
                f"pattern {item['name']!r} is not a valid regular expression: {exc}"
            ) from None
        patterns.append((str(item["name"]), str(item["regex"]), float(score)))
    return tuple(patterns)


def _parse_examples(raw: Any, fail: Any) -> tuple[tuple[Example, ...], tuple[str, ...]]:
    if not isinstance(raw, dict) or set(raw) != {"match", "keep"}:
        raise fail("'examples' needs 'match' and 'keep' lists")
    matches = []
    for item in raw["match"] or []:
        if isinstance(item, str):
            matches.append(Example(item, item))
        elif (
            isinstance(item, dict)
            and set(item) == {"text", "value"}
            and all(isinstance(item[key], str) for key in ("text", "value"))
            and item["value"] in item["text"]
        ):
            matches.append(Example(str(item["text"]), str(item["value"])))
        else:
            raise fail(
                f"bad match example {item!r}: text, or {{text, value}} with value in text "
                "(quote dates and numbers, or YAML reads them as something else)"
            )
    keeps = raw["keep"] or []
    if not all(isinstance(k, str) for k in keeps):
        raise fail("'keep' examples must be text")
    if not matches or not keeps:
        raise fail("every recognizer needs at least one match and one keep example")
    return tuple(matches), tuple(keeps)
