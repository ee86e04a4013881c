"""README.md documents every command and option of the CLI (walked from the click tree)."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from policykg.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands(group: click.Group, path=()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


COMMANDS = [(" ".join(path), command) for path, command in _commands(cli)]
OPTIONS = [(" ".join(path) or "policykg", opt)
           for path, command in [((), cli), *_commands(cli)]
           for opt in command.params if isinstance(opt, click.Option) and opt.name != "help"]


def _readme() -> str:
    if not README.exists():
        pytest.fail("README.md is missing")
    return README.read_text(encoding="utf-8")


def test_the_cli_has_commands():
    assert {"build", "export", "query run", "view", "stats", "check"} <= {p for p, _ in COMMANDS}


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS])
def test_command_is_documented(path):
    pattern = r"policykg\b[^\n]*?\b" + r"\s+".join(map(re.escape, path.split())) + r"\b"
    assert re.search(pattern, _readme()), f"README.md shows no `policykg ... {path}`"


@pytest.mark.parametrize("command,names", [(c, o.opts + o.secondary_opts) for c, o in OPTIONS],
                         ids=[f"{c}:{o.opts[-1]}" for c, o in OPTIONS])
def test_option_is_documented(command, names):
    text = _readme()
    found = [n for n in names if re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text)]
    assert found, f"README.md does not mention {' / '.join(names)} of `{command}`"
