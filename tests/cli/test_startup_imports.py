"""The whole ``zi-evidence`` command, in a real process, loads only what its run needs: a no-change ``index``
imports no parser library, no search engine, no other command's module; ``--help`` still lists them all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from zi_evidence.cli import BUILT_IN

#: Loaded only to parse a file, build the index or check a rule set against its schema.
NOT_FOR_NOTHING = {
    "pypdf",
    "pypdfium2",
    "docx",
    "openpyxl",
    "lxml",
    "PIL",
    "whoosh",
    "tantivy",
    "yaml",
    "jsonschema",
    "multiprocessing",
    "tarfile",
    "html.parser",
    "plistlib",
    "ctypes",
}


def command(*args: str) -> tuple[str, set[str]]:
    """Run ``zi-evidence ARGS`` as its console script does; its output and the modules loaded at exit."""
    probe = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
        f"sys.argv = ['zi-evidence', *{list(args)!r}]\n"
        "from zi_evidence.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout, set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_a_no_change_index_command_loads_no_parser_engine_or_other_command(make_drive, make_repo, fabricate):
    root = make_drive(make_repo)
    fabricate.make_html(root / "Lain-lain/berita.html", "Berita", ["Sosialisasi zona integritas"])
    fabricate.make_zip(root / "Lain-lain/foto.zip", {"catatan.txt": b"catatan rapat"})
    first, loaded = command("index", str(root), "--quiet")
    assert "0 baru" not in first and NOT_FOR_NOTHING & loaded  # the probe sees what a real parse loads
    command("index", str(root), "--quiet")  # records that the index agrees with the catalog
    again, loaded = command("index", str(root), "--quiet")
    assert "0 baru, 0 berubah, 0 dipindah, 0 dihapus" in again
    assert not NOT_FOR_NOTHING & loaded
    # settled: answered from the last run's record, without the plugin machinery or any plugin
    assert not {"pluggy", "importlib.metadata", "zi_evidence.plugins"} & loaded
    assert not [name for name in loaded if name.startswith("zi_evidence_")]
    commands = {name for name in loaded if name.startswith("zi_evidence.cli.") and name.endswith("_commands")}
    assert commands == {"zi_evidence.cli.repo_commands"}


def test_help_lists_every_built_in_command_and_each_command_has_its_help():
    listing, loaded = command("--help")
    names = [line.split()[0] for line in listing.split("Perintah:\n", 1)[1].splitlines() if line.strip()]
    assert names == sorted(BUILT_IN)
    assert "Penggunaan: zi-evidence [OPSI] PERINTAH [ARGUMEN]..." in listing
    for name in BUILT_IN:
        shown, _ = command(name, "--help")
        assert shown.startswith(f"Penggunaan: zi-evidence {name} [OPSI]"), shown


def test_a_command_found_by_name_is_the_one_its_module_defines():
    from zi_evidence.cli import cli
    from zi_evidence.cli.repo_commands import index

    assert cli.commands["index"] is index and "serve" in cli.commands and "nosuch" not in cli.commands
    assert Path(sys.modules[cli.commands["serve"].callback.__module__].__file__).name == "web_commands.py"
