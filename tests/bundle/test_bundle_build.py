"""Building a bundle: deterministic bytes, complete manifest, problem files excluded, tree untouched."""

import hashlib
import json
import os
import zipfile

import pytest

from zi_evidence.bundle.manifest import validate
from zi_evidence.errors import BundleError, OutputPlaceError


@pytest.fixture
def drive(make_repo, indexed_repo, make_drive):
    root = make_drive(make_repo)
    indexed_repo(root)
    return root


def test_same_inputs_give_identical_bytes(drive, tmp_path, build, tree_fingerprint):
    before = tree_fingerprint(drive)
    build(drive, tmp_path / "a.zip")
    build(drive, tmp_path / "sub" / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "sub" / "b.zip").read_bytes()
    assert tree_fingerprint(drive) == before, "the bundle must never change the evidence tree"


def test_source_date_epoch_fixes_the_build_time(drive, tmp_path, monkeypatch, build):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    first = build(drive, tmp_path / "a.zip")
    os.utime(drive / "Lain-lain" / "catatan lama.pdf")  # a newer mtime no longer matters
    second = build(drive, tmp_path / "b.zip")
    assert first.build_time == second.build_time == "2026-05-28T20:26:40Z"
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 5, 28, 20, 26, 40)}
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["build_time_source"] == "SOURCE_DATE_EPOCH"


def test_build_time_follows_the_newest_evidence(drive, tmp_path, monkeypatch, build):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    newest = max(
        p.stat().st_mtime_ns
        for p in drive.rglob("*")
        if p.is_file() and ".zi-evidence" not in p.parts and p.name != "zi-evidence.yaml"
    )
    result = build(drive, tmp_path / "a.zip")
    from datetime import UTC, datetime

    assert result.build_time == datetime.fromtimestamp(newest // 10**9, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_manifest_lists_every_member_with_its_hash(drive, tmp_path, build):
    build(drive, tmp_path / "a.zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        raw = archive.read("manifest.json")
        manifest = json.loads(raw)
        assert validate(manifest) == []
        assert archive.read("manifest.json.sha256").decode().split() == [
            hashlib.sha256(raw).hexdigest(),
            "manifest.json",
        ]
        for entry in manifest["files"] + manifest["documents"]:
            assert hashlib.sha256(archive.read(entry["bundle_path"])).hexdigest() == entry["sha256"]
    sk = next(f for f in manifest["files"] if f["original_path"].endswith("1.i.a SK Tim Kerja ZI.pdf"))
    assert sk["target_id"] == "A.I.1.i.a" and sk["page_count"] == 1 and sk["type"] == "pdf"
    assert sk["bundle_path"].endswith("/1.i.a-02-sk-tim-kerja-zi.pdf")
    assert (
        drive / "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"
    ).read_bytes() == zipfile.ZipFile(tmp_path / "a.zip").read(sk["bundle_path"])
    assert manifest["tool"]["name"] == "zi-evidence" and manifest["ruleset"]["id"] == "permenpanrb-90-2021"
    assert manifest["unit"]["name"] == "Unit Uji" and manifest["year"] == 2026 and manifest["target"] == "WBK"
    # the LKE workbook and readiness report are in when a report plugin provides them, and said absent if not
    assert {r["name"] for r in manifest["reports"]} == {"xlsx", "html"}
    documents = {d["bundle_path"] for d in manifest["documents"]}
    for report in manifest["reports"]:
        assert report["included"] == (report["bundle_path"] in documents), report


def test_problem_files_are_excluded_unless_asked(drive, tmp_path, build, members):
    result = build(drive, tmp_path / "a.zip")
    codes = {e.candidate.original_path.rsplit("/", 1)[-1]: e.finding.code for e in result.exclusions}
    assert codes == {
        "1.iii.a Laporan Kosong.pdf": "problem:empty",
        "1.iii.c Tindak Lanjut Monev.pdf": "problem:encrypted",
        "catatan lama.pdf": "unmapped",
    }
    assert not any("1.iii.c" in m or "1.iii.a-" in m for m in members(tmp_path / "a.zip"))
    included = build(drive, tmp_path / "b.zip", include_problems=True)
    left_out = {e.candidate.original_path.rsplit("/", 1)[-1]: e.finding.code for e in included.exclusions}
    # an empty file has no type at all, so it still cannot go in as a PDF
    assert left_out == {"1.iii.a Laporan Kosong.pdf": "type_not_allowed", "catatan lama.pdf": "unmapped"}
    manifest = json.loads(zipfile.ZipFile(tmp_path / "b.zip").read("manifest.json"))
    encrypted = next(f for f in manifest["files"] if "Tindak Lanjut" in f["original_path"])
    assert [f["code"] for f in encrypted["findings"]] == ["encrypted"]


def test_types_and_file_size_limits_are_reported_per_file(drive, tmp_path, build):
    result = build(drive, tmp_path / "a.zip", types=("pdf",), convert=False)  # converting: tests/plugins/convert
    found = {e.candidate.original_path.rsplit("/", 1)[-1]: e.finding.code for e in result.exclusions}
    assert found["1.i.a Notulen Rapat.docx"] == found["1.ii.c Foto Sosialisasi.jpg"] == "type_not_allowed"
    sized = build(drive, tmp_path / "b.zip", max_file_bytes=8000)
    too_large = sorted(
        e.candidate.original_path.rsplit("/", 1)[-1] for e in sized.exclusions if e.finding.code == "too_large"
    )
    assert too_large == ["1.i.a Notulen Rapat.docx", "1.ii.c Foto Sosialisasi.jpg"]  # 36 kB and 10 kB
    assert "melebihi batas per berkas" in next(
        e.finding.message for e in sized.exclusions if e.finding.code == "too_large"
    )


def test_output_inside_the_tree_or_the_state_folder_is_refused(drive, build):
    for inside in (drive / "bundel.zip", drive / ".zi-evidence" / "bundel.zip"):
        with pytest.raises(OutputPlaceError, match="Simpan di folder lain, misalnya .*bundel.zip"):
            build(drive, inside)
        assert not inside.exists()


def test_an_empty_catalog_asks_for_index(make_repo, tmp_path, build):
    root = make_repo("kosong")
    with pytest.raises(BundleError, match="zi-evidence index"):
        build(root, tmp_path / "a.zip")
