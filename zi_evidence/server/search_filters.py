"""The drive search page's filters (area, question, file type, year) as the server can apply them: checked
here, turned into conditions on the filed files that the search plugin puts inside its query, so the
bounded ranking only ever sees pages of files that pass."""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from zi_evidence.errors import ServerError
from zi_evidence.search.backend import FileType
from zi_evidence.server.tables import snapshots

_FORMAT = re.compile(r"[a-z0-9]{1,11}")  # a name's extension, as ``FileRecord.format`` keeps it
OCR = "ocr"
HINT = "pdf, docx, xlsx, image"


@dataclass(frozen=True)
class SearchFilters:
    year: int | None = None
    question: str | None = None
    questions: tuple[str, ...] | None = None  # an LKE area's questions
    file_type: FileType | None = None


def file_type(kind: str, document_kinds: set[str]) -> FileType | None:
    name = kind.strip().lower()
    if not name:
        return None
    if name == "image":
        return FileType(mime_prefix="image/")
    if name == OCR or name in document_kinds:
        raise ServerError(
            f"Jenis berkas '{kind}' (jenis dokumen atau hasil OCR) belum dapat disaring di server: snapshot unit "
            f"tidak membawanya. Saring dengan format berkas ({HINT}), atau cari di komputer unit."
        )
    if not _FORMAT.fullmatch(name):
        raise ServerError(f"Jenis berkas '{kind}' tidak dikenal. Tulis format berkas, mis. {HINT}.")
    typed = {mime for mime in mimetypes.types_map.values() if mimetypes.guess_extension(mime)}
    mimes = tuple(sorted(m for m in typed if mimetypes.guess_extension(m) == f".{name}"))
    return FileType(mimes, tuple(sorted(typed)), f".{name}")


def _area_questions(db: Connection, area: str, unit_ids: list[int], rulesets: Any) -> tuple[str, ...]:
    """The questions of LKE area ``area`` in the rule sets of the snapshots in scope."""
    rows = db.execute(select(snapshots.c.summary).where(snapshots.c.unit_id.in_(unit_ids), snapshots.c.digest != ""))
    found = {json.loads(summary).get("ruleset") for (summary,) in rows}
    known = [rulesets.get(r) for r in sorted(f for f in found if f) if r in rulesets.ids()]
    numbers = sorted({q.area for ruleset in known for q in ruleset.questions})
    if not area.isdigit() or int(area) not in numbers:
        choices = ", ".join(map(str, numbers)) or "(belum ada snapshot dalam jangkauan Anda)"
        raise ServerError(f"Area '{area}' tidak ada dalam LKE unit yang Anda cari. Pilih salah satu: {choices}.")
    return tuple(sorted({q.id for ruleset in known for q in ruleset.questions if q.area == int(area)}))


def resolve(db: Connection, given: dict[str, str], unit_ids: list[int], host: Any, rulesets: Any) -> SearchFilters:
    """The filters of a search form or ``/api/search`` query; an unusable value raises ``ServerError``
    saying which and what to write instead."""
    year = (given.get("year") or "").strip()
    if year and not (year.isdigit() and len(year) == 4):
        raise ServerError(f"Tahun '{year}' bukan angka tahun (mis. 2026).")
    area = (given.get("area") or "").strip()
    kinds = set(host.kind_detectors()) if (given.get("kind") or "").strip() else set()
    return SearchFilters(
        int(year) if year else None,
        (given.get("question") or "").strip() or None,
        _area_questions(db, area, unit_ids, rulesets) if area else None,
        file_type(given.get("kind") or "", kinds),
    )
