"""Keeps the search index equal to the catalog.

The index is a cache: the catalog says what each file's index document must be (its stamp),
and reconciling adds, replaces or removes documents until both agree. This one mechanism
serves new files, edits, moves, remapping, crashes mid-run and ``index --rebuild``.

Reading every stamp back costs a fraction of a second, so a reconcile that found both in agreement
records the catalog's generation and the index's fingerprint; while neither moves, there is nothing to do.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

from zi_evidence.errors import IndexUnavailable
from zi_evidence.index.freshness import AGREED_KEY
from zi_evidence.parsing import MACHINE_READ_PAGES
from zi_evidence.progress import Progress, Silent
from zi_evidence.search.backend import IndexDoc
from zi_evidence.state.catalog import Catalog
from zi_evidence.state.records import INDEX_DOC_VERSION, FileRecord

BATCH = 200
#: The rule set, asked for only once a document is written: a no-change run never builds it.
RulesetSource = Callable[[], Any]


def index_doc(catalog: Catalog, record: FileRecord, ruleset: Any) -> IndexDoc:
    question_id = record.target_id if record.mapping_status == "question" else ""
    question = ruleset.question(question_id) if question_id else None
    indicator_id = question.indicator_id if question else ""
    if record.mapping_status == "indicator":
        indicator_id = record.target_id or ""
    indicator = ruleset.indicator(indicator_id) if indicator_id else None
    area = str(indicator.area) if indicator else ""
    title = record.metadata.get("title") or os.path.splitext(record.display.rsplit("/", 1)[-1])[0]
    return IndexDoc(
        key=str(record.id),
        stamp=record.stamp,
        path=record.display,
        question=question_id or "",
        indicator=indicator_id,
        area=area,
        kinds=_kinds(record),
        year=record.year,
        title=title,
        text=catalog.text_of(record),
    )


def _kinds(record: FileRecord) -> tuple[str, ...]:
    """Document kinds plus the format, so ``--kind sk`` and ``--kind pdf`` both filter (and ``image``, ``ocr``)."""
    extra: tuple[str, ...] = ("image",) if record.mime.startswith("image/") else ()
    extra += ("ocr",) if record.metadata.get(MACHINE_READ_PAGES) else ()  # users filter by "ocr"
    return tuple(k for k in (record.format, *extra, *record.kinds) if k)


def _docs(
    catalog: Catalog, records: list[FileRecord], ruleset: RulesetSource, progress: Progress
) -> Iterator[IndexDoc]:
    rules = None
    for record in records:
        if rules is None:
            rules = ruleset()
        yield index_doc(catalog, record, rules)
        progress.advance()


def reconcile(
    catalog: Catalog, backend: Any, ruleset: RulesetSource, progress: Progress | None = None
) -> tuple[int, int]:
    """Bring the index in line with the catalog; returns (documents written, documents removed).

    The catalog's generation is read once, before anything: an agreement recorded with it no longer
    matches once a file row changes later, so no second look is needed to stay honest.
    """
    progress = progress or Silent()
    generation = catalog.generation()
    before = _agreement(backend, generation)
    if before is not None and catalog.get_meta(AGREED_KEY) == before:
        return 0, 0  # neither a file row nor the index changed since both were seen to agree
    catalog.set_meta(AGREED_KEY, "")  # whatever happens below, the old agreement no longer holds
    expected = catalog.stamps()
    try:
        actual = backend.stamps()
    except IndexUnavailable as exc:
        progress.message(f"Indeks pencarian tidak dapat dibuka ({exc}); dibangun ulang dari katalog.")
        return _rebuilt(catalog, backend, ruleset, progress, generation), 0
    stale_ids = [file_id for file_id, stamp in expected.items() if actual.get(str(file_id)) != stamp]
    keys = {str(file_id) for file_id in expected}
    extra = [key for key in actual if key not in keys]
    if not stale_ids and not extra:
        _remember(catalog, backend, generation, before)
        return 0, 0
    if len(stale_ids) > max(BATCH, len(expected) // 2):
        # a first index, or most documents changed: one fresh build is faster than many update batches
        return _rebuilt(catalog, backend, ruleset, progress, generation), len(extra)
    stale = catalog.records_of(stale_ids)  # whole records only for the documents to write
    progress.stage("Memperbarui indeks pencarian", len(stale))
    try:
        for start in range(0, max(len(stale), 1), BATCH):
            batch = stale[start : start + BATCH]
            backend.update(_docs(catalog, batch, ruleset, progress), extra if start == 0 else [])
    except IndexUnavailable as exc:
        progress.message(f"Indeks pencarian rusak atau terkunci ({exc}); dibangun ulang dari katalog.")
        return _rebuilt(catalog, backend, ruleset, progress, generation), len(extra)
    _settle(catalog, backend, generation)
    return len(stale), len(extra)


def _rebuilt(catalog: Catalog, backend: Any, ruleset: RulesetSource, progress: Progress, generation: str | None) -> int:
    written = rebuild(catalog, backend, ruleset, progress)
    _settle(catalog, backend, generation)
    return written


def _agreement(backend: Any, generation: str | None) -> str | None:
    """What must stay equal for the index to still agree with the catalog; None when it cannot be told."""
    told = getattr(backend, "fingerprint", None)  # a backend without it has its stamps compared every time
    try:
        fingerprint = told() if told is not None else ""
    except (IndexUnavailable, OSError):  # damaged or vanishing under us: the stamps say what is true
        return None
    if generation is None or not fingerprint:
        return None
    return json.dumps([backend.name, backend.version, INDEX_DOC_VERSION, generation, fingerprint])


def _remember(catalog: Catalog, backend: Any, generation: str | None, before: str | None) -> None:
    """Record an agreement just seen, if the index did not change while its stamps were read."""
    if generation is None:
        catalog.track_generation()  # a catalog from before the triggers; counted from now on
        return  # the agreement is recorded by the next run, now that the generation can be told
    after = _agreement(backend, generation)
    if after is not None and after == before:
        catalog.set_meta(AGREED_KEY, after)


def _settle(catalog: Catalog, backend: Any, generation: str | None) -> None:
    """After writing exactly the catalog's documents, record that both agree (so the next run need not
    read every stamp back). A file row changed meanwhile moved the generation past the one recorded."""
    agreed = _agreement(backend, generation)
    if agreed is not None:
        catalog.set_meta(AGREED_KEY, agreed)


def reconcile_some(
    catalog: Catalog,
    backend: Any,
    ruleset: RulesetSource,
    ids: set[int],
    removed: set[int],
    progress: Progress | None = None,
) -> int:
    """Update only the documents of these files (a watcher batch); any trouble falls back to the full reconcile."""
    records = [r for r in (catalog.record(i) for i in sorted(ids)) if r is not None]
    try:
        backend.update(_docs(catalog, records, ruleset, progress or Silent()), [str(i) for i in sorted(removed)])
    except IndexUnavailable:
        return reconcile(catalog, backend, ruleset, progress)[0]
    return len(records)


def rebuild(catalog: Catalog, backend: Any, ruleset: RulesetSource, progress: Progress | None = None) -> int:
    """Recreate the index from the catalog alone: nothing is parsed again."""
    progress = progress or Silent()
    records = catalog.records()
    progress.stage("Membangun ulang indeks pencarian", len(records))
    backend.rebuild(_docs(catalog, records, ruleset, progress))
    return len(records)
