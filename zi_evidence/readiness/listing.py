"""One record per catalogued file, as data: the ``files`` command and the web app's file lists read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zi_evidence.errors import ConfigError
from zi_evidence.problems import Problem
from zi_evidence.repository import Repository
from zi_evidence.state.records import FileRecord

#: What a team does about a file the mapper could not place, by mapping status.
MAPPING_TODO = {
    "unmapped": "Petakan tanpa memindahkan berkas dengan 'zi-evidence map BERKAS ID-PERTANYAAN' (lihat saran "
    "pemetaan), atau pindahkan ke folder pertanyaannya; lalu jalankan 'zi-evidence index'.",
    "ambiguous": "Nama atau folder berkas menyebut lebih dari satu pertanyaan: pilih satu dengan "
    "'zi-evidence map BERKAS ID-PERTANYAAN', lalu jalankan 'zi-evidence index'.",
}
MAPPING_LABELS = {
    "question": "pertanyaan",
    "indicator": "indikator",
    "unmapped": "belum terpetakan",
    "ambiguous": "ambigu",
}


@dataclass(frozen=True)
class FileRow:
    id: int
    path: str  # display form: escaped, safe to show
    question: str | None
    mapping: str  # question | indicator | unmapped | ambiguous
    reason: str
    mime: str
    size: int
    sha256: str
    pages: int
    kinds: tuple[str, ...]
    year: str
    status: str
    problems: tuple[Problem, ...]

    @property
    def needs_attention(self) -> bool:
        """The same rule as the catalog's problem count: not ok, or a warning/error (notes do not count)."""
        return self.status != "ok" or any(p.severity != "info" for p in self.problems)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "path": self.path,
            "question": self.question,
            "mapping": self.mapping,
            "reason": self.reason,
            "mime": self.mime,
            "size": self.size,
            "sha256": self.sha256,
            "pages": self.pages,
            "kinds": list(self.kinds),
            "year": self.year,
            "status": self.status,
            "problems": [p.as_dict() for p in self.problems],
        }


def file_row(record: FileRecord) -> FileRow:
    return FileRow(
        id=record.id,
        path=record.display,
        question=record.target_id,
        mapping=record.mapping_status,
        reason=record.mapping_reason,
        mime=record.mime,
        size=record.size,
        sha256=record.sha256,
        pages=record.page_count,
        kinds=tuple(record.kinds),
        year=record.year,
        status=record.status,
        problems=tuple(record.all_problems),
    )


def question_scope(ruleset: Any, given: str) -> str:
    """The rule set's spelling of an id or id prefix (``a.i.1`` → ``A.I.1``), so that a typo is said as one
    instead of listing no file; ``ConfigError`` when no question of the rule set is at or below it."""
    ids = [q.id for q in ruleset.questions] + [c.id for g in ruleset.hasil for c in g.components]
    wanted = given.strip().rstrip(".").lower()
    for known in ids:
        if known.lower() == wanted or known.lower().startswith(wanted + "."):
            return known[: len(wanted)]
    raise ConfigError(
        f"Id '{given}' tidak ada di aturan penilaian {ruleset.id}. Tulis id pertanyaan, indikator atau area "
        "seperti di LKE (mis. A.I.1.i.a, A.I.1.i, A.I.1, B.I.a); daftarnya ada di 'zi-evidence status'."
    )


def file_rows(
    repo: Repository, question: str | None = None, problems: bool = False, unmapped: bool = False
) -> list[FileRow]:
    """Every catalogued file in display order; ``question`` keeps that id and the ids below it (an
    indicator lists its questions' files), ``problems`` and ``unmapped`` keep only those files."""
    if question:
        question = question_scope(repo.ruleset, question)
    with repo.catalog() as catalog:
        rows = [file_row(r) for r in catalog.records()]
    if question:
        rows = [r for r in rows if r.question and (r.question == question or r.question.startswith(question + "."))]
    if problems:
        rows = [r for r in rows if r.needs_attention]
    if unmapped:
        rows = [r for r in rows if r.mapping in MAPPING_TODO]
    return rows
