"""Meta-test: the outputs the README prints are what its commands print on a fresh copy of sample_repo/.

The README's figures (index summary, search headers and first hits, check's completeness and totals,
bundle counts) are read from README.md itself and compared with a real run, so a change to the sample or
to a command that moves a number fails here until the README says the new number. Scores and times are
left out: they are not claims a user checks.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zi_evidence.cli import cli

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", README, flags=re.S)


def _console_runs() -> list[tuple[list[str], list[str]]]:
    """(arguments after ``zi-evidence``, the printed lines shown under it) for each ``$ zi-evidence`` line."""
    runs: list[tuple[list[str], list[str]]] = []
    for block in _blocks("console"):
        for line in block.splitlines():
            if line.startswith("$ zi-evidence "):
                runs.append((shlex.split(line[len("$ zi-evidence ") :]), []))
            elif runs and line.strip() and line.strip() != "...":
                runs[-1][1].append(line)
    return runs


def _shown(command: str) -> list[tuple[list[str], list[str]]]:
    return [(args, lines) for args, lines in _console_runs() if args[0] == command]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, monkeypatch_module):
    """A folder holding a copy of sample_repo/, the working directory of the README's commands."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "sample_repo", folder / "sample_repo", ignore=shutil.ignore_patterns(".zi-evidence"))
    monkeypatch_module.chdir(folder)
    return folder


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output  # check exits 1 when not ready
    return result.output


@pytest.fixture(scope="module")
def indexed(workdir):
    return run("index", "sample_repo", "-q")


def test_the_quick_start_summary_is_what_index_prints(indexed):
    (summary,) = [line for block in _blocks("text") for line in block.splitlines() if line.startswith("Selesai")]
    counts = summary.split("dtk: ", 1)[1]
    assert counts in indexed, indexed


def test_the_readme_shows_search_runs():
    assert len(_shown("search")) >= 3


@pytest.mark.parametrize("args, lines", _shown("search"), ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_each_search_prints_the_readme_header_and_first_hit(indexed, args, lines, pytestconfig):
    output = run(*args).splitlines()
    header = [line for line in lines if "berkas cocok untuk" in line]
    first_hit = [line for line in lines if line.startswith("1. ")]
    assert header and header[0] == output[0]
    if pytestconfig.getoption("--backend") in (None, "tantivy"):
        assert first_hit and first_hit[0] in output
        return
    # the README shows the default engine's ranking; another finds the same files and ranks them its way
    unlimited = [a for i, a in enumerate(args) if a != "--limit" and (i == 0 or args[i - 1] != "--limit")]
    hits = [line.split(". ", 1)[1] for line in run(*unlimited).splitlines() if line[:1].isdigit() and ". " in line]
    assert first_hit and first_hit[0].split(". ", 1)[1] in hits


def test_check_prints_the_readme_completeness_findings_and_totals(indexed):
    ((args, lines),) = _shown("check")
    as_of = re.search(r"\(per (\d+) (\w+) (\d{4})\)", lines[0])
    assert as_of, lines[0]
    months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
    today = f"{as_of[3]}-{months.index(as_of[2]) + 1:02d}-{int(as_of[1]):02d}"
    output = run(*args, "--today", today, "-q")
    for start in ("Kelengkapan:", "Temuan:", "Total ", "WBK:", "BELUM SIAP"):
        shown = [line for line in lines if line.startswith(start)]
        assert shown and shown[0] in output, start


@pytest.mark.slow
def test_bundle_and_verify_print_the_readme_counts(indexed, workdir):
    ((args, lines),) = [(a, s) for a, s in _shown("bundle") if "verify" not in a]
    output = run(*args, "-q")
    for pattern in (r"^\d+ berkas data dukung", r"^\d+ berkas tidak dimasukkan"):
        (shown,) = [re.match(pattern, line)[0] for line in lines if re.match(pattern, line)]
        assert re.search("^" + re.escape(shown), output, flags=re.M), (shown, output)
    ((verify_args, verify_lines),) = [(a, s) for a, s in _shown("bundle") if "verify" in a]
    assert verify_lines[0] in run(*verify_args)
