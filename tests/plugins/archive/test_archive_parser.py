"""The archive parsers over real ZIP and 7z files made here: members as pages, bounded against bombs."""

import hashlib
import io
import json
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from zi_evidence.index.run import IndexOptions, run_index
from zi_evidence.parsing import BaseParser, ParseFailure, ParseLimits, sniff_mime
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.repository import Repository
from zi_evidence.validation.findings import collect_findings
from zi_evidence_archive import ZIP_MIME, ZipParser
from zi_evidence_archive.bsdtar import SEVEN_ZIP_MIME, ArchiveToolParser
from zi_evidence_archive.members import Member, MemberReader

LIMITS = ParseLimits()
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
needs_bsdtar = pytest.mark.skipif(shutil.which("bsdtar") is None, reason="bsdtar (libarchive-tools) not installed")


@pytest.fixture
def members(tmp_path, fabricate):
    docx = fabricate.make_docx(tmp_path / "src" / "notulen.docx", ["NOTULEN SOSIALISASI", "Narasumber: Inspektorat"])
    photo = fabricate.make_photo(tmp_path / "src" / "foto.jpg", "Sosialisasi")
    return {
        "Dokumentasi/Notulen Sosialisasi.docx": docx.read_bytes(),
        "Dokumentasi/foto_peserta_01.jpg": photo.read_bytes(),
        "Daftar Hadir.txt": b"Daftar hadir peserta sosialisasi gratifikasi\n",
    }


def test_each_member_is_a_page_with_its_name_size_and_text(tmp_path, fabricate, members):
    path = fabricate.make_zip(tmp_path / "Dokumentasi Sosialisasi ZI.zip", members)
    document = ZipParser().parse(path, LIMITS)
    assert document.page_count == 3
    assert [page.splitlines()[0].split(" (")[0] for page in document.pages] == [
        f"Isi arsip: {name}" for name in members
    ]
    assert "Narasumber: Inspektorat" in document.pages[0]
    assert document.pages[1].count("\n") == 0  # a photo: its name line only
    assert "gratifikasi" in document.pages[2]
    assert document.metadata["members"] == "3"
    assert document.problems == ()


def test_sniff_leaves_office_and_opendocument_zips_to_their_parsers(tmp_path, fabricate, members):
    parsers = list(make_plugin_manager().parsers().values())
    docx = tmp_path / "src" / "notulen.docx"
    fabricate.make_docx(docx, ["isi"])
    head = docx.read_bytes()[:8192]
    assert sniff_mime(parsers, head, "notulen.docx") == DOCX_MIME
    assert ZipParser.sniff(head, "notulen.zip") is None  # a DOCX renamed .zip is still a DOCX
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert ZipParser.sniff(odt.getvalue(), "laporan.zip") is None
    archive_head = fabricate.make_zip(tmp_path / "a.zip", members).read_bytes()[:8192]
    assert sniff_mime(parsers, archive_head, "a.zip") == ZIP_MIME
    assert ZipParser.sniff(archive_head, "a.bin") is None


def test_a_word_in_a_member_and_a_member_name_are_found_by_search(make_repo, fabricate, members, indexed_repo, run_cli):
    root = make_repo()
    folder = root / "PEMENUHAN/AREA III - Penataan Sistem Manajemen SDM/i. Penataan SDM"
    fabricate.make_zip(folder / "Dokumentasi Sosialisasi ZI.zip", members)
    indexed_repo(root)
    found = json.loads(run_cli("search", "-C", root, "gratifikasi", "--json").output)
    hit = next(h for h in found["hits"] if h["path"].endswith("Dokumentasi Sosialisasi ZI.zip"))
    assert [p["page"] for p in hit["pages"]] == [3]
    by_name = json.loads(run_cli("search", "-C", root, "foto_peserta_01", "--json").output)
    assert [p["page"] for h in by_name["hits"] for p in h["pages"]] == [2]


def test_a_member_that_inflates_like_a_bomb_is_refused_and_the_rest_read(tmp_path, fabricate):
    path = tmp_path / "bom.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ulang.txt", b"a" * (40 * 1024 * 1024))  # ~40 KB packed, ratio ~1000:1
        archive.writestr("catatan.txt", "catatan rapat evaluasi")
    document = ZipParser().parse(path, LIMITS)
    codes = {p.code for p in document.problems}
    assert "member_zip_bomb" in codes
    assert all(p.severity != "error" for p in document.problems)
    assert "catatan rapat evaluasi" in document.pages[1]


