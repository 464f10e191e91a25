"""The LKE workbook and the readiness report, taken from report-format plugins when they exist.

The bundle renders no report itself: it asks the plugins for the formats named ``xlsx`` (the LKE
workbook) and ``html`` (the readiness report). It builds the readiness once, dated by the build time,
and hands that plain data to ``ReportFormat.render`` without a path, so the format returns the bytes
(``str`` is encoded as UTF-8) and shows evidence as paths: the bundle renames every file.
A missing or failing format is noted in the summary and in the manifest; the bundle is still built.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from zi_evidence.bundle.model import Document, ReportStatus
from zi_evidence.bundle.ooxml import normalize

if TYPE_CHECKING:
    from zi_evidence.readiness import Readiness
    from zi_evidence.readiness.formats import ReportFormat

WANTED = (("xlsx", "LKE (lembar kerja evaluasi) berisi jawaban dan nilai"), ("html", "Laporan kesiapan"))


def readiness_at(repo: Any, when: datetime) -> Readiness:
    """The readiness the bundle's reports show: as of the build time, so a rebuilt bundle is the same."""
    from zi_evidence.readiness import build_readiness

    return build_readiness(repo, today=when.date())


def collect_reports(repo: Any, layout: Any, when: datetime) -> tuple[list[Document], list[ReportStatus]]:
    try:
        formats = repo.host.report_formats()
    except Exception as exc:  # noqa: BLE001 - reports are optional for the bundle; say why they are absent
        formats, failure = {}, str(exc)
    else:
        failure = ""
    documents: list[Document] = []
    statuses: list[ReportStatus] = []
    readiness: Readiness | None = None
    for name, label in WANTED:
        fmt = formats.get(name)
        if fmt is None:
            reason = failure or f"format laporan '{name}' belum tersedia (tidak ada plugin yang mendaftarkannya)"
            statuses.append(ReportStatus(name, False, None, f"{label} tidak disertakan: {reason}."))
            continue
        path = layout.report_path(name)
        try:
            readiness = readiness or readiness_at(repo, when)
            data = render(fmt, readiness)
        except Exception as exc:  # noqa: BLE001 - a broken report plugin must not stop the upload bundle
            statuses.append(ReportStatus(name, False, None, f"{label} gagal dibuat: {type(exc).__name__}: {exc}."))
            continue
        if name == "xlsx":
            data = normalize(data, when)  # workbooks stamp the current time; the bundle must not change
        documents.append(Document(path, data, f"report:{name}", label))
        statuses.append(ReportStatus(name, True, path, f"{label} disertakan."))
    return documents, statuses


def render(fmt: type[ReportFormat], readiness: Readiness) -> bytes:
    result: object = fmt().render(readiness)
    if isinstance(result, str):
        return result.encode("utf-8")
    if isinstance(result, bytes | bytearray):
        return bytes(result)
    raise TypeError(f"render() mengembalikan {type(result).__name__}, bukan bytes/str")
