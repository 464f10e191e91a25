"""click's own words (help headings, help option, usage errors) come out in Indonesian, whatever the locale."""

from __future__ import annotations

import ast
import gettext
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from zi_evidence.cli import ZiGroup, cli, load_plugin_commands
from zi_evidence.cli.click_id import MESSAGES, PLURALS

# English click writes by itself; any of these in our output means a string slipped past the catalog
ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Show the version",
    "[default:",
    "[required]",
    "Error:",
    "Missing argument",
    "Missing option",
    "No such option",
    "No such command",
    "for help.",
    "Aborted!",
    "Invalid value",
    "is not one of",
    "is not in the range",
    "is not a valid",
    "does not exist",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "env var:",
    "Did you mean",
)

# an option's placeholder in the help's option column: "  -o, --output FILE  ..."
ENGLISH_METAVAR = re.compile(r"(?m)^ +(?:-\w, )?--[\w-]+ (TEXT|INTEGER|FLOAT|DIRECTORY|FILE|PATH|BOOLEAN|\[%Y)")


def _walk(group: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, group
    if isinstance(group, click.Group):
        for name, sub in sorted(group.commands.items()):
            yield from _walk(sub, (*path, name))


def _english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.fixture(scope="module")
def commands() -> list[tuple[tuple[str, ...], click.Command]]:
    load_plugin_commands(cli)  # plugins' commands are ours too; adding twice keeps the last
    found = list(_walk(cli))
    assert len(found) > 30  # the walk reached the subgroups (server unit list, users add ...)
    return found


def test_every_help_page_is_indonesian(commands: list[tuple[tuple[str, ...], click.Command]]) -> None:
    runner = CliRunner()
    for path, command in commands:
        result = runner.invoke(cli, [*path, "--help"], prog_name="zi-evidence", catch_exceptions=False)
        assert result.exit_code == 0, (path, result.output)
        assert result.output.startswith(f"Penggunaan: {' '.join(('zi-evidence', *path))}"), result.output
        assert "Opsi:" in result.output and "Tampilkan bantuan ini lalu keluar." in result.output, result.output
        if isinstance(command, click.Group):
            assert "Perintah:" in result.output, (path, result.output)
        assert _english(result.output) == [], (path, result.output)
        assert not ENGLISH_METAVAR.search(result.output), (path, result.output)


def test_every_command_missing_argument_and_unknown_option(
    commands: list[tuple[tuple[str, ...], click.Command]],
) -> None:
    runner = CliRunner()
    for path, command in commands:
        unknown = runner.invoke(cli, [*path, "--tidak-ada"], prog_name="zi-evidence")
        assert unknown.exit_code == 2, (path, unknown.output)
        assert "Kesalahan: Tidak ada opsi '--tidak-ada'." in unknown.output, unknown.output
        assert f"Lihat '{' '.join(('zi-evidence', *path))}" in unknown.output and "untuk bantuan." in unknown.output, (
            unknown.output
        )
        assert _english(unknown.output) == [], (path, unknown.output)
        required = [p for p in command.params if isinstance(p, click.Argument) and p.required]
        if required and not isinstance(command, click.Group):
            missing = runner.invoke(cli, list(path), prog_name="zi-evidence")
            assert missing.exit_code == 2, (path, missing.output)
            assert f"Kesalahan: Argumen belum diberikan: '{required[0].human_readable_name}" in missing.output
            assert _english(missing.output) == [], (path, missing.output)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["tidak-ada"], "Kesalahan: Tidak ada perintah 'tidak-ada'."),
        (["index", "--processes", "0"], "Kesalahan: Nilai tidak sah untuk '--processes': 0 di luar rentang 1<=x<=64."),
        (
            ["index", "--processes", "dua"],
            "Kesalahan: Nilai tidak sah untuk '--processes': 'dua' bukan angka yang sah.",
        ),
        (["report"], "Kesalahan: Opsi belum diberikan: '-o' / '--output'."),
        (["search", "kata", "--search-mode"], "Tidak ada opsi '--search-mode'"),
        (["index", "--rebuil"], "Tidak ada opsi '--rebuil'. Maksud Anda '--rebuild'?"),
        (["index", "--processes"], "Kesalahan: Opsi '--processes' memerlukan sebuah nilai."),
        (["status", "-C"], "Kesalahan: Opsi '-C' memerlukan sebuah nilai."),
    ],
)
def test_typical_usage_errors(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(cli, args, prog_name="zi-evidence")
    assert result.exit_code == 2, result.output
    assert expected in result.output
    if "memerlukan" not in expected:  # a missing value is told without the usage line, as click does
        assert result.output.startswith("Penggunaan: zi-evidence")
    assert _english(result.output) == [], result.output


def test_bad_choice_is_indonesian(commands: list[tuple[tuple[str, ...], click.Command]]) -> None:
    """Every Choice option of every command, given a value it does not list."""
    runner = CliRunner()
    seen = 0
    for path, command in commands:
        for param in command.params:
            if isinstance(param, click.Option) and isinstance(param.type, click.Choice) and param.opts:
                result = runner.invoke(cli, [*path, param.opts[0], "bukan-pilihan"], prog_name="zi-evidence")
                assert result.exit_code == 2, (path, result.output)
                assert "'bukan-pilihan' bukan salah satu dari" in result.output, result.output
                assert _english(result.output) == [], (path, result.output)
                seen += 1
    assert seen > 0


def test_defaults_and_required_marks_in_help() -> None:
    text = CliRunner().invoke(cli, ["report", "--help"], catch_exceptions=False).output
    assert "[wajib]" in text
    text = CliRunner().invoke(cli, ["server", "--help"], catch_exceptions=False).output
    assert "[bawaan: 8770]" in text


def test_version_and_abort_are_indonesian() -> None:
    assert CliRunner().invoke(cli, ["--version"], catch_exceptions=False).output.startswith("zi-evidence, versi ")

    @click.group(cls=ZiGroup)
    def group() -> None:
        """A group of ours."""

    @group.command()
    def ask() -> None:
        click.prompt("Nama")

    aborted = CliRunner().invoke(group, ["ask"], input="")  # end of input at a prompt is click's Abort
    assert aborted.exit_code == 1
    assert "Dibatalkan.\n" in aborted.output and _english(aborted.output) == [], aborted.output


def test_click_is_english_again_outside_our_commands() -> None:
    """Another click program in the same process keeps click's own language."""
    CliRunner().invoke(cli, ["--help"])

    @click.command()
    @click.argument("name")
    def other(name: str) -> None:
        """Another program."""

    result = CliRunner().invoke(other, [])
    assert "Usage: other [OPTIONS] NAME" in result.output and "Error: Missing argument 'NAME'." in result.output


def _click_msgids() -> tuple[set[str], set[tuple[str, str]]]:
    """Every string click's source passes to gettext: a click upgrade adding one fails here."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and texts:
                singles.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plurals.add((texts[0], texts[1]))
    return singles, plurals


def test_catalog_covers_every_click_string() -> None:
    singles, plurals = _click_msgids()
    assert len(singles) > 50 and plurals  # the extraction found click's strings
    assert singles - MESSAGES.keys() == set()
    assert plurals - PLURALS.keys() == set()
    # a translation uses only the placeholders click fills, or ``str.format`` fails at the worst moment
    for english, indonesian in [*MESSAGES.items(), *zip(PLURALS, PLURALS.values(), strict=True)]:
        for en, id_ in zip(
            english if isinstance(english, tuple) else (english,),
            indonesian if isinstance(indonesian, tuple) else (indonesian,),
            strict=True,
        ):
            assert _fields(id_) <= _fields(en), (en, id_)
    assert gettext.gettext("Usage:") == "Usage:"  # the process-wide gettext is left alone


def _fields(text: str) -> set[str]:
    if "%(" in text:
        return {part.split(")")[0] for part in text.split("%(")[1:]}
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("locale", [{}, {"LANG": "C"}, {"LANG": "en_US.UTF-8", "LANGUAGE": "en"}])
def test_the_real_program_speaks_indonesian_whatever_the_locale(locale: dict[str, str]) -> None:
    """Indonesian Windows sets no LANG; an English server sets LANG=en_US: the words are ours either way."""
    env = {k: v for k, v in os.environ.items() if k not in {"LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"}}
    result = subprocess.run(
        [sys.executable, "-c", "from zi_evidence.cli import main; main()", "index", "--processes", "0"],
        env={**env, **locale},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Penggunaan: zi-evidence index [OPSI]"), result.stderr
    assert "Kesalahan: Nilai tidak sah untuk '--processes': 0 di luar rentang 1<=x<=64." in result.stderr
    assert _english(result.stderr) == [], result.stderr
