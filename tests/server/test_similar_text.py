"""Near-same text across units and years, on real indexed drives (PDF and DOCX): another unit's SK with the
names, number, date and one member changed is a finding that says which file it resembles and how much;
two units' own SKs made from one ministry template are not; last year's SK re-dated is found too."""

from __future__ import annotations

import importlib.util
import random
import sys
from datetime import date
from pathlib import Path

import pytest

from zi_evidence.review.model import Role, User

ROOT = Path(__file__).resolve().parents[2]
CONFIG = """schema_version: 1
ruleset: permenkumham-29-2019
unit:
  name: {code}
  institution: Kementerian Uji
year: {year}
target: WBK
"""
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI"
ESA = User("esa", "Esa", True, (Role("verifikator", "ESELON", "eselon1"),))
KIKI = User("kiki", "Kiki", True, (Role("verifikator", "KW-JATIM", "kanwil"),))
JAJA = User("jaja", "Jaja", True, (Role("verifikator", "KW-JABAR", "kanwil"),))


@pytest.fixture(scope="module")
def sktext():
    spec = importlib.util.spec_from_file_location("sktext", ROOT / "bench" / "sktext.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def push_drive(tmp_path, fabricate, indexed_repo, org, blob_store):
    """Make and index a drive for unit CODE whose SK (PDF or DOCX) has the pages given, and push it."""
    from zi_evidence.repository import Repository
    from zi_evidence.server import ingest
    from zi_evidence.server.collect import collect
    from zi_evidence.server.org import unit_id

    def push(code: str, pages: list[str], kind: str = "pdf", year: int = 2026) -> None:
        root = tmp_path / f"{code}-{year}"
        root.mkdir()
        (root / "zi-evidence.yaml").write_text(CONFIG.format(code=code, year=year), encoding="utf-8")
        if kind == "docx":
            fabricate.make_docx(root / f"{SK}.docx", pages)
        else:
            fabricate.make_pdf(root / f"{SK}.pdf", pages)
        indexed_repo(root)
        snapshot = collect(Repository.open(root))
        assert [e.question for e in snapshot.files] == ["A.1.1.a"]
        with org.engine.begin() as db:
            for entry in snapshot.files:
                ingest.receive(db, blob_store, entry.sha256, [(root / entry.path).read_bytes()])
            ingest.commit(db, unit_id(db, code), snapshot)

    return push


def _similar(org, user):
    from zi_evidence.server.views import duplicates_view

    with org.engine.connect() as connection:
        found = duplicates_view(connection, user, {}, {}, date(2026, 6, 1))["findings"]
    return [f for f in found if f["code"] == "reuse_similar_text"]


def test_a_copy_with_another_units_names_is_found_and_template_mates_are_not(org, push_drive, sktext):
    from zi_evidence.server.similar import THRESHOLD

    rng = random.Random(3)
    malang = sktext.unit(rng, "Lapas Kelas IIA Malang", "Malang")
    garut = sktext.unit(rng, "Lapas Kelas IIB Garut", "Garut")
    kediri = sktext.unit(rng, "Rutan Kelas IIB Kediri", "Kediri")
    original = sktext.make_sk(rng, malang, 2026, template=random.Random(9))
    push_drive("UPT-A", sktext.pages(original))
    push_drive("UPT-C", sktext.pages(sktext.copy_sk(original, garut, rng)), kind="docx")  # copied, names changed
    push_drive("UPT-B", sktext.pages(sktext.make_sk(rng, kediri, 2026, template=random.Random(9))))  # own SK

    found = _similar(org, ESA)
    assert len(found) == 1
    pair = found[0]
    assert sorted(u["unit"] for u in pair["uses"]) == ["UPT-A", "UPT-C"]
    assert THRESHOLD <= pair["similarity"] < 1
    assert "UPT-A" in pair["message"] and "UPT-C" in pair["message"] and f"{round(100 * pair['similarity'])} %" in (
        pair["message"]
    )  # fmt: skip

    # each Kanwil sees its own unit's side; the other unit is counted, never named
    (jatim,) = _similar(org, KIKI)
    assert [u["unit"] for u in jatim["uses"]] == ["UPT-A"] and jatim["outside"] == 1
    assert "UPT-C" not in jatim["message"] and "di luar wewenang" in jatim["message"]
    (jabar,) = _similar(org, JAJA)
    assert [u["unit"] for u in jabar["uses"]] == ["UPT-C"] and "UPT-A" not in jabar["message"]


def test_last_years_sk_filed_again_with_a_new_date_is_found(org, push_drive, sktext):
    rng = random.Random(4)
    malang = sktext.unit(rng, "Lapas Kelas IIA Malang", "Malang")
    last_year = sktext.make_sk(rng, malang, 2025)
    push_drive("UPT-A", sktext.pages(last_year), year=2025)
    push_drive("UPT-A", sktext.pages(sktext.copy_sk(last_year, malang, rng, year=2026)), kind="docx")

    (pair,) = _similar(org, KIKI)
    assert sorted((u["unit"], u["year"]) for u in pair["uses"]) == [("UPT-A", 2025), ("UPT-A", 2026)]
    assert "2025" in pair["message"] and "2026" in pair["message"]


def test_files_already_sketched_are_not_compared_again(org, push_drive, sktext):
    from sqlalchemy import func, select

    from zi_evidence.server import similar
    from zi_evidence.server.tables import pages, similar_texts, text_band_sets, text_sketches

    rng = random.Random(5)
    original = sktext.make_sk(rng, sktext.unit(rng, "Lapas Kelas IIA Malang", "Malang"), 2026)
    push_drive("UPT-A", sktext.pages(original))
    push_drive("UPT-B", sktext.pages(sktext.copy_sk(original, sktext.unit(rng, "Rutan Kelas I Surabaya", "Surabaya"))))

    def counts():
        with org.engine.connect() as c:
            return [c.execute(select(func.count()).select_from(t)).scalar() for t in (similar_texts, text_band_sets,
                                                                                     text_sketches)]  # fmt: skip

    before = counts()
    assert before == [1, 2, 2]  # one row of band keys per file
    with org.engine.begin() as db:  # what a later push of the same files hands over
        texts: dict[str, list[str]] = {}
        for sha, body in db.execute(select(pages.c.sha256, pages.c.body).order_by(pages.c.sha256, pages.c.page_no)):
            texts.setdefault(sha, []).append(body)
        assert similar.record(db, {sha: tuple(t) for sha, t in texts.items()}) == 0
    assert counts() == before


# --- migration s0005: band rows stored one per band (s0003) move into one row per file, in band
# order; a file sketched before still finds its copy pushed after, and the downgrade gives the rows back


def _migrate(engine, target: str, down: bool = False) -> None:
    from alembic import command
    from alembic.config import Config

    from zi_evidence.server.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, target)


