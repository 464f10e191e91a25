"""Meta-tests: every hook is documented and exercised by a test; every command has help text."""

import inspect
from pathlib import Path

import click

from zi_evidence import hookspecs
from zi_evidence.cli import cli

ROOT = Path(__file__).resolve().parents[2]
HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(fn, "zi_evidence_spec")]


def test_hooks_are_found():
    assert "register_parsers" in HOOKS and len(HOOKS) >= 4


def test_every_hook_has_a_docstring_and_documentation():
    documented = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOKS:
        assert getattr(hookspecs, name).__doc__, name
        assert f"### `{name}(" in documented, f"{name} is missing from docs/plugins.md"


def test_every_hook_is_exercised_by_a_test():
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    missing = [name for name in HOOKS if f"def {name}(" not in tests]
    assert missing == [], f"hooks without a test implementing them: {missing}"


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield prefix + name, command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + name + " ")


def test_every_command_and_option_has_help():
    for name, command in _commands(cli):
        assert command.help, f"command '{name}' has no help text"
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert param.help, f"option {param.opts} of '{name}' has no help text"
