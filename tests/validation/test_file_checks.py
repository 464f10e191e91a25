"""File checks through the public API: each text is scanned once, its result kept in the state folder's
result cache by content and check version; real PDFs, the real index pipeline, real SQLite."""

from __future__ import annotations

import shutil
import sqlite3

from zi_evidence import FileCheck, Finding, hookimpl
from zi_evidence.index.run import IndexOptions, run_index
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.repository import Repository
from zi_evidence.state.results import RESULTS_NAME, ResultCache
from zi_evidence.validation.findings import build_context, collect_findings, run_checks

FOLDER = "PEMENUHAN/AREA I/i. Penyusunan Tim Kerja"
TEXTS = {
    "1.i.a SK Tim.pdf": ["KEPUTUSAN KEPALA KANTOR", "DRAF untuk dibahas"],
    "1.i.b Rencana Kerja.pdf": ["RENCANA KERJA\nDRAF"],
    "1.i.c Laporan.pdf": ["LAPORAN KEGIATAN", "final", "DRAF lampiran"],
}


class DraftMark(FileCheck):
    """Pages that say DRAF; ``scanned`` records every text it was handed."""

    name = "draft_mark"
    version = "1"
    scanned: list[str] = []

    def scan(self, text):
        type(self).scanned.append(text.text)
        start, pages = 0, []
        while (at := text.text.find("DRAF", start)) >= 0:
            pages.append(text.page_at(at))
            start = at + 1
        return {"pages": sorted(set(pages))}

    def findings(self, file, result, context):
        return [
            Finding("draft_mark", "warning", f"Halaman {page} bertanda DRAF.", path=file.path, page=page)
            for page in result["pages"]
        ]


class DraftMarkV2(DraftMark):
    version = "2"


class Plugin:
    def __init__(self, check: type[FileCheck]) -> None:
        self.check = check

    @hookimpl
    def register_file_checks(self):
        return [self.check]


def make_drive(make_repo, fabricate):
    root = make_repo()
    for name, pages in TEXTS.items():
        fabricate.make_pdf(root / FOLDER / name, pages)
    return root


def open_repo(root, check: type[FileCheck] = DraftMark) -> Repository:
    host = make_plugin_manager()
    host.register(Plugin(check), "uji-draf")
    repo = Repository.open(root, host=host)
    run_index(repo, IndexOptions(processes=1))
    DraftMark.scanned.clear()
    return repo


def drafts(repo) -> list[Finding]:
    return [f for f in collect_findings(repo) if f.code == "draft_mark"]


def rows(repo) -> int:
    with ResultCache(repo.state_dir / RESULTS_NAME) as cache:
        return cache.count("draft_mark")


def test_the_second_build_scans_no_unchanged_text(make_repo, fabricate):
    root = make_drive(make_repo, fabricate)
    repo = open_repo(root)
    first = drafts(repo)
    assert len(DraftMark.scanned) == 3
    assert {(f.path.rsplit("/", 1)[-1], f.page, f.source) for f in first} == {
        ("1.i.a SK Tim.pdf", 2, "uji-draf"),
        ("1.i.b Rencana Kerja.pdf", 1, "uji-draf"),
        ("1.i.c Laporan.pdf", 3, "uji-draf"),
    }
    assert rows(repo) == 3
    assert not any(p.name == RESULTS_NAME for p in root.rglob("*") if repo.state_dir not in p.parents)

    DraftMark.scanned.clear()
    assert drafts(repo) == first
    assert DraftMark.scanned == []
    # the same result without any cache: the cache changes nothing but the work done
    uncached = [f for f in run_checks(repo.host, build_context(repo), None) if f.code == "draft_mark"]
    assert uncached == first and len(DraftMark.scanned) == 3


def test_a_changed_file_is_scanned_again_a_moved_or_copied_one_is_not(make_repo, fabricate):
    root = make_drive(make_repo, fabricate)
    repo = open_repo(root)
    drafts(repo)
    fabricate.make_pdf(root / FOLDER / "1.i.b Rencana Kerja.pdf", ["RENCANA KERJA\nfinal", "DRAF revisi"])
    shutil.copy(root / FOLDER / "1.i.a SK Tim.pdf", root / FOLDER / "1.i.d SK Tim salinan.pdf")
    (root / FOLDER / "1.i.c Laporan.pdf").rename(root / FOLDER / "1.i.e Laporan Akhir.pdf")
    run_index(repo, IndexOptions(processes=1))
    DraftMark.scanned.clear()

    found = {(f.path.rsplit("/", 1)[-1], f.page) for f in drafts(repo)}
    (scanned,) = DraftMark.scanned
    assert "DRAF revisi" in scanned
    assert found == {
        ("1.i.a SK Tim.pdf", 2),
        ("1.i.d SK Tim salinan.pdf", 2),
        ("1.i.b Rencana Kerja.pdf", 2),
        ("1.i.e Laporan Akhir.pdf", 3),
    }
    assert rows(repo) == 3  # the old text of the changed file is forgotten


