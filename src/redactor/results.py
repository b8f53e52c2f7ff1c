"""What a run produced, as data: the record (``report``) and the faces (CLI, review page)
read it; it knows nothing of how it was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redactor.detection.roster import ListCount
from redactor.errors import ExitCode
from redactor.model import FileFailure, FileResult

Outcome = FileResult | FileFailure
"""What became of one input: processed, or refused with its reason."""


@dataclass
class BatchResult:
    """All outcomes of a run, in input order."""

    outcomes: list[Outcome] = field(default_factory=list)
    lists: tuple[ListCount, ...] = ()
    """How much was read from each list (counts only), for the record."""

    @property
    def results(self) -> list[FileResult]:
        """The files that were processed."""
        return [o for o in self.outcomes if isinstance(o, FileResult)]

    @property
    def failures(self) -> list[FileFailure]:
        """The files that were refused or failed."""
        return [o for o in self.outcomes if isinstance(o, FileFailure)]

    def exit_code(self, *, checking: bool) -> ExitCode:
        """3 if any file failed; for ``check``, 1 if anything was found; else 0."""
        if self.failures:
            return ExitCode.FILE_FAILED
        if checking and any(r.findings or r.review for r in self.results):
            return ExitCode.FOUND
        return ExitCode.OK
