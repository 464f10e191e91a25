"""A no-change ``zi-evidence index`` answers without loading plugins, and still notices every change that matters:
files, the configuration, the index folder, our environment variables, a plugin installed or removed, a
plugin's code, and what a plugin reads outside the repository (``external_inputs``). Each run is the real
command in its own process; whether plugins were loaded is read from ``sys.modules`` at its exit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

PROBE = (
    "import atexit, json, sys\n"
    "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
    "sys.argv = ['zi-evidence', *json.loads(sys.argv[1])]\n"
    "from zi_evidence.cli import main\n"
    "main()\n"
)
LINE = "0 baru, 0 berubah, 0 dipindah, 0 dihapus"


def index(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, bool]:
    """``zi-evidence index ROOT ARGS``: its output, and whether it loaded the plugins."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["index", str(root), *args])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    return done.stdout, "pluggy" in loaded


def settle(root: Path, env: dict[str, str] | None = None) -> str:
    """Run until a run takes the shortcut (a full run records; the next one may use the record)."""
    for _ in range(3):
        out, full = index(root, "--quiet", env=env)
        if not full:
            return out
    raise AssertionError(f"never settled: {out}")


def skipped(out: str) -> int:
    """The "N dilewati" count of a summary line."""
    return int(out.split(" dilewati", 1)[0].rsplit(" ", 1)[1])


def without_time(out: str) -> str:
    return out.split(": ", 1)[1]


def test_a_settled_run_loads_no_plugin_and_reports_what_a_full_run_reports(make_drive, make_repo):
    root = make_drive(make_repo)
    first, full = index(root, "--quiet")
    assert full and "0 baru" not in first
    full_again, _ = index(root, "--quiet")
    shortcut = settle(root)
    assert LINE in shortcut and without_time(shortcut) == without_time(full_again)
    assert "bermasalah" in shortcut and " 0 bermasalah" not in shortcut  # the drive's encrypted and empty files
    assert "Lihat rinciannya dengan: zi-evidence status" in shortcut
    as_json, full = index(root, "--json")
    summary = json.loads(as_json)
    assert not full and summary["unchanged"] > 5 and summary["new"] == summary["parsed"] == 0
    assert summary["problems"] > 0 and summary["pages"] > 0


def test_changed_files_configuration_index_and_variables_each_make_a_full_run(make_drive, make_repo, fabricate):
    root = make_drive(make_repo)
    settle(root)
    fabricate.make_docx(root / "Lain-lain/Notulen Rapat Baru.docx", ["Notulen rapat zona integritas"])
    out, full = index(root, "--quiet")
    assert full and "1 baru" in out

    settle(root)
    config = root / "zi-evidence.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "mapping:\n  - path: 'Lain-lain/Notulen Rapat Baru.docx'\n"
        "    id: A.I.1.i.a\n",
        encoding="utf-8",
    )
    out, full = index(root, "--json")
    assert full and json.loads(out)["remapped"] == 1

    settle(root)
    shutil.rmtree(root / ".zi-evidence" / "index")
    out, full = index(root, "--json")
    assert full and json.loads(out)["indexed"] > 0  # rebuilt from the catalog

    settle(root)
    out, full = index(root, "--quiet", env={"ZI_EVIDENCE_DISABLE_PLUGINS": "checks"})
    assert full and LINE in out

    before = skipped(settle(root))
    (root / "Lain-lain" / "keluar").symlink_to("/etc")
    out, full = index(root, "--quiet")
    assert full and skipped(out) == before + 1

    settle(root)
    (root / "Lain-lain/Notulen Rapat Baru.docx").unlink()
    out, full = index(root, "--quiet")
    assert full and "1 dihapus" in out


def test_a_damaged_record_means_a_full_run(make_drive, make_repo):
    root = make_drive(make_repo)
    settle(root)
    (root / ".zi-evidence" / "settled.json").write_text('{"format": 1, "environment": [', encoding="utf-8")
    out, full = index(root, "--quiet")
    assert full and LINE in out
    assert LINE in settle(root)  # and the full run wrote a good one again


PLUGIN = """
from pathlib import Path

from zi_evidence import BaseParser, ExternalInputs, ParsedDocument, hookimpl

SETTING = Path({setting!r})  # read outside the repository: its content is the parser's version


class _Versioned(type):
    @property
    def version(cls):
        return SETTING.read_text(encoding="utf-8").strip()


class CatatanParser(BaseParser, metaclass=_Versioned):
    name = "catatan"
    mime_types = ("text/x-catatan",)

    @classmethod
    def sniff(cls, head, filename):
        return "text/x-catatan" if filename.endswith(".catatan") else None

    def parse(self, path, limits):
        return ParsedDocument((path.read_text(encoding="utf-8"),), 1, {{}})


@hookimpl
def register_parsers():
    return [CatatanParser]


@hookimpl
def external_inputs():
    return ExternalInputs(paths=(str(SETTING),))
"""


def install(packages: Path, setting: Path) -> None:
    """A plugin distribution as pip leaves it: the module, and a dist-info folder naming its entry point."""
    (packages / "zi_evidence_catatan.py").write_text(textwrap.dedent(PLUGIN.format(setting=str(setting))))
    info = packages / "zi_evidence_catatan-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zi-evidence-catatan\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[zi_evidence]\ncatatan = zi_evidence_catatan\n")


def test_a_plugin_installed_changed_or_removed_and_its_external_input_are_noticed(make_drive, make_repo, tmp_path):
    root = make_drive(make_repo)
    (root / "Lain-lain/rapat.catatan").write_text("catatan rapat pembangunan zona integritas", encoding="utf-8")
    packages = tmp_path / "paket"
    packages.mkdir()
    env = {"PYTHONPATH": str(packages)}  # the same import path in every run, as one installation has
    setting = tmp_path / "pengaturan-catatan.txt"
    setting.write_text("1", encoding="utf-8")
    settle(root, env)

    install(packages, setting)
    out, full = index(root, "--json", env=env)
    assert full and json.loads(out)["parsed"] == 1  # the new parser reads the file no parser read before
    settle(root, env)

    setting.write_text("2", encoding="utf-8")  # outside the repository and the packages: only the hook names it
    out, full = index(root, "--json", env=env)
    assert full and json.loads(out)["parsed"] == 1  # a new parser version reads it again
    settle(root, env)

    module = packages / "zi_evidence_catatan.py"
    module.write_text(module.read_text().replace('name = "catatan"', 'name = "catatan"  # disunting'))
    out, full = index(root, "--quiet", env=env)
    assert full and LINE in out
    settle(root, env)

    shutil.rmtree(packages / "zi_evidence_catatan-1.0.dist-info")
    out, full = index(root, "--quiet", env=env)
    assert full and LINE in out
