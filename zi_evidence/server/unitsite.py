"""One unit's pages on the server, from its last snapshot in PostgreSQL: the same page data the drive's
web app shows (``web.data`` / ``web.filedata`` shapes, so the same templates render them), its review
chain on the server's store, and its files named by SHA-256 through the unit's manifest.

The pushed page data (``pageviews``) is the unit's; what the server links it to (file ids, the original's
bytes) it looks up itself in the manifest of that unit and year, never from what the page data says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, select

from zi_evidence.errors import ServerError, YearNotPushed
from zi_evidence.server import pageviews
from zi_evidence.server.tables import pages, snapshots, unit_files, unit_findings, unit_views

#: A unit's menu on the server (each under /unit/<code>).
UNIT_NAV = (
    ("/", "Beranda"),
    ("/lke", "LKE"),
    ("/cari", "Cari"),
    ("/belum-terpetakan", "Belum terpetakan"),
    ("/masalah", "Masalah"),
    ("/laporan", "Laporan"),
)


@dataclass(frozen=True)
class UnitSite:
    """What the shared page code asks of a "site", for one unit and year on the server."""

    db: Any  # ServerDb
    unit_id: int
    code: str
    name: str
    year: int
    ruleset: Any
    host: Any
    #: every year the unit pushed, newest first; a year named in the address keeps it in every link
    pushed: tuple[int, ...] = ()
    chosen: bool = False

    @property
    def home(self) -> str:
        return "/unit/" + quote(self.code, safe="")

    @property
    def base(self) -> str:
        return f"{self.home}/{self.year}" if self.chosen else self.home

    @property
    def years(self) -> tuple[tuple[int, str, bool], ...]:
        """The year menu: each pushed year, the address its pages sit under (the latest: without a year,
        so a bookmark follows the next push), and whether it is the year shown."""
        return tuple(
            (y, self.home if i == 0 else f"{self.home}/{y}", y == self.year) for i, y in enumerate(self.pushed)
        )

    nav = UNIT_NAV

    def unit_name(self) -> str:
        return f"{self.name} ({self.code}) · tahun {self.year}"

    def review_service(self) -> Any:
        from zi_evidence.server.reviewing import review_service

        return review_service(self.db, self.code, self.year, self.host)


def has_snapshot(db: Connection, unit_id: int) -> bool:
    found = select(snapshots.c.year).where(snapshots.c.unit_id == unit_id, snapshots.c.digest != "").limit(1)
    return db.execute(found).first() is not None


def open_unit(
    db: Any, connection: Connection, unit: Any, host: Any, rulesets: Any, year: int | None = None
) -> UnitSite:
    """The unit at ``year``, or at its latest pushed year (refused when it never pushed that year)."""
    rows = connection.execute(
        select(snapshots.c.year, snapshots.c.summary)
        .where(snapshots.c.unit_id == unit.id, snapshots.c.digest != "")
        .order_by(snapshots.c.year.desc())
    ).all()
    if not rows:
        raise ServerError(f"Unit '{unit.code}' belum mengirim snapshot. Minta unit menjalankan 'zi-evidence push'.")
    pushed = tuple(int(r.year) for r in rows)
    row = next((r for r in rows if int(r.year) == year), None) if year is not None else rows[0]
    if row is None:
        shown = ", ".join(str(y) for y in pushed)
        raise YearNotPushed(
            f"Unit '{unit.code}' belum mengirim snapshot tahun {year}. Tahun yang sudah dikirim: {shown}. "
            "Pilih salah satu di menu tahun, atau minta unit menjalankan 'zi-evidence push' untuk tahun itu."
        )
    ruleset = rulesets.get(json.loads(row.summary)["ruleset"])
    return UnitSite(db, unit.id, unit.code, unit.name, int(row.year), ruleset, host, pushed, year is not None)


def _view(db: Connection, site: UnitSite, name: str) -> dict[str, Any] | None:
    found = db.execute(
        select(unit_views.c.data).where(
            unit_views.c.unit_id == site.unit_id, unit_views.c.year == site.year, unit_views.c.name == name
        )
    ).scalar()
    return None if found is None else dict(json.loads(found))


def _manifest(db: Connection, site: UnitSite) -> dict[str, str]:
    """Path → SHA-256 of the unit's files in that year."""
    rows = db.execute(
        select(unit_files.c.path, unit_files.c.sha256).where(
            unit_files.c.unit_id == site.unit_id, unit_files.c.year == site.year
        )
    )
    return {path: sha for path, sha in rows}


def _needed(db: Connection, site: UnitSite, name: str) -> dict[str, Any]:
    found = _view(db, site, name)
    if found is None:
        raise ServerError(
            f"Snapshot unit '{site.code}' tahun {site.year} tidak membawa data halaman. Minta unit memperbarui "
            "zi-evidence lalu menjalankan 'zi-evidence push' lagi."
        )
    return found


def dashboard(db: Connection, site: UnitSite) -> dict[str, Any]:
    from zi_evidence.readiness.deadline import next_deadline

    today = date.today()
    d = next_deadline(site.ruleset.timeline, today)
    deadline = d and {"key": d.key, "label": d.label, "date": d.date.isoformat(), "days_left": d.days_left,
                      "actor": d.actor}  # fmt: skip
    return {**_needed(db, site, pageviews.DASHBOARD), "today": today.isoformat(), "deadline": deadline}


