"""Output that appears whole or not at all, and never inside the inputs.

Each output is written to a temporary file beside its destination, verified,
then renamed over it in one step (``Path.replace``, an atomic rename): an interrupted or failed
run leaves no partial file and no temporary copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from redactor.errors import OutputExists, OutputLocationError

TEMP_PREFIX = ".redactor-"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def temporary_beside(dest: Path) -> Iterator[Path]:
    """A fresh temporary path in ``dest``'s folder, removed on exit if still there."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=dest.suffix, dir=dest.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def publish_atomically(dest: Path, produce: Callable[[Path], object], *, force: bool) -> None:
    """Run ``produce(temp)`` (write then verify), then move the result to ``dest``.

    If ``produce`` raises, nothing appears at ``dest`` and the temporary file is gone.
    """
    if dest.exists() and not force:
        raise OutputExists(dest, "the output file already exists (use --force to replace it)")
    with temporary_beside(dest) as temp:
        produce(temp)
        _set_default_permissions(temp)
        temp.replace(dest)


def check_output_location(inputs: Sequence[Path], outdir: Path) -> None:
    """Refuse an output folder that is, or is inside, an input folder, or is an input file."""
    out = outdir.resolve()
    for given in inputs:
        source = given.resolve()
        if source == out:
            raise OutputLocationError(f"the output folder {outdir} is also an input")
        if source.is_dir() and out.is_relative_to(source):
            raise OutputLocationError(
                f"the output folder {outdir} is inside the input folder {given}; "
                "choose a folder outside it so redacted and original copies cannot mix"
            )
    if out.exists() and not out.is_dir():
        raise OutputLocationError(f"the output path {outdir} exists and is not a folder")


def _set_default_permissions(path: Path) -> None:
    # mkstemp makes the file private (0600); give it what a normal new file gets.
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)
