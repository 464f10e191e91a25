"""Meta-tests: every hook is documented and exercised by a test; every command has help text; every option
the README and docs/ show exists on the command they show it with."""

import inspect
import re
from pathlib import Path

import click

from zi_evidence import hookspecs
from zi_evidence.cli import cli
from zi_evidence.cli.bundle_commands import BundleGroup

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


# --- every option the docs mention exists (in the spirit of datasette's tests/test_docs.py) ---------------

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_CALL = re.compile(r"(?:^|[\s/`])zi-evidence((?:\s+[^\s`&|;]+)*)")
_OPTION = re.compile(r"^--?[A-Za-z][\w-]*")


def _options(command: click.Command) -> set[str]:
    names = {"-h", "--help"}
    for param in command.params:
        names |= {*param.opts, *param.secondary_opts}
    return names


def _resolve(words: list[str]) -> tuple[str, click.Command]:
    """The command a documented call runs, as click would pick it (``bundle DIR -o X`` runs ``bundle build``)."""
    path, command = "", cli
    for word in words:
        if not isinstance(command, click.Group):
            break
        if word in command.commands:
            path, command = f"{path} {word}".strip(), command.commands[word]
        elif isinstance(command, BundleGroup) and word not in ("-h", "--help"):
            path, command = f"{path} build".strip(), command.commands["build"]
        else:
            break
    return path, command


def _documented_calls():
    """(where, words after ``zi-evidence``) for each call in a code span or a fenced block of the docs."""
    for doc in DOCS:
        fenced = False
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            pieces = [line] if fenced else re.findall(r"`([^`]+)`", line)
            for piece in pieces:
                for match in _CALL.finditer(piece):
                    yield f"{doc.name}:{number}", match.group(1).split("#", 1)[0].split()  # '#' starts a comment


def _mentioned_options():
    """(where, option) for each code span that names an option on its own, such as `--polling 30`."""
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for span in re.findall(r"`([^`]+)`", line):
                found = _OPTION.match(span)
                if found:
                    yield f"{doc.name}:{number}", found.group(0)


def test_the_docs_show_calls_to_check():
    assert len(list(_documented_calls())) >= 30


def test_every_option_in_a_documented_call_exists_on_that_command():
    wrong = []
    for where, words in _documented_calls():
        path, command = _resolve(words)
        for word in words:
            option = _OPTION.match(word.split("=", 1)[0])
            if option and option.group(0) not in _options(command):
                wrong.append(f"{where}: zi-evidence {path} has no {option.group(0)}")
    assert wrong == [], "\n".join(wrong)


def test_every_option_the_docs_mention_exists_on_some_command():
    known = {name for _, command in [("", cli), *_commands(cli)] for name in _options(command)}
    unknown = [f"{where}: {option}" for where, option in _mentioned_options() if option not in known]
    assert unknown == [], "\n".join(unknown)
