"""One frozen configuration object, loaded strictly from TOML.

A redaction tool must not guess: an unknown key, a wrong type or an unreadable
file stops the run with :class:`ConfigError` instead of falling back to defaults.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.decisions import DecisionSet
from redactor.errors import ConfigError
from redactor.model import Profile, Style

_HOUSE_NUMBER = re.compile(r"^[0-9]+[A-Za-z]?(?:[-–][0-9]+[A-Za-z]?)?\s+")


@dataclass(frozen=True)
class SchoolDetails:
    """The school's own details: never redacted, in any profile."""

    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""

    def own_email(self, address: str) -> bool:
        """An address at the school's own domain that names no pupil: a role mailbox or a
        member of staff ("office@", "j.price@"). An address with digits in its local
        part is a pupil's account ("17smithj@") and is not the school's.
        """
        local, _, domain = address.strip().lower().rpartition("@")
        own = self.email.strip().lower().rpartition("@")[2]
        return bool(own) and domain == own and not any(c.isdigit() for c in local)

    def own_phone(self, number: str) -> bool:
        """The school's phone in any spacing ("01632960000", "+44 (0)1632 960000"). A
        neighbouring number is not the school's: it may be a family's down the road; a
        school lists its other lines as keep terms.
        """
        own = re.sub(r"\D", "", self.phone)
        digits = re.sub(r"\D", "", _EXTENSION.sub("", number))
        if number.lstrip().startswith("+44"):
            digits = "0" + digits[3:] if digits.startswith("440") else "0" + digits[2:]
        return len(own) >= 10 and digits == own

    def phrases(self) -> tuple[str, ...]:
        """Each non-empty detail, each comma-separated part of the address, and each
        part without its house number: "1 Elm Road" is also "Elm Road", so the
        school's street is not taken for a family's.
        """
        parts = [self.name, self.address, self.phone, self.email]
        address_parts = [p.strip() for p in self.address.split(",")]
        streets = [_HOUSE_NUMBER.sub("", p) for p in address_parts if _HOUSE_NUMBER.match(p)]
        # One word alone ("Lane" of "1 Lane") would keep every surname Lane.
        parts += address_parts + [street for street in streets if len(street.split()) >= 2]
        return tuple(dict.fromkeys(p for p in parts if p.strip()))