def test_a_nested_archive_is_listed_not_opened(tmp_path, fabricate, members):
    inner = fabricate.make_zip(tmp_path / "dalam.zip", members)
    path = fabricate.make_zip(tmp_path / "luar.zip", {"arsip/dalam.zip": inner.read_bytes()})
    document = ZipParser().parse(path, LIMITS)
    assert document.page_count == 1
    assert document.pages[0].startswith("Isi arsip: arsip/dalam.zip")
    assert "gratifikasi" not in document.pages[0]
    assert [p.code for p in document.problems] == ["member_nested_archive"]


def test_too_many_members_are_counted_and_only_the_first_listed(tmp_path, fabricate):
    path = fabricate.make_zip(tmp_path / "banyak.zip", {f"foto_{n:03}.txt": b"x" for n in range(12)})
    document = ZipParser().parse(path, ParseLimits(pages=5))
    assert document.page_count == 5
    assert document.metadata["members"] == "12"
    assert [p.code for p in document.problems] == ["members_limit"]


def test_the_shared_inflated_budget_stops_reading(tmp_path, fabricate):
    blob = b"".join(hashlib.sha256(b"%d" % n).hexdigest().encode() for n in range(49_152))  # 3 MB of text
    path = fabricate.make_zip(tmp_path / "besar.zip", {f"bagian{n}.txt": blob for n in range(3)})
    document = ZipParser().parse(path, ParseLimits(inflated_mb=5))
    assert document.page_count == 3  # every member is still listed
    assert [p.code for p in document.problems] == ["archive_budget"]
    assert [page.count("\n") for page in document.pages] == [1, 0, 0]  # the first read, the rest listed


def test_corrupt_and_empty_zips(tmp_path):
    broken = tmp_path / "rusak.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    with pytest.raises(ParseFailure) as caught:
        ZipParser().parse(broken, LIMITS)
    assert caught.value.problem.code == "corrupt"
    empty = tmp_path / "kosong.zip"
    empty.write_bytes(b"")
    with pytest.raises(ParseFailure) as caught:
        ZipParser().parse(empty, LIMITS)
    assert caught.value.problem.code == "empty"


def test_a_truncated_zip_is_corrupt(tmp_path, fabricate, members):
    path = fabricate.make_zip(tmp_path / "potong.zip", members)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(ParseFailure) as caught:
        ZipParser().parse(path, LIMITS)
    assert caught.value.problem.code == "corrupt"


@needs_bsdtar
def test_a_7z_archive_is_read_member_by_member(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "notulen rapat.txt").write_text("Notulen rapat pembangunan zona integritas\n", encoding="utf-8")
    (source / "foto.txt").write_text("keterangan foto kegiatan\n", encoding="utf-8")
    path = tmp_path / "Dokumentasi.7z"
    subprocess.run(["bsdtar", "--format", "7zip", "-cf", path, "-C", source, "."], check=True)
    assert ArchiveToolParser.sniff(path.read_bytes()[:16], path.name) == SEVEN_ZIP_MIME
    document = ArchiveToolParser().parse(path, LIMITS)
    assert document.page_count == 2
    text = "\n".join(document.pages)
    assert "Isi arsip: ./notulen rapat.txt" in text and "zona integritas" in text
    assert document.metadata["format"] == "7z"


@needs_bsdtar
def test_a_corrupt_rar_is_reported(tmp_path):
    path = tmp_path / "rusak.rar"
    path.write_bytes(b"Rar!\x1a\x07\x00" + b"\x13" * 200)
    with pytest.raises(ParseFailure) as caught:
        ArchiveToolParser().parse(path, LIMITS)
    assert caught.value.problem.code == "corrupt"
    assert "RAR" in caught.value.problem.message


def test_without_bsdtar_a_rar_is_catalogued_with_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))
    path = tmp_path / "arsip.rar"
    path.write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 100)
    document = ArchiveToolParser().parse(path, LIMITS)
    assert document.page_count == 0
    assert [p.code for p in document.problems] == ["archive_unread"]
    assert "libarchive-tools" in document.problems[0].hint