def test_band_rows_move_into_one_row_per_file_and_still_match(postgres_db, sktext):
    from sqlalchemy import create_engine, text

    from zi_evidence.server import similar

    rng = random.Random(9)
    original = sktext.make_sk(rng, sktext.unit(rng, "Lapas Kelas IIA Malang", "Malang"), 2026)
    copy = sktext.copy_sk(original, sktext.unit(rng, "Rutan Kelas I Surabaya", "Surabaya"), rng)
    old = similar.sketch(sktext.pages(original))
    assert old is not None
    from zi_evidence.review.sqlstore import open_server_store

    open_server_store(postgres_db).close()  # the review chain's own tables, which the server makes first
    engine = create_engine(postgres_db)
    _migrate(engine, "s0003")
    with engine.begin() as db:  # what a push stored before this version: one row per band
        db.execute(
            text("INSERT INTO text_sketches VALUES (:sha, :sig, :n)"), {"sha": "a" * 64, "sig": old.signature,
                                                                       "n": old.shingles},
        )  # fmt: skip
        db.execute(
            text("INSERT INTO text_bands (band, bucket, sha256) VALUES (:band, :bucket, :sha)"),
            [{"band": b, "bucket": k, "sha": "a" * 64} for b, k in reversed(list(enumerate(old.bands)))],
        )
    _migrate(engine, "s0005")
    with engine.begin() as db:
        assert db.execute(text("SELECT sha256, bands FROM text_band_sets")).all() == [("a" * 64, list(old.bands))]
        assert similar.record(db, {"b" * 64: tuple(sktext.pages(copy))}) == 1
        assert db.execute(text("SELECT sha_a, sha_b FROM similar_texts")).all() == [("a" * 64, "b" * 64)]
    _migrate(engine, "s0003", down=True)
    with engine.connect() as db:
        rows = db.execute(text("SELECT band, bucket FROM text_bands WHERE sha256 = :s ORDER BY band"), {"s": "a" * 64})
        assert [tuple(r) for r in rows] == list(enumerate(old.bands))
        assert db.execute(text("SELECT count(*) FROM text_bands")).scalar() == 2 * similar.BANDS
    engine.dispose()
