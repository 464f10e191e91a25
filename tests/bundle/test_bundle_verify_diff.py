"""verify catches a flipped byte, an extra file, a removed file and an edited manifest; diff compares bundles."""

import json
import os
import shutil

import pytest

from zi_evidence.bundle import diff_bundles, verify_bundle

FOLDER = "PEMENUHAN/AREA I - Manajemen Perubahan"


@pytest.fixture
def bundle(make_repo, tmp_path, build, indexed_repo, make_drive):
    root = make_drive(make_repo)
    indexed_repo(root)
    out = tmp_path / "asli.zip"
    build(root, out)
    return root, out


def _evidence_member(path):
    manifest = json.loads(__import__("zipfile").ZipFile(path).read("manifest.json"))
    return manifest["files"][0]["bundle_path"]


def test_intact_bundle_verifies(bundle):
    report = verify_bundle(bundle[1])
    assert report.ok and report.checked > 8


def test_one_flipped_byte_is_found(bundle, tmp_path):
    _, out = bundle
    target = _evidence_member(out)
    data = bytearray(out.read_bytes())
    import zipfile

    with zipfile.ZipFile(out) as archive:
        info = archive.getinfo(target)
    offset = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10  # inside the stored bytes
    data[offset] ^= 0x01
    flipped = tmp_path / "flip.zip"
    flipped.write_bytes(bytes(data))
    report = verify_bundle(flipped)
    assert not report.ok and report.altered == [target]


def test_rehashed_content_change_is_found(bundle, tmp_path, rewrite_zip):
    """Changed bytes written as a valid zip (CRC recomputed): only the SHA-256 can tell."""
    _, out = bundle
    target = _evidence_member(out)
    changed = tmp_path / "ubah.zip"
    rewrite_zip(out, changed, lambda name, data: data + b"\n%tambahan" if name == target else data)
    report = verify_bundle(changed)
    assert report.altered == [target] and report.manifest_intact


def test_extra_and_removed_files_are_found(bundle, tmp_path, rewrite_zip):
    _, out = bundle
    target = _evidence_member(out)
    extra = tmp_path / "tambah.zip"
    shutil.copy(out, extra)
    import zipfile

    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("DATA-DUKUNG/selundupan.pdf", b"%PDF-1.4")
    assert verify_bundle(extra).extra == ["DATA-DUKUNG/selundupan.pdf"]
    removed = tmp_path / "hapus.zip"
    rewrite_zip(out, removed, lambda name, data: None if name == target else data)
    report = verify_bundle(removed)
    assert report.missing == [target] and not report.ok


def test_edited_manifest_is_found(bundle, tmp_path, rewrite_zip):
    _, out = bundle
    edited = tmp_path / "manifes.zip"

    def edit(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["unit"]["name"] = "Unit Lain"
        return json.dumps(manifest, ensure_ascii=False, indent=2).encode() + b"\n"

    rewrite_zip(out, edited, edit)
    report = verify_bundle(edited)
    assert not report.ok and not report.manifest_intact
    assert any("telah diubah" in p for p in report.problems)


def test_unsafe_member_in_a_received_bundle_is_flagged(bundle, tmp_path):
    _, out = bundle
    hostile = tmp_path / "jahat.zip"
    shutil.copy(out, hostile)
    import zipfile

    with zipfile.ZipFile(hostile, "a") as archive:
        archive.writestr("../../luar.txt", b"x")
    report = verify_bundle(hostile)
    assert "../../luar.txt" in report.unsafe and not report.ok


def test_not_a_zip(tmp_path):
    broken = tmp_path / "rusak.zip"
    broken.write_bytes(b"bukan zip")
    report = verify_bundle(broken)
    assert not report.ok and "zip" in report.problems[0]


def test_diff_lists_added_removed_changed_and_moved(bundle, tmp_path, build, indexed_repo, pdf):
    root, first = bundle
    pdf(root, f"{FOLDER}/i. Penyusunan Tim Kerja/1.i.b Berkas Baru.pdf", "baru")
    (root / f"{FOLDER}/iii. Monev/1.iii.b Laporan Monev Maret 2026.pdf").unlink()
    pdf(root, f"{FOLDER}/iii. Monev/1.iii.b Laporan Monev Januari 2026.pdf", "isi diperbaiki")
    old = root / f"{FOLDER}/i. Penyusunan Tim Kerja/1.i.b Kriteria Seleksi Anggota.pdf"
    os.rename(old, old.with_name("1.i.b Kriteria Seleksi.pdf"))
    indexed_repo(root)
    second = tmp_path / "baru.zip"
    build(root, second)
    result = diff_bundles(first, second)
    assert [e.original_path.rsplit("/", 1)[-1] for e in result.added] == ["1.i.b Berkas Baru.pdf"]
    assert [e.original_path.rsplit("/", 1)[-1] for e in result.removed] == ["1.iii.b Laporan Monev Maret 2026.pdf"]
    assert [a.original_path.rsplit("/", 1)[-1] for a, _ in result.changed] == ["1.iii.b Laporan Monev Januari 2026.pdf"]
    assert [(a.original_path.rsplit("/", 1)[-1], b.original_path.rsplit("/", 1)[-1]) for a, b in result.moved] == [
        ("1.i.b Kriteria Seleksi Anggota.pdf", "1.i.b Kriteria Seleksi.pdf")
    ]
    assert diff_bundles(second, second).empty
