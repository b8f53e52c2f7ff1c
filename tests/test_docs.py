"""Documentation is part of the interface: these fail when a command, option, error or
exit code is added without being documented."""

from __future__ import annotations

import inspect
import re

import click
import pytest

import redactor.errors as errors
from redactor.cli import cli
from redactor.errors import ExitCode
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
ERRORS_DOC = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


@pytest.mark.parametrize("name, command", _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_is_in_the_readme(name, command):
    assert f"redactor {name}" in README, f"command {name} is not documented in README.md"
    for param in command.params:
        if isinstance(param, click.Option):
            longest = max(param.opts, key=len)
            assert longest in README, f"option {longest} of {name} is not documented in README.md"


def _error_classes() -> list[type[errors.RedactorError]]:
    return [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.RedactorError)
        and cls is not errors.RedactorError
        and cls is not errors.FileRefused
    ]


@pytest.mark.parametrize("error", _error_classes(), ids=lambda c: c.__name__)
def test_every_error_is_in_docs_errors(error):
    row = re.search(rf"^\| `{error.__name__}` \|.*$", ERRORS_DOC, re.MULTILINE)
    assert row, f"{error.__name__} is missing from docs/errors.md"
    section = ERRORS_DOC[: row.start()].rsplit("## Exit code ", 1)[-1]
    assert section.startswith(str(int(error.exit_code))), (
        f"{error.__name__} is documented under the wrong exit code"
    )


@pytest.mark.parametrize("code", list(ExitCode), ids=lambda c: c.name)
def test_every_exit_code_is_in_readme_docs_and_help(code):
    assert re.search(rf"^\| {int(code)} \|", README, re.MULTILINE)
    assert re.search(rf"^\| {int(code)} \|", ERRORS_DOC, re.MULTILINE)
    assert re.search(rf"^\s+{int(code)}\s", cli.epilog or "", re.MULTILINE)


def test_readme_gives_exactly_two_setup_commands():
    block = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(make \w+)$", block, re.MULTILINE)
    assert commands == ["make demo", "make test"]


def test_the_readme_settings_example_loads():
    """The settings file a school copies from the README is one redactor accepts."""
    import tomllib

    from redactor.config import config_from_mapping

    block = README.split("## Your school's settings file", 1)[1].split("```toml", 1)[1]
    config = config_from_mapping(tomllib.loads(block.split("```", 1)[0]))
    assert [p.name for p in config.staff_files] == ["staff.csv", "governors.csv"]
    assert dict(config.roster_columns)["Medical notes"] == "ignore"
