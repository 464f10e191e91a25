"""PostgreSQL's built-in ``indonesian`` stemmer and the embedded analyzer (Python Snowball) give the same
stem for every word of the LKE rule sets, so a unit's search and the server's find the same pages; and
the PostgreSQL backend is never chosen for a unit's own drive."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg

from zi_evidence_whoosh.analysis import TOKEN_PATTERN, fold, stem

DATA = Path(__file__).resolve().parents[3] / "plugins" / "zi_evidence_rulesets" / "data"


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for path in DATA.glob("*.yaml"):
        words |= {fold(w) for w in re.findall(TOKEN_PATTERN, path.read_text(encoding="utf-8"))}
    return sorted(w for w in words if w.isalpha() and w.isascii())


def test_postgresql_and_the_embedded_analyzer_stem_the_lke_vocabulary_alike(postgres_server):
    words = _vocabulary()
    assert len(words) > 1000
    with psycopg.connect(postgres_server) as db:
        rows = db.execute("SELECT w, ts_lexize('indonesian_stem', w) FROM unnest(%s::text[]) w", (words,)).fetchall()
    differ = {w: (pg, stem(w)) for w, pg in rows if (pg or [w])[0] != stem(w)}
    assert differ == {}


def test_a_units_drive_keeps_the_embedded_engine(make_repo):
    from zi_evidence.repository import Repository

    repo = Repository.open(make_repo())
    # installed beside the embedded engines, it is never the one a drive picks (priority -100)
    assert "postgresql" in repo.host.search_backends()
    assert repo.backend_class.name in {"tantivy", "whoosh"}
