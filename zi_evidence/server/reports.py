"""A unit's Laporan on the server: the drive's report formats (``register_report_formats``) rendering the
readiness object the unit pushed for that year (snapshot format 3), rebuilt as it was, never rescored.
Only its review chain is the server's own for that unit and year: the verdicts of Kanwil, Eselon I and
TPI are made here, after the push.

The report carries the date the unit's data was taken (``Readiness.today`` as of the push), not the
download's; the page says which is which. Nothing is written: the bytes stay in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection

from zi_evidence.errors import ServerError, UnknownReportFormat
from zi_evidence.server import pageviews
from zi_evidence.server.unitsite import UnitSite, _view


@dataclass(frozen=True)
class Download:
    body: bytes
    content_type: str
    filename: str


def _old(site: UnitSite) -> str:
    return (
        f"Snapshot unit '{site.code}' tahun {site.year} dibuat oleh zi-evidence versi lama dan belum membawa data "
        "laporan, jadi laporan belum dapat dibuat di server. Minta unit memperbarui zi-evidence lalu kirim ulang "
        "dengan 'zi-evidence push'."
    )


def _readiness(db: Connection, site: UnitSite) -> Any:
    from zi_evidence.readiness.reviews import reviews_of
    from zi_evidence.readiness.revive import readiness_from_dict
    from zi_evidence.server.reviewing import review_service

    found = _view(db, site, pageviews.READINESS)
    if found is None:
        raise ServerError(_old(site))
    try:
        pushed = readiness_from_dict(found)
    except ValueError:  # checked at push time: only a snapshot of another version gets here
        raise ServerError(_old(site)) from None
    return replace(pushed, reviews=reviews_of(review_service(site.db, site.code, site.year, site.host)))


def _formats(site: UnitSite) -> dict[str, Any]:
    return dict(site.host.report_formats())


def listing(db: Connection, site: UnitSite) -> dict[str, Any]:
    """The Laporan page: every format, or why this snapshot gives none."""
    found = _view(db, site, pageviews.READINESS)
    taken = found.get("today") if found else None
    return {
        "formats": [
            {"name": name, "label": cls.label, "suffix": cls.suffix, "url": f"{site.base}/laporan/{name}"}
            for name, cls in sorted(_formats(site).items())
        ]
        if found
        else [],
        "taken": taken,
        "missing": "" if found else _old(site),
        "note": (
            "Laporan dibuat di server dari snapshot yang dikirim unit, tanpa menghitung ulang; bagian "
            "pemeriksaan memuat keputusan terbaru di server (Kanwil, Eselon I, TPI). Tanggal di "
            "dalam laporan adalah tanggal data unit diambil (saat 'zi-evidence push'), bukan tanggal unduh."
        ),
    }


def download(db: Connection, site: UnitSite, name: str) -> Download:
    from zi_evidence.bundle import slug
    from zi_evidence.web.pages import report_media

    formats = _formats(site)
    if name not in formats:
        shown = ", ".join(sorted(formats))
        raise UnknownReportFormat(f"Format laporan '{name}' tidak dikenal. Yang tersedia: {shown}.")
    fmt = formats[name]
    body = fmt().render(_readiness(db, site))  # no out_path: nothing is written, no file is linked
    raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    content_type, suffix = report_media(name, fmt)
    filename = f"laporan-kesiapan-{slug(site.code) or 'unit'}-{site.year}{suffix}"
    return Download(raw, content_type, filename)
