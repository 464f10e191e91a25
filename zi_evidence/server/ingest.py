"""Accepting a unit's snapshot: say which files the server still lacks, take each file only when its
hash matches, and replace the unit's rows for that year in one transaction once every file is present.

A second push of the same snapshot (same digest) changes nothing; a push cut off half-way left only
verified files behind, and the next push asks for the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from zi_evidence.errors import PushRefused
from zi_evidence.review.clock import utc_now
from zi_evidence.review.model import EventDraft, Review
from zi_evidence.server import similar
from zi_evidence.server.blobs import BlobStore, check_sha256
from zi_evidence.server.pageviews import READINESS
from zi_evidence.server.snapshot import Snapshot
from zi_evidence.server.tables import (
    blobs,
    pages,
    pending_blobs,
    snapshots,
    text_digests,
    unit_answers,
    unit_files,
    unit_findings,
    unit_views,
    units,
)
from zi_evidence.server.yearstore import YearSession

_WORDS = re.compile(r"[^\W_]+")


def missing(db: Connection, snapshot: Snapshot) -> list[str]:
    """The manifest's hashes the server holds no verified copy of, sorted."""
    wanted = sorted(snapshot.hashes())
    held = {row[0] for row in db.execute(select(blobs.c.sha256).where(blobs.c.sha256.in_(wanted)))}
    return [sha for sha in wanted if sha not in held]


def announce(db: Connection, unit_id: int, snapshot: Snapshot, lacking: Iterable[str]) -> None:
    """Remember which files this unit may now upload (those its snapshot names and the server lacks)."""
    sizes = {entry.sha256: entry.size for entry in snapshot.files}
    rows = [{"unit_id": unit_id, "sha256": sha, "size": sizes[sha]} for sha in lacking]
    if rows:
        db.execute(pg_insert(pending_blobs).on_conflict_do_nothing(), rows)


def receive(db: Connection, store: BlobStore, sha256: str, chunks: Iterable[bytes], unit_id: int | None = None) -> int:
    """Store one file after checking its hash (``PushRefused`` when it does not match). With ``unit_id``
    (an upload under a unit's token) only a file that unit's snapshot announced is taken."""
    check_sha256(sha256)
    if db.execute(select(blobs.c.size).where(blobs.c.sha256 == sha256)).first() is not None:
        for _ in chunks:  # held already (another unit sent it meanwhile): one copy is enough
            pass
        return int(db.execute(select(blobs.c.size).where(blobs.c.sha256 == sha256)).scalar_one())
    if unit_id is not None:
        announced = db.execute(
            select(pending_blobs.c.size).where(pending_blobs.c.unit_id == unit_id, pending_blobs.c.sha256 == sha256)
        ).scalar()
        if announced is None:
            raise PushRefused(f"Berkas {sha256[:12]}… tidak disebut snapshot unit ini; kirim snapshotnya dahulu.")
    size = store.put(sha256, chunks)
    db.execute(pg_insert(blobs).values(sha256=sha256, size=size).on_conflict_do_nothing())
    db.execute(delete(pending_blobs).where(pending_blobs.c.sha256 == sha256))
    return size