def test_a_new_check_version_scans_everything_again(make_repo, fabricate):
    root = make_drive(make_repo, fabricate)
    first = drafts(open_repo(root))
    repo = open_repo(root, DraftMarkV2)
    assert drafts(repo) == first
    assert len(DraftMark.scanned) == 3
    assert rows(repo) == 3
    with sqlite3.connect(repo.state_dir / RESULTS_NAME) as db:
        assert {v for (v,) in db.execute("SELECT version FROM results WHERE check_name = 'draft_mark'")} == {"2/-"}


def test_a_damaged_or_missing_cache_only_means_scanning_again(make_repo, fabricate):
    root = make_drive(make_repo, fabricate)
    repo = open_repo(root)
    first = drafts(repo)
    path = repo.state_dir / RESULTS_NAME
    path.write_bytes(b"not a database at all" * 100)
    DraftMark.scanned.clear()
    assert drafts(repo) == first
    assert len(DraftMark.scanned) == 3
    assert rows(repo) == 3  # set aside and built anew

    path.unlink()
    DraftMark.scanned.clear()
    assert drafts(repo) == first and len(DraftMark.scanned) == 3

    with sqlite3.connect(path) as db:  # a row that no longer decodes
        db.execute("UPDATE results SET result = '{broken'")
    DraftMark.scanned.clear()
    assert drafts(repo) == first and len(DraftMark.scanned) == 3


class Stumbles(DraftMark):
    name = "stumbles"

    def scan(self, text):
        if "RENCANA" in text.text:
            raise ValueError("pola rusak")
        return super().scan(text)


def test_a_check_failing_on_one_file_is_reported_and_the_others_still_count(make_repo, fabricate):
    root = make_drive(make_repo, fabricate)
    repo = open_repo(root, Stumbles)
    findings = collect_findings(repo)
    (error,) = [f for f in findings if f.code == "plugin_error"]
    assert error.source == "uji-draf" and "pola rusak" in error.message
    assert {f.path.rsplit("/", 1)[-1] for f in findings if f.code == "draft_mark"} == {
        "1.i.a SK Tim.pdf",
        "1.i.c Laporan.pdf",
    }
    assert rows(repo) == 0  # kept under its own name, without the file it failed on
    with ResultCache(repo.state_dir / RESULTS_NAME) as cache:
        assert cache.count("stumbles") == 2


def test_a_build_over_unchanged_files_reads_no_text(make_repo, fabricate):
    """With every page row gone from the catalog, a second build still finds the same: dates, sizes of text
    and the file check's findings all come from the result cache, none from a text read again."""
    root = make_drive(make_repo, fabricate)
    fabricate.make_pdf(root / FOLDER / "1.i.f Notulen.pdf", ["NOTULEN RAPAT", "Jakarta, 12 Maret 2026"])
    repo = open_repo(root)
    before = build_context(repo)
    first = collect_findings(repo)
    with sqlite3.connect(repo.state_dir / "catalog.sqlite") as db:
        assert db.execute("DELETE FROM pages").rowcount >= 7
    DraftMark.scanned.clear()

    after = build_context(repo)
    assert collect_findings(repo) == first
    assert DraftMark.scanned == []
    assert [(f.path, f.date, f.text_chars) for f in after.files] == [
        (f.path, f.date, f.text_chars) for f in before.files
    ]
    assert any(f.date is not None and f.date.source == "signing" for f in after.files)  # from the text


CRASH = """
import os, sys
from collections.abc import Mapping
from pathlib import Path
from zi_evidence.state.results import ResultCache

class DiesMidway(Mapping):
    '''Two new results; the process dies while the second is being written.'''
    keys_ = [("b" * 64, "pdf", "1"), ("c" * 64, "pdf", "1")]
    def __getitem__(self, key):
        return "[]"
    def __len__(self):
        return 2
    def __iter__(self):
        return iter(self.keys_)
    def items(self):
        yield self.keys_[0], "[]"
        os._exit(9)

ResultCache(Path(sys.argv[1])).update("crash", "1", DiesMidway(), keep=set())
"""


def test_a_build_killed_while_writing_leaves_the_cache_as_it_was(tmp_path):
    import subprocess
    import sys

    path = tmp_path / RESULTS_NAME
    kept = ("a" * 64, "pdf", "1")
    with ResultCache(path) as cache:
        cache.update("crash", "1", {kept: '["lama"]'}, keep=set())
    died = subprocess.run([sys.executable, "-c", CRASH, str(path)], check=False)
    assert died.returncode == 9
    with ResultCache(path) as cache:  # neither the new row nor the removal of the old one took effect
        assert cache.load("crash", "1") == {kept: '["lama"]'}


class Unnamed(DraftMark):
    name = "zi_evidence.text"  # the core's own per-text facts


def test_a_check_may_not_take_the_cores_name(make_repo, fabricate):
    root = make_drive(make_repo, fabricate)
    repo = open_repo(root, Unnamed)
    findings = collect_findings(repo)
    assert [f.source for f in findings if f.code == "plugin_error"] == ["uji-draf"]
    assert DraftMark.scanned == [] and not [f for f in findings if f.code == "draft_mark"]
    with ResultCache(repo.state_dir / RESULTS_NAME) as cache:
        assert cache.count("zi_evidence.text") == 3  # the core's own rows, one per text, untouched
