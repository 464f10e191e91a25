"""A run with nothing changed skips the per-file parser check, the remap, the text cleanup and the index
comparison; each test here changes exactly what one of those skips must notice, on real files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest

from zi_evidence import hookimpl
from zi_evidence.index.freshness import MAPPING_KEY, PARSERS_KEY
from zi_evidence.index.mapping import Mapper
from zi_evidence.index.run import run_index
from zi_evidence.index.search_index import AGREED_KEY
from zi_evidence.parsing import ParsedDocument, ParseLimits
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.problems import Problem
from zi_evidence.repository import Repository
from zi_evidence.search.query import search
from zi_evidence.tree.scan import Observation, SkippedEntry

TIM = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/a. Tim pembangunan ZI"
MONEV = "PEMENUHAN/AREA I - Manajemen Perubahan/iii. Pemantauan dan Evaluasi"


class LoudText:
    """A text parser that outbids the built-in one (as OCR outbids the PDF parser once installed)."""

    name: ClassVar[str] = "loud"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = ("text/plain",)

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return None

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        return 99 if mime_type in cls.mime_types else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        return ParsedDocument((path.read_text(encoding="utf-8").upper() + " NYARING",), 1)


class LoudPlugin:
    @hookimpl
    def register_parsers(self) -> list[type]:
        return [LoudText]


def open_repo(root: Path, loud: bool = False) -> Repository:
    host = make_plugin_manager()
    if loud:
        host.register(LoudPlugin(), "nyaring")
    return Repository.open(root, host=host)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def bump(path: Path) -> None:
    """An edit within the same mtime tick still moves ctime, but be explicit about the new version."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))


def parsers_of(repo: Repository) -> dict[str, str | None]:
    with repo.catalog() as catalog:
        return {r.display.rsplit("/", 1)[-1]: r.parser for r in catalog.records()}


def meta(repo: Repository, key: str) -> str:
    with repo.catalog() as catalog:
        return catalog.get_meta(key)


def hits(repo: Repository, query: str) -> list[str]:
    return sorted(hit.path.rsplit("/", 1)[-1] for hit in search(repo, query, {}).hits)


def text_rows(repo: Repository) -> tuple[int, int]:
    with repo.catalog() as catalog:
        pages = catalog.db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        extracts = catalog.db.execute("SELECT COUNT(*) FROM extracts").fetchone()[0]
    return pages, extracts


@pytest.fixture
def drive(make_repo):
    root = make_repo()
    write(root / TIM / "notulen rapat tim.txt", "rapat pembentukan tim zona integritas")
    write(root / TIM / "daftar hadir.txt", "daftar hadir sosialisasi gratifikasi")
    write(root / MONEV / "1.iii.b laporan monev.txt", "laporan monitoring evaluasi pengaduan")
    return root


def settled(root: Path, loud: bool = False) -> Repository:
    """Index until a run finds nothing to do, so every skip is armed."""
    repo = open_repo(root, loud)
    run_index(repo)
    again = run_index(repo)
    assert (again.parsed, again.new, again.changed, again.indexed) == (0, 0, 0, 0)
    run_index(repo)  # records the index agreement seen by the run before
    assert meta(repo, PARSERS_KEY) and meta(repo, MAPPING_KEY) and meta(repo, AGREED_KEY)
    return repo


def test_an_edit_after_a_no_change_run_is_read_and_searchable(drive):
    repo = settled(drive)
    notulen = drive / TIM / "notulen rapat tim.txt"
    write(notulen, "rapat evaluasi akuntabilitas kinerja")
    bump(notulen)
    edited = run_index(repo)
    assert (edited.changed, edited.parsed) == (1, 1)
    assert hits(repo, "akuntabilitas") == ["notulen rapat tim.txt"]
    assert hits(repo, "pembentukan") == []


def test_orphan_text_is_collected_when_a_file_is_edited_or_deleted(drive):
    repo = settled(drive)
    assert text_rows(repo) == (3, 3)
    hadir = drive / TIM / "daftar hadir.txt"
    write(hadir, "daftar hadir rapat koordinasi")
    bump(hadir)
    run_index(repo)
    assert text_rows(repo) == (3, 3), "the old version's text went with its last file"
    hadir.unlink()
    run_index(repo)
    assert text_rows(repo) == (2, 2)
    assert run_index(repo).removed == 0 and text_rows(repo) == (2, 2)


def test_a_new_mapping_rule_or_rule_set_remaps_unchanged_files(drive):
    repo = settled(drive)
    assert set(targets(repo).values()) == {"A.I.1.i.a", "A.I.1.iii.b"}
    config = drive / "zi-evidence.yaml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "mapping:\n  - path: '*notulen*'\n    id: A.I.1.ii.a\n", encoding="utf-8")
    remapped = run_index(Repository.open(drive))
    assert (remapped.remapped, remapped.parsed) == (1, 0)
    assert [h.question for h in search(repo, "pembentukan", {}).hits] == ["A.I.1.ii.a"]

    config.write_text(original.replace("permenpanrb-90-2021", "permenpanrb-10-2019"), encoding="utf-8")
    other = Repository.open(drive)
    run_index(other)
    mapper = Mapper(other.ruleset, other.config.mapping)
    assert targets(other) == {name: mapper.map(shown).target_id for name, shown in displays(other).items()}