def commit(db: Connection, unit_id: int, snapshot: Snapshot, unit_tier: str = "unit") -> bool:
    """Make ``snapshot`` the unit's state for its year; False when it already is (nothing written)."""
    lacking = missing(db, snapshot)
    if lacking:
        raise PushRefused(f"Server belum memegang {len(lacking)} berkas snapshot ini; kirim berkasnya dahulu.")
    key = {"unit_id": unit_id, "year": snapshot.year}
    db.execute(pg_insert(snapshots).values(**key, digest="", pushed_at="", summary="{}").on_conflict_do_nothing())
    current = db.execute(
        select(snapshots.c.digest)
        .where(snapshots.c.unit_id == unit_id, snapshots.c.year == snapshot.year)
        .with_for_update()
    ).scalar_one()  # fmt: skip  -- the row lock serialises two pushes of one unit
    digest = snapshot.digest
    if current == digest:
        return False
    now = utc_now().isoformat()
    sizes = dict(db.execute(select(blobs.c.sha256, blobs.c.size).where(blobs.c.sha256.in_(snapshot.hashes()))).all())
    for entry in snapshot.files:
        if sizes[entry.sha256] != entry.size:
            raise PushRefused(f"Ukuran berkas {entry.path} di manifest tidak sama dengan berkas yang diterima.")
    scope = (unit_files.c.unit_id == unit_id) & (unit_files.c.year == snapshot.year)
    first_seen = {(r.path, r.sha256): r.first_seen for r in db.execute(select(unit_files).where(scope))}
    db.execute(delete(unit_files).where(scope))
    if snapshot.files:
        db.execute(
            insert(unit_files),
            [
                {**key, "path": e.path, "sha256": e.sha256, "size": e.size, "mime": e.mime, "question": e.question,
                 "mapping": e.mapping, "parser": e.parser, "parser_version": e.parser_version,
                 "first_seen": first_seen.get((e.path, e.sha256), now)}
                for e in snapshot.files
            ],
        )  # fmt: skip
    _pages(db, snapshot)
    db.execute(delete(unit_findings).where(unit_findings.c.unit_id == unit_id, unit_findings.c.year == snapshot.year))
    if snapshot.findings:
        db.execute(insert(unit_findings), [{**key, **f} for f in snapshot.findings])
    db.execute(delete(unit_answers).where(unit_answers.c.unit_id == unit_id, unit_answers.c.year == snapshot.year))
    if snapshot.answers:
        db.execute(insert(unit_answers), [{**key, "question": q, "answer": a} for q, a in snapshot.answers.items()])
    db.execute(delete(unit_views).where(unit_views.c.unit_id == unit_id, unit_views.c.year == snapshot.year))
    kept = {n: json.dumps(v, ensure_ascii=False) for n, v in snapshot.views.items() if n != READINESS}
    if snapshot.readiness:
        kept[READINESS] = snapshot.readiness  # already JSON text, stored as sent
    if kept:
        db.execute(insert(unit_views), [{**key, "name": n, "data": data} for n, data in kept.items()])
    _reviews(db, unit_id, snapshot, unit_tier, now)
    db.execute(
        snapshots.update()
        .where(snapshots.c.unit_id == unit_id, snapshots.c.year == snapshot.year)
        .values(digest=digest, pushed_at=now, summary=json.dumps(snapshot.summary, ensure_ascii=False))
    )
    return True


def text_digest(texts: Iterable[str]) -> str:
    """The same words in the same order give the same digest, whatever the case, punctuation or spacing."""
    words = " ".join(_WORDS.findall(" ".join(texts).lower()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def _clean(page: str) -> str:
    # PostgreSQL text holds no NUL; \x02/\x03 are the search highlight's marks
    return page.replace("\x00", "").replace("\x02", "").replace("\x03", "")


def _pages(db: Connection, snapshot: Snapshot) -> None:
    known = {row[0] for row in db.execute(select(pages.c.sha256).where(pages.c.sha256.in_(list(snapshot.texts))))}
    rows = [
        {"sha256": sha, "page_no": number, "body": _clean(text)}
        for sha, texts in snapshot.texts.items()
        if sha not in known
        for number, text in enumerate(texts, start=1)
    ]
    digests = [
        {"sha256": sha, "digest": text_digest(texts), "chars": sum(len(t) for t in texts)}
        for sha, texts in snapshot.texts.items()
        if sha not in known
    ]
    if digests:
        db.execute(pg_insert(text_digests).on_conflict_do_nothing(), digests)
    for start in range(0, len(rows), 5000):  # pages are shared: a hash another unit pushed is not written twice
        db.execute(pg_insert(pages).on_conflict_do_nothing(), rows[start : start + 5000])
    similar.record(db, dict(snapshot.texts))  # also files pushed before sketches existed


def _reviews(db: Connection, unit_id: int, snapshot: Snapshot, tier: str, now: str) -> None:
    """The unit tier's review rows take the pushed state; each change is one ``push`` event in the log."""
    code = db.execute(select(units.c.code).where(units.c.id == unit_id)).scalar_one()
    session = YearSession(db, code, snapshot.year)  # the drive's chain is the chain of its year
    held = {r.question_id: r for r in session.reviews(code) if r.tier == tier}
    for pushed in snapshot.reviews:
        old = held.get(pushed.question_id)
        review = Review(
            code, pushed.question_id, tier, pushed.status, pushed.round, pushed.answer, pushed.note, (),
            pushed.reviewer, pushed.at, pushed.fingerprint,
        )  # fmt: skip
        if old is not None and Review(**{**old.__dict__, "revision": 0, "page_refs": ()}) == review:
            continue
        stored = session.put_review(review, old.revision if old else 0)
        session.append(
            EventDraft(now, pushed.reviewer, "push", code, stored.question_id, tier, stored.status, stored.fingerprint,
                       {"round": stored.round, "note": stored.note, "snapshot": snapshot.digest})
        )  # fmt: skip
