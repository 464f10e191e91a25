"""The LKE workbook and the readiness report, taken from report-format plugins when they exist.

The bundle renders no report itself: it asks ``register_report_formats`` for the formats named
``xlsx`` (the LKE workbook) and ``html`` (the readiness report). A format class is instantiated
with no arguments and its ``render(repo, build_time=..., bundle_paths=...)`` must return the file's
bytes (``str`` is encoded as UTF-8); each keyword is passed only if ``render`` declares it.
``bundle_paths`` maps every bundled file's original path (as in the catalog's ``display``) to its
path inside the bundle, so the LKE can list each question's data dukung as the TPN will find it.
A missing or failing format is noted in the summary and in the manifest; the bundle is still built.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from zi_evidence.bundle.model import Document, ReportStatus
from zi_evidence.bundle.ooxml import normalize

WANTED = (("xlsx", "LKE (lembar kerja evaluasi) berisi jawaban dan nilai"), ("html", "Laporan kesiapan"))


def collect_reports(
    repo: Any, layout: Any, when: datetime, bundle_paths: Mapping[str, str]
) -> tuple[list[Document], list[ReportStatus]]:
    try:
        formats = repo.host.report_formats()
    except Exception as exc:  # noqa: BLE001 - reports are optional for the bundle; say why they are absent
        formats, failure = {}, str(exc)
    else:
        failure = ""
    documents: list[Document] = []
    statuses: list[ReportStatus] = []
    for name, label in WANTED:
        fmt = formats.get(name)
        if fmt is None:
            reason = failure or f"format laporan '{name}' belum tersedia (tidak ada plugin yang mendaftarkannya)"
            statuses.append(ReportStatus(name, False, None, f"{label} tidak disertakan: {reason}."))
            continue
        path = layout.report_path(name)
        try:
            data = render(fmt, repo, when, bundle_paths)
        except Exception as exc:  # noqa: BLE001 - a broken report plugin must not stop the upload bundle
            statuses.append(ReportStatus(name, False, None, f"{label} gagal dibuat: {type(exc).__name__}: {exc}."))
            continue
        if name == "xlsx":
            data = normalize(data, when)  # workbooks stamp the current time; the bundle must not change
        documents.append(Document(path, data, f"report:{name}", label))
        statuses.append(ReportStatus(name, True, path, f"{label} disertakan."))
    return documents, statuses


def render(fmt: Any, repo: Any, when: datetime, bundle_paths: Mapping[str, str]) -> bytes:
    instance = fmt() if isinstance(fmt, type) else fmt
    method = instance.render
    try:
        declared = set(inspect.signature(method).parameters)
    except (TypeError, ValueError):
        declared = set()
    offered = {"build_time": when, "bundle_paths": dict(bundle_paths)}
    result = method(repo, **{k: v for k, v in offered.items() if k in declared})
    if isinstance(result, str):
        return result.encode("utf-8")
    if isinstance(result, bytes | bytearray):
        return bytes(result)
    raise TypeError(f"render() mengembalikan {type(result).__name__}, bukan bytes/str")