def own_ruleset(drive: Path, tmp_path: Path, name: str) -> tuple[Path, Callable[[], Repository]]:
    """A copy of the national rule set under another id, offered by a plugin and chosen by the config."""
    from zi_evidence.rulesets import RulesetRegistry

    source = RulesetRegistry.from_host(make_plugin_manager()).path_of("permenpanrb-90-2021")
    own = tmp_path / "rules" / f"{name}.yaml"
    own.parent.mkdir()
    own.write_text(source.read_text(encoding="utf-8").replace("permenpanrb-90-2021", name, 1), "utf-8")

    class Rules:
        @hookimpl
        def register_rulesets(self) -> list[Path]:
            return [own]

    def with_rules() -> Repository:
        host = make_plugin_manager()
        host.register(Rules(), "aturan_kantor")
        return Repository.open(drive, host=host)

    config = drive / "zi-evidence.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("permenpanrb-90-2021", name), "utf-8")
    return own, with_rules


def test_an_edited_rule_set_file_is_mapped_again(drive, tmp_path, monkeypatch):
    from zi_evidence.state.catalog import Catalog

    own, with_rules = own_ruleset(drive, tmp_path, "kantor-x")
    run_index(with_rules())
    remaps = []
    real = Catalog.mappings
    monkeypatch.setattr(Catalog, "mappings", lambda self: remaps.append(1) or real(self))
    run_index(with_rules())
    assert remaps == [], "nothing changed: no file is mapped again"
    own.write_text(own.read_text(encoding="utf-8") + "\n# disunting\n", "utf-8")
    run_index(with_rules())
    assert remaps == [1], "an edited rule set file maps every file again"


def targets(repo: Repository) -> dict[str, str | None]:
    with repo.catalog() as catalog:
        return {r.display.rsplit("/", 1)[-1]: r.target_id for r in catalog.records()}


def displays(repo: Repository) -> dict[str, str]:
    with repo.catalog() as catalog:
        return {r.display.rsplit("/", 1)[-1]: r.display for r in catalog.records()}


def test_a_damaged_or_missing_index_is_recovered_after_a_no_change_run(drive):
    repo = settled(drive)
    index_dir = repo.state_dir / "index"
    repo.search_backend().close()
    for path in index_dir.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00rusak")
    assert run_index(open_repo(drive)).indexed == 3, "rebuilt by the run, not left to the next search"
    assert hits(open_repo(drive), "gratifikasi") == ["daftar hadir.txt"]
    settled(drive)
    shutil.rmtree(index_dir)
    recovered = open_repo(drive)
    assert run_index(recovered).indexed == 3
    assert hits(recovered, "gratifikasi") == ["daftar hadir.txt"]


def test_a_document_dropped_from_the_index_is_put_back(drive):
    """The index fingerprint moves with any write, so a change not made by the run is noticed too."""
    repo = settled(drive)
    with repo.catalog() as catalog:
        key = str(next(r.id for r in catalog.records() if "daftar hadir" in r.display))
    repo.search_backend().update([], [key])
    assert hits(repo, "gratifikasi") == []
    assert run_index(repo).indexed == 1
    assert hits(repo, "gratifikasi") == ["daftar hadir.txt"]


def test_a_file_row_changed_behind_the_pipeline_is_reindexed(drive):
    """The catalog generation is kept by triggers, so even a write our code did not make is noticed."""
    repo = settled(drive)
    with repo.catalog() as catalog:
        catalog.db.execute("UPDATE files SET target_id = 'A.I.1.ii.a' WHERE display LIKE '%daftar hadir%'")
    assert run_index(repo).indexed == 1, "the index follows the catalog, whoever wrote it"
    assert [h.question for h in search(repo, "gratifikasi", {}).hits] == ["A.I.1.ii.a"]
    with repo.catalog() as catalog:
        catalog.db.execute("UPDATE files SET year = '1999' WHERE display LIKE '%daftar hadir%'")
    assert run_index(repo).indexed == 1
    assert search(repo, "gratifikasi", {"year": "1999"}).total == 1


def test_a_catalog_from_before_the_generation_triggers_gets_them(drive):
    repo = settled(drive)
    with repo.catalog() as catalog:
        for (name,) in catalog.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            catalog.db.execute(f"DROP TRIGGER {name}")
        catalog.set_meta(AGREED_KEY, "")
        assert catalog.generation() is None
    run_index(repo)
    with repo.catalog() as catalog:
        assert catalog.generation() is not None
    run_index(repo)
    assert meta(repo, AGREED_KEY)


def test_installing_or_removing_a_better_parser_rereads_unchanged_files(drive):
    settled(drive)
    installed = run_index(open_repo(drive, loud=True))
    assert installed.parsed == 3 and set(parsers_of(open_repo(drive)).values()) == {"loud"}
    assert len(hits(open_repo(drive), "nyaring")) == 3
    assert run_index(open_repo(drive, loud=True)).parsed == 0
    removed = run_index(open_repo(drive))
    assert removed.parsed == 3 and set(parsers_of(open_repo(drive)).values()) == {"text"}
    assert hits(open_repo(drive), "nyaring") == []