def test_an_encrypted_member_is_listed_not_read(tmp_path):
    path = tmp_path / "sandi.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("rahasia.txt", b"\x8a\x17 ciphertext")
        archive.writestr("terbuka.txt", "laporan terbuka")
    data = bytearray(path.read_bytes())  # zipfile cannot encrypt: set the flag an encrypting zipper sets
    data[6] |= 0x1  # the first local header's flags
    data[data.index(b"PK\x01\x02") + 8] |= 0x1  # and its central directory entry's
    path.write_bytes(bytes(data))
    document = ZipParser().parse(path, LIMITS)
    assert document.pages[0] == "Isi arsip: rahasia.txt (13 bita)"
    assert [p.code for p in document.problems] == ["member_encrypted"]
    assert "laporan terbuka" in document.pages[1]


def test_an_archive_claiming_too_many_members_is_refused_before_zipfile_reads_it(tmp_path):
    path = tmp_path / "klaim.zip"
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 65_000, 65_000, 46 * 65_000, 0, 0)
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 26 + end)
    with pytest.raises(ParseFailure) as caught:
        ZipParser().parse(path, LIMITS)
    assert caught.value.problem.code == "zip_bomb"


def test_when_the_time_share_is_spent_the_rest_is_listed_by_name(tmp_path, fabricate, members):
    path = fabricate.make_zip(tmp_path / "lambat.zip", members)
    document = ZipParser().parse(path, ParseLimits(seconds=0))
    assert [page.count("\n") for page in document.pages] == [0, 0, 0]
    assert [p.code for p in document.problems] == ["members_unread"]


def test_plugins_reports_which_archives_are_read(run_cli):
    shown = run_cli("plugins").output
    assert "status: ZIP: selalu dibaca. RAR/7z: " in shown


class SlowParser(BaseParser):
    """A parser that never finishes on its own, standing in for a member that takes too long."""

    name = "lambat"
    version = "1"
    mime_types = ("text/plain",)

    @classmethod
    def sniff(cls, head, filename):
        return "text/plain"

    def parse(self, path, limits):
        time.sleep(30)


def test_a_member_that_takes_too_long_is_cut_off_and_the_archive_goes_on(tmp_path):
    reader = MemberReader(ParseLimits(seconds=1), parsers=(SlowParser,))
    got = reader.read(Member("lambat.txt", 3), iter([b"abc"]), tmp_path)
    assert got.page == "Isi arsip: lambat.txt (3 bita)"
    assert [p.code for p in got.problems] == ["member_timeout"]
    assert reader.out_of_time
    assert list(tmp_path.iterdir()) == []  # the spilled member is gone


def test_indexing_an_archive_writes_nothing_into_the_tree(make_repo, fabricate, members, tree_fingerprint):
    root = make_repo()
    folder = root / "PEMENUHAN/AREA I - Manajemen Perubahan/ii. Rencana Pembangunan Zona Integritas"
    inner = fabricate.make_zip(root.parent / "dalam.zip", members)
    fabricate.make_zip(folder / "1.ii.c Dokumentasi.zip", {**members, "lagi/dalam.zip": inner.read_bytes()})
    before = tree_fingerprint(root)
    temp_before = set(Path(tempfile.gettempdir()).glob("zi-evidence-arsip-*"))
    repo = Repository.open(root)
    run_index(repo, IndexOptions(processes=1))
    assert tree_fingerprint(root) == before
    assert set(Path(tempfile.gettempdir()).glob("zi-evidence-arsip-*")) == temp_before
    with repo.catalog() as catalog:
        (record,) = catalog.records()
    assert record.status == "ok" and record.target_id == "A.I.1.ii.c"
    assert [p.code for p in record.all_problems] == ["member_nested_archive"]


def test_a_broken_member_is_a_warning_about_that_member_not_a_broken_archive(make_repo, fabricate, indexed_repo):
    root = make_repo()
    folder = root / "PEMENUHAN/AREA I - Manajemen Perubahan/ii. Rencana Pembangunan Zona Integritas"
    fabricate.make_zip(
        folder / "1.ii.c Dokumentasi.zip",
        {"Notulen.docx": b"PK\x03\x04 bukan docx", "Daftar Hadir.txt": b"daftar hadir peserta sosialisasi"},
    )
    findings = collect_findings(indexed_repo(root))
    about = [f for f in findings if f.path and f.path.endswith("Dokumentasi.zip")]
    assert [(f.code, f.severity) for f in about if f.code.startswith("file_")] == [("file_member_corrupt", "warning")]
    assert "Anggota arsip 'Notulen.docx'" in next(f.message for f in about if f.code == "file_member_corrupt")
