"""``manifest.json``: what one volume holds, and the sidecar that makes any later edit detectable.

The manifest is canonical JSON (fixed key order, two-space indent, UTF-8, final newline) so it
is byte-identical for the same inputs; ``manifest.json.sha256`` is in ``sha256sum`` format, so
``sha256sum -c manifest.json.sha256`` works on an unpacked bundle too.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from zi_evidence import __version__
from zi_evidence.bundle.model import BundleOptions, Document, Exclusion, PlannedFile, ReportStatus
from zi_evidence.schemas.validation import schema_errors

MANIFEST = "manifest.json"
SIDECAR = "manifest.json.sha256"
SCHEMA = "manifest.schema.json"
FORMAT_VERSION = 1


def file_entry(planned: PlannedFile) -> dict[str, Any]:
    c, made = planned.candidate, planned.converted
    entry: dict[str, Any] = {
        "bundle_path": planned.bundle_path,
        "original_path": c.original_path,
        "target_id": c.target_id,
        "target_level": c.target_level,
        "type": "pdf" if made else c.type_name,
        "kinds": list(c.kinds),
        "size": planned.size,
        "sha256": planned.sha256,
        "page_count": made.pages if made else c.page_count,
        "findings": [f.as_dict() for f in c.problems],
    }
    if made is not None:  # the PDF was made for the bundle: from which files, by what
        entry["converted_from"] = made.as_dict()
    return entry


def exclusion_entry(exclusion: Exclusion) -> dict[str, Any]:
    c = exclusion.candidate
    return {
        "original_path": c.original_path,
        "target_id": c.target_id,
        "size": c.size,
        "sha256": c.sha256,
        "finding": exclusion.finding.as_dict(),
    }


def document_entry(document: Document) -> dict[str, Any]:
    return {
        "bundle_path": document.bundle_path,
        "role": document.role,
        "label": document.label,
        "size": len(document.data),
        "sha256": hashlib.sha256(document.data).hexdigest(),
    }


def build_manifest(
    *,
    config: Any,
    ruleset: Any,
    layout: Any,
    options: BundleOptions,
    when: datetime,
    when_source: str,
    volume: int,
    volume_count: int,
    files: tuple[PlannedFile, ...],
    documents: list[Document],
    exclusions: tuple[Exclusion, ...],
    reports: tuple[ReportStatus, ...],
    notes: tuple[str, ...],
    reviews: dict[str, Any] | None = None,
) -> dict[str, Any]:
    unit = config.unit
    return {
        "format": "zi-evidence-bundle",
        "format_version": FORMAT_VERSION,
        "tool": {"name": "zi-evidence", "version": __version__},
        "ruleset": {
            "id": ruleset.id,
            "name": ruleset.name,
            "regulation": ruleset.regulation,
            "lineage": list(ruleset.lineage or (ruleset.id,)),
        },
        "layout": {"name": layout.name, "label": layout.label},
        "unit": {
            "name": unit.name,
            "institution": unit.institution,
            "head_name": unit.head_name,
            "head_nip": unit.head_nip,
        },
        "year": config.year,
        "target": config.target,
        "build_time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "build_time_source": when_source,
        "volume": {"number": volume, "count": volume_count},
        "options": options.as_dict(),
        "files": [file_entry(f) for f in files],
        "documents": [document_entry(d) for d in sorted(documents, key=lambda d: d.bundle_path)],
        "excluded": [exclusion_entry(e) for e in exclusions],
        "reports": [
            {"name": r.name, "included": r.included, "bundle_path": r.bundle_path, "message": r.message}
            for r in reports
        ],
        "notes": list(notes),
        "reviews": reviews,
    }


def dump(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def sidecar(manifest_bytes: bytes) -> bytes:
    return f"{hashlib.sha256(manifest_bytes).hexdigest()}  {MANIFEST}\n".encode("ascii")


def sidecar_hash(text: bytes) -> str:
    return text.decode("ascii", "replace").split()[0] if text.strip() else ""


def validate(manifest: Any) -> list[str]:
    return schema_errors(manifest, SCHEMA)
