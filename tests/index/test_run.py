"""``index`` → ``search`` → ``status`` end to end on real PDF/DOCX/XLSX/JPG files, a real SQLite
catalog and a real Whoosh index, including incremental runs, moves and deletions."""

import json
import os
import shutil

import pytest

TIM = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"


@pytest.fixture
def run(run_cli):
    def run(*args):
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        return result.output

    return run


@pytest.fixture
def index(run):
    return lambda root: json.loads(run("index", root, "--json"))


@pytest.fixture
def search(run):
    return lambda root, *query: json.loads(run("search", "--repo", root, "--json", *query))


@pytest.fixture
def drive(make_repo, fabricate):
    root = make_repo()
    fabricate.make_pdf(
        root / TIM / "a. Tim pembangunan ZI" / "SK Tim Pembangunan ZI.pdf",
        ["KEPUTUSAN KEPALA KANTOR\nNOMOR W.11-123 TAHUN 2026", "Tim bertugas meningkatkan pelayanan publik"],
        title="SK Tim ZI",
    )
    fabricate.make_docx(
        root
        / "PEMENUHAN/AREA I - Manajemen Perubahan/iii. Pemantauan dan Evaluasi"
        / "1.iii.b Laporan Monev Januari.docx",
        ["LAPORAN MONITORING DAN EVALUASI", "Pengaduan masyarakat ditindaklanjuti"],
    )
    fabricate.make_xlsx(
        root / "REFORM" / "A.II.5.ii.a Rekap Pengaduan 2026.xlsx", {"Rekap": [["harus", "selesai"], [10, 9]]}
    )
    fabricate.make_photo(root / TIM / "a. Tim pembangunan ZI" / "foto rapat.jpg", "rapat pembentukan tim")
    fabricate.make_encrypted_pdf(root / TIM / "b. Prosedur seleksi" / "kertas kerja seleksi.pdf", ["rahasia"])
    (root / "Lain-lain").mkdir()
    (root / "Lain-lain" / "rusak.pdf").write_bytes(b"%PDF-1.7\nthis is not a pdf at all")
    fabricate.make_docx(root / "Lain-lain" / "catatan lama.docx", ["catatan integritas"])
    return root


def test_index_search_status_end_to_end(drive, tree_fingerprint, index, run, search):
    before = tree_fingerprint(drive)
    summary = index(drive)
    assert (summary["new"], summary["unchanged"], summary["parsed"]) == (7, 0, 7)

    hits = search(drive, "layanan")["hits"]  # stemming: "pelayanan" on page 2 meets "layanan"
    assert [h["path"] for h in hits] == [f"{TIM}/a. Tim pembangunan ZI/SK Tim Pembangunan ZI.pdf"]
    assert hits[0]["question"] == "A.I.1.i.a" and [p["page"] for p in hits[0]["pages"]] == [2]
    assert any(is_match for text, is_match in hits[0]["pages"][0]["snippet"])

    # file names are searchable too: the recap's text has no "pengaduan", its name does
    assert [h["question"] for h in search(drive, "pengaduan", "--question", "A.II.5.ii.a")["hits"]] == ["A.II.5.ii.a"]
    assert [h["question"] for h in search(drive, "pengaduan", "--kind", "docx")["hits"]] == ["A.I.1.iii.b"]

    status = json.loads(run("status", "--repo", drive, "--json"))
    assert {n["path"] for n in status["unmapped"]} == {"Lain-lain/catatan lama.docx", "Lain-lain/rusak.pdf"}
    codes = {(n["path"].rsplit("/", 1)[-1], n["code"]) for n in status["problems"]}
    assert ("kertas kerja seleksi.pdf", "encrypted") in codes and ("rusak.pdf", "corrupt") in codes
    assert status["per_question"]["A.I.1.i.a"] == 2 and status["per_question"]["A.I.1.ii.a"] == 0
    assert tree_fingerprint(drive) == before, "no command may change a byte or an mtime of the evidence"