# An extension after the school's number is a colleague's desk, not another line:
# "01632 960000 ext 204".
_EXTENSION = re.compile(r"[ \t]*(?:ext|extn|extension|x)\.?[ \t]*\d{1,5}[ \t]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Config:
    """Everything that decides what is found and how it is replaced."""

    style: Style = Style.LABEL
    profile: Profile = Profile.BRIEFING
    score_threshold: float = 0.5
    """Findings scoring at least this are redacted."""
    review_threshold: float = 0.3
    """Findings between this and ``score_threshold`` are listed for a person to review."""
    max_file_mb: float = 25.0
    text_encoding: str = "utf-8"
    """Encoding for .txt/.md files without a byte-order mark; anything else is refused."""
    school: SchoolDetails = field(default_factory=SchoolDetails)
    keep_people: tuple[str, ...] = ()
    """Staff, governors and visitors who are never redacted (outside ``strict``)."""
    keep_terms: tuple[str, ...] = ()
    """Other words and phrases never redacted."""
    keep_when_named: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    """(full names, short forms): short forms a child shares, kept only in a document
    that names the person in full (derived from the staff lists, not set by hand)."""
    show_values: bool = False
    """Print detected values in console output (for a person checking locally)."""
    roster_files: tuple[Path, ...] = ()
    """The pupil and contact exports (CSV) whose every name and detail is redacted."""
    staff_files: tuple[Path, ...] = ()
    """Staff and governors lists (CSV) whose people are kept (outside ``strict``)."""
    reasons_file: Path | None = None
    """A school's own copy of recognizers/reasons.toml, for the audit report."""
    keep_comments: bool = False
    """Keep comments in Word documents (redacted) instead of removing them."""
    remove_images: bool = False
    """Remove pictures from Word documents instead of keeping them without metadata."""
    allow_image_pages: bool = False
    """Pass PDF pages that are only images (scans), listed as unchecked, instead of refusing."""
    strict_attachments: bool = False
    """Refuse an e-mail with an attachment redactor cannot read, instead of removing it."""
    pdf_password: str | None = field(default=None, repr=False)
    """The password of an encrypted PDF (given on the command line, never in a file)."""
    time_limit_s: float = 900.0
    """Longest time one file may take before it is refused."""
    roster_columns: tuple[tuple[str, str], ...] = ()
    """(this school's column header, field) pairs, for headers the reader does not know."""
    staff_columns: tuple[tuple[str, str], ...] = ()
    """The same for the staff and governors lists."""
    decisions: DecisionSet | None = field(default=None, compare=False, repr=False)
    """A person's review decisions to apply (``redact --decisions``; docs/review.md)."""

    def with_overrides(self, **changes: Any) -> Config:
        """Return a copy with the given fields changed (``None`` means unchanged)."""
        wanted = {k: v for k, v in changes.items() if v is not None}
        unknown = set(wanted) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return _validated(dataclasses.replace(self, **wanted))


_TOP_KEYS = {
    "style",
    "profile",
    "score_threshold",
    "review_threshold",
    "max_file_mb",
    "time_limit_s",
    "keep_comments",
    "remove_images",
    "allow_image_pages",
    "strict_attachments",
    "text_encoding",
    "school",
    "keep",
    "roster",
    "staff",
    "reasons",
}
_SCHOOL_KEYS = {"name", "address", "phone", "email"}
_KEEP_KEYS = {"people", "terms"}


def load_config(path: Path) -> Config:
    """Read a TOML configuration file; any problem is a :class:`ConfigError`."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from None
    config = config_from_mapping(raw, source=str(path))
    # Lists named in the settings file are found beside that file, wherever the run starts.
    config = dataclasses.replace(
        config,
        roster_files=tuple(path.parent / f for f in config.roster_files),
        staff_files=tuple(path.parent / f for f in config.staff_files),
    )
    if config.reasons_file is not None and not config.reasons_file.is_absolute():
        config = dataclasses.replace(config, reasons_file=path.parent / config.reasons_file)
    return config


def config_from_mapping(raw: dict[str, Any], source: str = "configuration") -> Config:
    """Build a :class:`Config` from parsed TOML, rejecting anything unexpected."""
    _reject_unknown(raw, _TOP_KEYS, source)
    school_raw = _table(raw, "school", source)
    keep_raw = _table(raw, "keep", source)
    roster_raw = _table(raw, "roster", source)
    staff_raw = _table(raw, "staff", source)
    _reject_unknown(roster_raw, {"file", "files", "columns"}, f"{source} [roster]")
    _reject_unknown(staff_raw, {"files", "columns"}, f"{source} [staff]")
    _reject_unknown(school_raw, _SCHOOL_KEYS, f"{source} [school]")
    _reject_unknown(keep_raw, _KEEP_KEYS, f"{source} [keep]")
    try:
        config = Config(
            style=Style(raw.get("style", Style.LABEL)),
            profile=Profile(raw.get("profile", Profile.BRIEFING)),
            score_threshold=_number(raw, "score_threshold", 0.5, source),
            review_threshold=_number(raw, "review_threshold", 0.3, source),
            max_file_mb=_number(raw, "max_file_mb", 25.0, source),
            time_limit_s=_number(raw, "time_limit_s", 900.0, source),
            keep_comments=_flag(raw, "keep_comments", source),
            remove_images=_flag(raw, "remove_images", source),
            allow_image_pages=_flag(raw, "allow_image_pages", source),
            strict_attachments=_flag(raw, "strict_attachments", source),
            text_encoding=_string(raw, "text_encoding", "utf-8", source),
            school=SchoolDetails(**{k: _string(school_raw, k, "", source) for k in school_raw}),
            keep_people=_strings(keep_raw, "people", source),
            keep_terms=_strings(keep_raw, "terms", source),
            roster_files=tuple(
                Path(f)
                for f in (
                    *([_string(roster_raw, "file", "", source)] if "file" in roster_raw else []),
                    *_strings(roster_raw, "files", source),
                )
                if f
            ),
            staff_files=tuple(Path(f) for f in _strings(staff_raw, "files", source)),
            reasons_file=Path(_string(raw, "reasons", "", source)) if raw.get("reasons") else None,
            roster_columns=_columns(roster_raw, f"{source} [roster.columns]"),
            staff_columns=_columns(staff_raw, f"{source} [staff.columns]"),
        )
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    return _validated(config)


def _validated(config: Config) -> Config:
    try:
        style = Style(config.style)
        profile = Profile(config.profile)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if not 0.0 <= config.review_threshold <= config.score_threshold <= 1.0:
        raise ConfigError("thresholds must satisfy 0 <= review_threshold <= score_threshold <= 1")
    if config.max_file_mb <= 0:
        raise ConfigError("max_file_mb must be more than 0")
    if config.time_limit_s <= 0:
        raise ConfigError("time_limit_s must be more than 0")
    try:
        "".encode(config.text_encoding)
    except LookupError:
        raise ConfigError(f"unknown text encoding {config.text_encoding!r}") from None
    return dataclasses.replace(config, style=style, profile=profile)


def _reject_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )


def _table(raw: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [{key}] must be a table")
    return value


def _number(raw: dict[str, Any], key: str, default: float, source: str) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{source}: {key} must be a number")
    return float(value)


def _flag(raw: dict[str, Any], key: str, source: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {key} must be true or false")
    return value


def _string(raw: dict[str, Any], key: str, default: str, source: str) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"{source}: {key} must be text in quotes")
    return value


def _columns(raw: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    """``columns = { "Header as written" = "field" }``: a school's own column headers."""
    table = _table(raw, "columns", where)
    return tuple((header, _string(table, header, "", where)) for header in table)


def _strings(raw: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: {key} must be a list of quoted names")
    return tuple(v.strip() for v in value if v.strip())
