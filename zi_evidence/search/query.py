"""Full-text search over the catalogued evidence, with page numbers taken from the catalog."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zi_evidence.errors import IndexUnavailable
from zi_evidence.index.search_index import rebuild
from zi_evidence.parsing import machine_read_pages
from zi_evidence.redact import mask_snippet, mask_text
from zi_evidence.repository import Repository
from zi_evidence.search.backend import Snippet
from zi_evidence.search.limits import check_query_bounds
from zi_evidence.state.records import FileRecord

MAX_PAGES_PER_HIT = 5


@dataclass(frozen=True)
class PageHit:
    page: int
    snippet: Snippet


@dataclass(frozen=True)
class SearchHit:
    path: str
    score: float
    question: str
    target_level: str
    title: str
    kind: str
    page_count: int
    pages: tuple[PageHit, ...]
    ocr_pages: tuple[int, ...] = ()  # ParsedDocument.machine_read_pages: OCR text, less certain than a text layer
    file_id: int = 0  # the catalog id, for links to the file (the web app's /berkas/<id>)


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: tuple[SearchHit, ...]


def search(repo: Repository, query: str, filters: Mapping[str, str], limit: int = 10) -> SearchResults:
    """Ranked hits; a broken index is rebuilt from the catalog once, then searched again."""
    check_query_bounds(query)
    backend = repo.search_backend()
    active = {k: v for k, v in filters.items() if v}
    if active.get("question"):  # the index holds the rule set's spelling: 'a.i.1.i.a' finds A.I.1.i.a, a typo is said
        from zi_evidence.suggest.accept import resolve_target

        active["question"] = resolve_target(repo.ruleset, active["question"].strip())
    with repo.catalog() as catalog:
        try:
            found, total = backend.search(query, active, limit)
        except IndexUnavailable:
            rebuild(catalog, backend, lambda: repo.ruleset)
            found, total = backend.search(query, active, limit)
        hits = []
        for hit in found:
            record = catalog.record(int(hit.key))
            if record is None:  # the index is ahead of the catalog; the next index run reconciles it
                continue
            pages = backend.page_matches(query, catalog.page_texts(record), MAX_PAGES_PER_HIT)
            # citizens' numbers are found by search, but never shown in full (zi_evidence.redact)
            pages = [(number, mask_snippet(repo.host, snippet)) for number, snippet in pages]
            hits.append(_hit(record, hit.score, pages))
    return SearchResults(mask_text(repo.host, query), total, tuple(hits))  # echoed back: masked as well


def _hit(record: FileRecord, score: float, pages: list[tuple[int, Snippet]]) -> SearchHit:
    return SearchHit(
        path=record.display,
        score=score,
        question=record.target_id or "",
        target_level=record.mapping_status,
        title=record.metadata.get("title", ""),
        kind=record.format,
        page_count=record.page_count,
        pages=tuple(PageHit(number, snippet) for number, snippet in pages),
        ocr_pages=machine_read_pages(record.metadata),
        file_id=record.id,
    )