def test_a_file_moved_while_a_better_parser_arrives_is_reread_on_the_next_run(drive):
    """A move keeps the old row's parser without reading a byte; the parser check must still reach it."""
    settled(drive)
    shutil.move(drive / TIM / "daftar hadir.txt", drive / TIM / "daftar hadir rapat.txt")
    moved = run_index(open_repo(drive, loud=True))
    assert moved.moved == 1
    run_index(open_repo(drive, loud=True))
    assert parsers_of(open_repo(drive)) == {
        "1.iii.b laporan monev.txt": "loud",
        "daftar hadir rapat.txt": "loud",
        "notulen rapat tim.txt": "loud",
    }


def test_files_in_an_unreadable_folder_are_rechecked_once_it_is_readable(drive, monkeypatch):
    from zi_evidence.index import run as pipeline

    settled(drive)
    folder = os.fsencode(MONEV)
    real = pipeline.observe

    def blind(root, excluded, scopes=None):
        seen = real(root, excluded, scopes)
        files = tuple(f for f in seen.files if not f.rel.startswith(folder + b"/"))
        problem = Problem("unreadable_folder", "Folder tidak dapat dibaca.", "Periksa hak akses.")
        return Observation(files, (*seen.skipped, SkippedEntry(folder, problem)), seen.scopes)

    monkeypatch.setattr(pipeline, "observe", blind)
    assert run_index(open_repo(drive, loud=True)).parsed == 2
    monkeypatch.undo()
    assert run_index(open_repo(drive, loud=True)).parsed == 1, "the file kept behind the blind spot is read now"
    assert set(parsers_of(open_repo(drive)).values()) == {"loud"}


def test_a_rule_set_broken_after_a_good_run_still_stops_the_run(drive, tmp_path, monkeypatch):
    from zi_evidence.errors import RulesetError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    own, with_rules = own_ruleset(drive, tmp_path, "kantor-y")
    good = own.read_text(encoding="utf-8")
    run_index(with_rules())
    quiet = with_rules()
    run_index(quiet)
    assert "ruleset" not in quiet.__dict__, "nothing changed: the rule set built before is not built again"
    own.write_text(good.replace("weight: ", "weight: x", 1), "utf-8")
    with pytest.raises(RulesetError, match="harus berupa angka"):
        run_index(with_rules())


def test_problem_and_page_totals_follow_every_change(drive):
    repo = settled(drive)
    assert (run_index(repo).problems, run_index(repo).pages) == (0, 3)
    (drive / TIM / "kosong.pdf").write_bytes(b"")
    write(drive / MONEV / "catatan.txt", "satu halaman lagi")
    changed = run_index(repo)
    assert (changed.problems, changed.pages) == (1, 4)
    again = run_index(repo)
    assert (again.problems, again.pages) == (1, 4)
    with repo.catalog() as catalog:
        catalog.db.execute("UPDATE extracts SET page_count = page_count + 1")  # behind the pipeline's back
    assert run_index(repo).pages == 8


def test_the_run_that_writes_the_index_records_the_agreement(drive, monkeypatch):
    """The first re-run after a full index or an edit reads no stamps back: the writing run knew them."""
    from zi_evidence_whoosh.backend import WhooshBackend

    read = []
    real = WhooshBackend.stamps
    monkeypatch.setattr(WhooshBackend, "stamps", lambda self: read.append(1) or real(self))
    repo = open_repo(drive)
    assert run_index(repo).indexed == 3
    assert meta(repo, AGREED_KEY)
    read.clear()
    assert run_index(repo).indexed == 0 and read == []
    notulen = drive / TIM / "notulen rapat tim.txt"
    write(notulen, "rapat evaluasi akuntabilitas kinerja")
    bump(notulen)
    assert run_index(repo).changed == 1
    read.clear()
    assert run_index(repo).indexed == 0 and read == []
    assert hits(repo, "akuntabilitas") == ["notulen rapat tim.txt"]


def test_kinds_found_as_texts_arrive_equal_those_found_again_from_the_catalog(make_drive, make_repo):
    """A run detects the kinds of the texts it parses while the workers read on; detecting them again from
    the catalog (as a run does when the detectors change) gives every row the same kinds."""
    from zi_evidence.index.freshness import KINDS_KEY

    repo = Repository.open(make_drive(make_repo))
    run_index(repo)
    with repo.catalog() as catalog:
        first = {r.display: r.kinds for r in catalog.records()}
        assert sum(bool(kinds) for kinds in first.values()) >= 5  # SK, notulen, laporan… were found
        with catalog.transaction():
            catalog.db.execute("UPDATE files SET kinds = ''")
            catalog.set_meta(KINDS_KEY, "detektor lama")
    run_index(repo)
    with repo.catalog() as catalog:
        assert {r.display: r.kinds for r in catalog.records()} == first
