"""``bundle`` refuses files with citizens' personal data unless the flag or the policy allows them."""

import json
import zipfile

from click.testing import CliRunner

from zi_evidence.cli import cli

DAFTAR = "PEMENUHAN/AREA I/i. Penyusunan Tim Kerja/1.i.a Daftar Hadir Sosialisasi.pdf"
SK = "PEMENUHAN/AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim ZI.pdf"
NIK = "3204124108850001"
NIP = "197805122001121002"


def drive(make_repo, fabricate, indexed_repo, extra="", name="drive"):
    root = make_repo(name, extra=extra)
    fabricate.make_pdf(
        root / DAFTAR,
        ["DAFTAR HADIR SOSIALISASI\n3 Maret 2026", f"1. Warga Satu  NIK {NIK}", f"Kepala Kantor\nNIP {NIP}"],
    )
    fabricate.make_pdf(root / SK, [f"KEPUTUSAN KEPALA KANTOR\nDitetapkan di Tanjung Kelayang\nNIP {NIP}"])
    indexed_repo(root)
    return root


def bundle(root, out, *args):
    return CliRunner().invoke(cli, ["bundle", str(root), "-o", str(out), "-q", *args], catch_exceptions=False)


def test_refused_naming_file_and_page_and_nothing_written(
    make_repo, fabricate, indexed_repo, tmp_path, tree_fingerprint
):
    root = drive(make_repo, fabricate, indexed_repo)
    before = tree_fingerprint(root)
    out = tmp_path / "bundel.zip"
    result = bundle(root, out)
    assert result.exit_code == 1
    assert "data pribadi" in result.output and DAFTAR in result.output and "halaman 2" in result.output
    assert "************0001" in result.output and NIK not in result.output and NIP not in result.output
    assert "--izinkan-data-pribadi" in result.output
    assert SK not in result.output  # an official's NIP alone does not block
    assert not out.exists() and list(tmp_path.glob("*.zip")) == []
    assert tree_fingerprint(root) == before


def test_flag_allows_and_the_manifest_lists_them(make_repo, fabricate, indexed_repo, tmp_path):
    root = drive(make_repo, fabricate, indexed_repo)
    out = tmp_path / "bundel.zip"
    result = bundle(root, out, "--izinkan-data-pribadi")
    assert result.exit_code == 0, result.output
    assert "data pribadi" in result.output and DAFTAR in result.output
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert any("data pribadi" in note and "halaman 2" in note for note in manifest["notes"])
    assert len(manifest["files"]) == 2


def test_policy_in_the_config_allows_by_glob_or_wholesale(make_repo, fabricate, indexed_repo, tmp_path):
    root = drive(make_repo, fabricate, indexed_repo, extra="personal_data:\n  allow:\n    - '*daftar hadir*'\n")
    assert bundle(root, tmp_path / "a.zip").exit_code == 0
    other = drive(make_repo, fabricate, indexed_repo, "personal_data:\n  allow:\n    - 'HASIL/*'\n", "other")
    assert bundle(other, tmp_path / "b.zip").exit_code == 1
    wholesale = drive(make_repo, fabricate, indexed_repo, "personal_data:\n  bundle: allow\n", "wholesale")
    assert bundle(wholesale, tmp_path / "c.zip").exit_code == 0


def test_a_wrong_policy_is_a_schema_error(make_repo, fabricate, indexed_repo, tmp_path):
    root = make_repo(extra="personal_data:\n  bundle: maybe\n")
    result = CliRunner().invoke(cli, ["bundle", str(root), "-o", str(tmp_path / "c.zip")], catch_exceptions=False)
    assert result.exit_code != 0 and "personal_data" in result.output and "Traceback" not in result.output


def test_refused_before_any_photo_is_converted(make_repo, fabricate, indexed_repo, tmp_path):
    from zi_evidence.bundle.convert import CACHE_DIR
    from zi_evidence.repository import Repository

    root = make_repo("foto")
    fabricate.make_photo(root / "PEMENUHAN/AREA I/i. Penyusunan Tim Kerja/1.i.a Foto Rapat.jpg", "Rapat tim ZI")
    fabricate.make_pdf(root / DAFTAR, ["DAFTAR HADIR", f"1. Warga Satu  NIK {NIK}"])
    indexed_repo(root)
    result = bundle(root, tmp_path / "bundel.zip")
    assert result.exit_code == 1 and "data pribadi" in result.output
    cache = Repository.open(root).state_dir / CACHE_DIR
    assert not cache.exists() or not list(cache.glob("*.pdf"))
    # the same drive with the flag does convert the photo: the check above can fail
    assert bundle(root, tmp_path / "bundel.zip", "--izinkan-data-pribadi").exit_code == 0
    assert list(cache.glob("*.pdf"))


def test_each_stage_is_said_once(make_repo, fabricate, indexed_repo, tmp_path):
    root = drive(make_repo, fabricate, indexed_repo)
    args = ["bundle", str(root), "-o", str(tmp_path / "bundel.zip"), "--izinkan-data-pribadi"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.count("Memeriksa katalog dan berkas") == 1, result.output
    assert result.output.count("Menyusun isi bundel") == 1
