"""Outputs never land inside the evidence tree or the state folder, resolved through links; a state folder
inside the tree lives only at its default place, and the scan skips every state folder wherever it is."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from zi_evidence.cli import cli
from zi_evidence.state.marker import STATE_MARKER

FOLDER = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"


@pytest.fixture
def drive(make_repo, fabricate, tmp_path):
    root = make_repo()
    fabricate.make_pdf(root / FOLDER / "1.i.a SK Tim.pdf", ["SK Tim Kerja 2026"])
    assert _cli("index", root, "-q").exit_code == 0
    (tmp_path / "luar").mkdir()
    (root / "tautan-keluar").symlink_to(tmp_path / "luar", target_is_directory=True)  # in the tree, pointing out
    (tmp_path / "tautan-masuk").symlink_to(root / FOLDER, target_is_directory=True)  # outside, pointing in
    return root


def _cli(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _places(root, tmp_path):
    return {
        "in the tree": root / FOLDER / "keluaran",
        "through a link in the tree": root / "tautan-keluar" / "keluaran",
        "through a link outside pointing in": tmp_path / "tautan-masuk" / "keluaran",
        "in the state folder": root / ".zi-evidence" / "keluaran",
    }


COMMANDS = {
    "report": lambda root, out: ("report", "-C", root, "-q", "-o", f"{out}.html"),
    "rollup": lambda root, out: ("rollup", root, "-q", "-o", f"{out}.html"),
    "answers export": lambda root, out: ("answers", "export", "-C", root, "-o", f"{out}.xlsx"),
    "answers template": lambda root, out: ("answers", "template", "-C", root, "-o", f"{out}.yaml"),
    "bundle": lambda root, out: ("bundle", root, "-q", "-o", f"{out}.zip"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_output_inside_the_tree_or_state_folder_is_refused(drive, tmp_path, tree_fingerprint, command):
    before = tree_fingerprint(drive)
    state_before = sorted(p.name for p in (drive / ".zi-evidence").iterdir())
    for place, out in _places(drive, tmp_path).items():
        result = _cli(*COMMANDS[command](drive, out))
        assert result.exit_code == 1, (place, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (place, result.exception)
        assert "Tidak ditulis. Simpan di folder lain, misalnya" in result.output, (place, result.output)
        assert not list(out.parent.glob("keluaran*")), place
    assert tree_fingerprint(drive) == before
    assert sorted(p.name for p in (drive / ".zi-evidence").iterdir()) == state_before
    assert not list((tmp_path / "luar").iterdir())
    written = _cli(*COMMANDS[command](drive, tmp_path / "keluaran"))  # outside: written as before
    assert written.exit_code == 0, written.output


def test_the_documented_exceptions_still_write_at_the_root(make_repo, tmp_path):
    root = tmp_path / "baru"
    assert _cli("init", root, "--unit", "Kantor Uji").exit_code == 0
    assert (root / "zi-evidence.yaml").is_file()
    assert _cli("answers", "template", "-C", root).exit_code == 0
    assert (root / "jawaban-lke.yaml").is_file()


@pytest.mark.parametrize("where", [FOLDER + "/status", ".", "PEMENUHAN"])
def test_a_state_folder_inside_the_tree_is_refused_except_at_its_default_place(drive, where):
    result = _cli("index", drive, "--state-dir", drive / where, "-q")
    assert result.exit_code == 1 and "hanya boleh di tempat bawaannya" in result.output, result.output
    assert f"{drive.name}-status" in result.output
    assert not (drive / where / "catalog.sqlite").exists()
    assert _cli("index", drive, "--state-dir", drive / ".zi-evidence", "-q").exit_code == 0


def test_a_relative_state_dir_is_relative_to_where_the_user_stands(drive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _cli("index", drive, "--state-dir", "status-lain", "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "status-lain" / "catalog.sqlite").is_file()


def test_the_scan_never_catalogues_a_state_folder_wherever_it_lies(drive, tmp_path, run_cli):
    elsewhere = tmp_path / "status-lain"
    assert run_cli("index", drive, "--state-dir", elsewhere, "-q").exit_code == 0
    assert (elsewhere / STATE_MARKER).is_file() and (drive / ".zi-evidence" / STATE_MARKER).is_file()
    # someone drags a copy of a state folder (visible name) into a question folder
    shutil.copytree(elsewhere, drive / FOLDER / "salinan status")
    again = run_cli("index", drive, "--json", "-q")
    assert again.exit_code == 0
    from zi_evidence.repository import Repository

    with Repository.open(drive).catalog() as catalog:
        paths = sorted(r.path for r in catalog.records())
    assert paths == [(FOLDER + "/1.i.a SK Tim.pdf").encode()]


def test_a_partial_scan_inside_a_copied_state_folder_catalogues_nothing(drive, tmp_path, run_cli):
    from zi_evidence.repository import Repository
    from zi_evidence.tree.scan import observe

    elsewhere = tmp_path / "status-lain"
    assert run_cli("index", drive, "--state-dir", elsewhere, "-q").exit_code == 0
    copy = drive / FOLDER / "salinan status"
    shutil.copytree(elsewhere, copy)
    repo = Repository.open(drive)
    scopes = (f"{FOLDER}/salinan status/index".encode(), f"{FOLDER}/salinan status/catalog.sqlite".encode())
    seen = observe(bytes(repo.root), set(), scopes)  # what a watch event in there would look at
    assert seen.files == () and seen.skipped == ()