def test_incremental_runs_reparse_only_what_changed(drive, fabricate, index, search):
    index(drive)
    again = index(drive)
    assert (again["unchanged"], again["parsed"], again["new"]) == (7, 0, 0)

    monev = next(drive.rglob("1.iii.b*.docx"))
    fabricate.make_docx(monev, ["LAPORAN MONITORING", "gratifikasi ditolak"])
    os.utime(monev, ns=(monev.stat().st_atime_ns, monev.stat().st_mtime_ns + 10**9))
    edited = index(drive)
    assert (edited["changed"], edited["parsed"]) == (1, 1)
    assert [h["question"] for h in search(drive, "gratifikasi")["hits"]] == ["A.I.1.iii.b"]
    assert search(drive, "pengaduan", "--kind", "docx")["hits"] == []

    target = drive / "PEMENUHAN/AREA I - Manajemen Perubahan/ii. Rencana Pembangunan ZI/a. Rencana kerja"
    target.mkdir(parents=True)
    shutil.move(str(monev), target / "laporan.docx")
    moved = index(drive)
    assert (moved["moved"], moved["parsed"], moved["new"], moved["removed"]) == (1, 0, 0, 0)
    assert [h["question"] for h in search(drive, "gratifikasi")["hits"]] == ["A.I.1.ii.a"]

    (target / "laporan.docx").unlink()
    removed = index(drive)
    assert removed["removed"] == 1
    assert search(drive, "gratifikasi")["hits"] == []


def test_a_copied_drive_with_new_times_counts_every_file_as_unchanged(drive, index, tmp_path):
    index(drive)
    copy = tmp_path / "salinan"
    shutil.copytree(drive, copy)  # new times on every file, as 'cp -r' or a restored backup gives
    for path in copy.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    again = index(copy)
    assert (again["unchanged"], again["changed"], again["new"], again["parsed"]) == (7, 0, 0, 0)


def test_damaged_index_is_rebuilt_from_the_catalog_without_reparsing(drive, index, run, search):
    index(drive)
    index_dir = drive / ".zi-evidence" / "index"
    for path in index_dir.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00garbage")
    assert search(drive, "layanan")["total"] == 1
    shutil.rmtree(index_dir)
    assert "dibangun ulang" in run("index", drive, "--rebuild")
    assert search(drive, "layanan")["total"] == 1
    assert index(drive)["parsed"] == 0


def test_state_folder_on_a_network_share_uses_a_safe_journal_and_says_so(drive, monkeypatch, index, run):
    from zi_evidence.state import journal

    index(drive)
    assert "jurnal SQLite WAL" in run("status", "--repo", drive)
    monkeypatch.setattr(journal, "filesystem_type", lambda path: "cifs")
    status = json.loads(run("status", "--repo", drive, "--json"))["catalog"]
    assert status["mode"] == "delete" and "cifs" in status["reason"]
    assert index(drive)["unchanged"] == 7, "the catalog converts in place between journal modes"
    monkeypatch.setenv("ZI_EVIDENCE_JOURNAL", "wal")
    assert json.loads(run("status", "--repo", drive, "--json"))["catalog"]["mode"] == "wal"


def test_no_ocr_leaves_the_ocr_parser_out(drive, monkeypatch, run):
    from zi_evidence.index import run as pipeline

    calls = []
    real = pipeline.run_index

    def spy(*args, **kwargs):
        options = kwargs.get("options") or args[1]
        calls.append(options.exclude_parsers)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run_index", spy)
    run("index", drive, "-q", "--no-ocr")
    run("index", drive, "-q")
    assert calls == [frozenset({"ocr"}), frozenset()]


def test_a_crash_mid_run_leaves_nothing_half_applied(drive, monkeypatch, index):
    """Parsing fills the text cache first; file rows change in one transaction at the end."""
    from zi_evidence.index import run as pipeline
    from zi_evidence.repository import Repository

    def boom(self, plans, known, gone, seen):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline._Run, "_apply", boom)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run_index(Repository.open(drive))
    with Repository.open(drive).catalog() as catalog:
        assert catalog.records() == [], "readers saw nothing of the interrupted run"
        cached = catalog.db.execute("SELECT COUNT(*) FROM extracts").fetchone()[0]
    monkeypatch.undo()
    again = index(drive)
    assert cached > 0 and again["new"] == 7 and again["parsed"] == 0, "the cached text is reused"


def test_unreachable_root_changes_nothing(drive, index):
    from zi_evidence.errors import StateError
    from zi_evidence.index.run import run_index
    from zi_evidence.repository import Repository

    index(drive)
    repo = Repository.open(drive)
    (drive / "zi-evidence.yaml").rename(drive / "config-away.yaml")  # an unmounted share looks like this
    with pytest.raises(StateError, match="tidak dapat diakses"):
        run_index(repo)
    (drive / "config-away.yaml").rename(drive / "zi-evidence.yaml")
    assert index(drive)["unchanged"] == 7