def lke(db: Connection, site: UnitSite, area: str = "", status: str = "", severity: str = "") -> dict[str, Any]:
    from zi_evidence.web.data import lke_row_shown

    found = _needed(db, site, pageviews.LKE)
    rows = [row for row in found["questions"] if lke_row_shown(row, area, status, severity)]
    return {**found, "filters": {"area": area, "status": status, "severity": severity}, "questions": rows}


def question(db: Connection, site: UnitSite, question_id: str, page: int = 1) -> dict[str, Any] | None:
    from zi_evidence.web.data import FILES_PER_PAGE

    found = _view(db, site, pageviews.QUESTION + question_id)
    if found is None:
        return None
    ids = _manifest(db, site)
    files = [{**f, "id": ids.get(f["path"])} for f in found["files"]]
    pages_count = max(1, -(-len(files) // FILES_PER_PAGE))
    page = min(max(page, 1), pages_count)
    shown = files[(page - 1) * FILES_PER_PAGE : page * FILES_PER_PAGE]
    findings = [{**f, "file_id": ids.get(f.get("path") or "")} for f in found["findings"]]
    paging = {"page": page, "pages": pages_count, "per_page": FILES_PER_PAGE, "total": len(files)}
    return {**found, "files": shown, "files_paging": paging, "findings": findings}


def unmapped(db: Connection, site: UnitSite) -> dict[str, Any]:
    """Belum terpetakan without its suggestions: the unit accepts those on its drive, then pushes."""
    found, ids = _needed(db, site, pageviews.UNMAPPED), _manifest(db, site)
    return {**found, "files": [{**f, "id": ids.get(f["path"])} for f in found["files"]]}


def problems(db: Connection, site: UnitSite) -> dict[str, Any]:
    found, ids = _needed(db, site, pageviews.PROBLEMS), _manifest(db, site)
    return {**found, "problems": [{**p, "file_id": ids.get(p["path"])} for p in found["problems"]]}


def file_entries(db: Connection, site: UnitSite, sha256: str) -> list[Any]:
    """The unit's manifest rows of that content in that year (one file may sit at several paths)."""
    return list(
        db.execute(
            select(unit_files)
            .where(unit_files.c.unit_id == site.unit_id, unit_files.c.year == site.year, unit_files.c.sha256 == sha256)
            .order_by(unit_files.c.path)
        )
    )


def file_page(db: Connection, site: UnitSite, sha256: str) -> dict[str, Any] | None:
    from zi_evidence.readiness.listing import MAPPING_LABELS, MAPPING_TODO
    from zi_evidence.redact import mask_text
    from zi_evidence.web.filedata import inline_type

    entries = file_entries(db, site, sha256)
    if not entries:
        return None
    entry = entries[0]
    listed = _view(db, site, pageviews.FILE + entry.path) or {}
    texts = [r[0] for r in db.execute(select(pages.c.body).where(pages.c.sha256 == sha256).order_by(pages.c.page_no))]
    ocr = set(listed.get("ocr", ()))
    texts = [mask_text(site.host, text) for text in texts]  # citizens' personal data, masked as on the drive
    findings = db.execute(
        select(unit_findings).where(
            unit_findings.c.unit_id == site.unit_id,
            unit_findings.c.year == site.year,
            unit_findings.c.path.in_([e.path for e in entries]),
        )
    )
    from zi_evidence.problems import SEVERITY_LABELS

    return {
        "meta": {
            "id": sha256, "path": entry.path, "name": entry.path.rsplit("/", 1)[-1], "size": entry.size,
            "sha256": sha256, "mime": entry.mime, "format": listed.get("format"), "parser": entry.parser,
            "parser_version": entry.parser_version, "status": listed.get("status", "ok" if entry.parser else ""),
            "question": entry.question, "mapping": entry.mapping,
            "mapping_label": MAPPING_LABELS.get(entry.mapping, entry.mapping), "reason": listed.get("reason", ""),
            "todo": MAPPING_TODO.get(entry.mapping, ""), "kinds": listed.get("kinds", []),
            "kind_labels": listed.get("kind_labels", []), "year": listed.get("year"), "date": listed.get("date"),
            "date_source": listed.get("date_source"), "page_count": len(texts), "metadata": listed.get("metadata", {}),
            "other_paths": [e.path for e in entries[1:]],
        },
        "problems": [
            {**p, "severity_label": SEVERITY_LABELS.get(p.get("severity", ""), p.get("severity", ""))}
            for p in listed.get("problems", ())
        ],
        "findings": [
            {"code": f.code, "severity": f.severity, "severity_label": SEVERITY_LABELS.get(f.severity, f.severity),
             "message": f.message, "hint": None, "question": f.question, "path": f.path, "file_id": sha256,
             "source": None}
            for f in findings
        ],
        "pages": [{"number": n, "ocr": n in ocr, "text": text} for n, text in enumerate(texts, start=1)],
        "original": {"url": f"{site.base}/berkas/{sha256}/asli", "inline": inline_type(entry.mime)},
    }  # fmt: skip
