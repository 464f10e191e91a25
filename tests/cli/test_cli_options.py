"""One spelling of the progress flag (``--quiet/-q``), with ``--silent`` kept for older scripts; the built-in
commands are added by cli/__init__.py."""

import click
import pytest

from zi_evidence.cli import cli

PROGRESS_COMMANDS = ["index", "check", "report", "rollup", "bundle build"]


def _command(path: str) -> click.Command:
    command: click.Command = cli
    for name in path.split():
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


@pytest.mark.parametrize("path", PROGRESS_COMMANDS)
def test_progress_is_hidden_with_quiet_or_q_and_help_shows_only_quiet(path):
    command = _command(path)
    (quiet,) = [p for p in command.params if p.name == "quiet"]
    assert {"--quiet", "-q"} <= set(quiet.opts)
    help_text = command.get_help(click.Context(command, info_name=path))
    assert "--quiet" in help_text and "--silent" not in help_text


@pytest.mark.parametrize("path", ["check", "report", "rollup"])
@pytest.mark.parametrize("flag", ["--quiet", "-q", "--silent"])
def test_silent_still_means_quiet(path, flag):
    command = _command(path)
    args = {"check": [], "report": ["-o", "laporan.html"], "rollup": ["a", "-o", "rekap.xlsx"]}[path]
    with command.make_context(path, [*args, flag]) as ctx:
        assert ctx.params["quiet"] is True


def test_every_progress_flag_is_the_same_option():
    def walk(group, prefix=""):
        for name, command in group.commands.items():
            yield prefix + name, command
            if isinstance(command, click.Group):
                yield from walk(command, prefix + name + " ")

    flagged = {path for path, command in walk(cli) if any(p.name in ("quiet", "silent") for p in command.params)}
    assert flagged == set(PROGRESS_COMMANDS)
    assert all(p.name != "silent" for _, command in walk(cli) for p in command.params)


def test_every_built_in_command_is_added_once():
    assert sorted(cli.commands) == [
        "answers",
        "audit",
        "bundle",
        "check",
        "files",
        "index",
        "init",
        "plugins",
        "push",
        "report",
        "review",
        "rollup",
        "rulesets",
        "search",
        "serve",
        "server",
        "status",
        "users",
        "watch",
    ]
