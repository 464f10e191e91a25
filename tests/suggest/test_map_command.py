"""The ``zi-evidence map`` line shown beside a suggestion is pasted into a terminal: a file name in it must
reach the command as one argument, whatever it holds, and run nothing else."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from zi_evidence.suggest import map_command

NAMES = [
    "Lain-lain/SK Tim Kerja 2026.pdf",
    "Lain-lain/<img src=x onerror=alert(1)>.pdf",
    "Lain-lain/$(touch DIRETAS).pdf",
    "Lain-lain/`touch DIRETAS`.pdf",
    'Lain-lain/laporan "final" $HOME.pdf',
    "Lain-lain/it's done!.pdf",
    "Lain-lain/garis\\miring.pdf",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_pasted_command_passes_the_name_as_one_argument_and_runs_nothing_else(name, tmp_path):
    bash = shutil.which("bash")
    assert bash, "bash is needed to paste the command as a user does"
    # a stand-in 'zi-evidence' that prints the arguments it was given, one per line
    script = f"zi-evidence() {{ printf '%s\\n' \"$@\"; }}\nset -H\n{map_command(name, 'A.I.1.i.a')}\n"
    ran = subprocess.run(
        [bash, "--norc", "--noprofile", "-i", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert ran.stdout.splitlines() == ["map", name, "A.I.1.i.a"], ran.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_plain_name_keeps_the_double_quotes_people_know():
    shown = map_command("Lain-lain/SK Tim 2026.pdf", "A.I.1.i.a")
    assert shown == 'zi-evidence map "Lain-lain/SK Tim 2026.pdf" A.I.1.i.a'
