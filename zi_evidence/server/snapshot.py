"""A unit's snapshot: what ``push`` sends, read from the unit's catalog, findings, answers and review
database (never from the evidence files themselves, whose bytes travel separately, by hash).

The snapshot is plain JSON; its digest (SHA-256 of the canonical form) names it, so a second push of the
same state is recognised and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from zi_evidence.errors import PushRefused
from zi_evidence.server.blobs import check_sha256

#: 2: adds ``views``, the readiness pages' data as the drive computed them (``pageviews``).
#: 3: adds ``readiness``, the drive's whole readiness object (its JSON report), for the Laporan downloads.
FORMAT = 3
#: a unit not yet upgraded still pushes (formats 1, 2): its data arrives, its pages say what it lacks
READABLE = (1, 2, 3)
#: what changes with the day alone: left out of the digest, so pushing the same state tomorrow changes
#: nothing and the reports keep the date the data was taken
DAILY = ("today", "deadline")
#: Bounds on what a server accepts from one push (a unit has hundreds to thousands of files).
MAX_FILES = 50_000
MAX_PAGES = 2_000_000
MAX_TEXT = 200_000_000


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    sha256: str
    size: int
    mime: str
    question: str | None
    mapping: str
    parser: str | None
    parser_version: str | None


@dataclass(frozen=True)
class UnitReview:
    """The unit tier's review of one question, as the unit's own database holds it."""

    question_id: str
    status: str
    round: int
    answer: str | None
    note: str
    reviewer: str
    at: str
    fingerprint: str


@dataclass(frozen=True)
class Snapshot:
    unit_name: str
    year: int
    ruleset: str
    files: tuple[ManifestEntry, ...]
    texts: dict[str, tuple[str, ...]]  # sha256 -> page texts
    findings: tuple[dict[str, Any], ...]  # code, severity, question, path, message
    answers: dict[str, str]
    reviews: tuple[UnitReview, ...]
    summary: dict[str, Any]
    views: dict[str, Any] = field(default_factory=dict)  # page name -> its data (``pageviews``)
    readiness: str = ""  # the JSON report (``Readiness.to_dict()``) as of the push, as text: key order kept

    def hashes(self) -> set[str]:
        return {entry.sha256 for entry in self.files}

    def to_json(self) -> bytes:
        return _canonical({"format": FORMAT, **asdict(self)})

    @property
    def digest(self) -> str:
        data = asdict(self)
        if self.readiness:
            kept = {k: v for k, v in json.loads(self.readiness).items() if k not in DAILY}
            data["readiness"] = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(_canonical({"format": FORMAT, **data})).hexdigest()


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


FINDING_KEYS = ("code", "severity", "question", "path", "message")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _typed(cls: Any, raw: dict[str, Any]) -> Any:
    """A dataclass from untrusted JSON: exactly its fields, each of its declared type (or None if allowed)."""
    if set(raw) != {f.name for f in fields(cls)}:
        raise ValueError(f"kolom {sorted(raw)} bukan kolom {cls.__name__}")
    for item in fields(cls):
        value, kind = raw[item.name], str(item.type)
        expected = int if kind.startswith("int") else str
        if value is None and "None" in kind:
            continue
        if type(value) is not expected:
            raise ValueError(f"{cls.__name__}.{item.name} bukan {expected.__name__}")
    return cls(**raw)


def _refuse(what: str) -> PushRefused:
    return PushRefused(f"Snapshot ditolak: {what}. Buat ulang dengan versi zi-evidence yang sama dengan server.")


def _readiness(raw: Any) -> str:
    """Checked here, field by field, so a push the server could not turn into a report is refused."""
    from zi_evidence.readiness.revive import readiness_from_dict

    if not isinstance(raw, str) or len(raw) > MAX_TEXT:
        raise ValueError("readiness bukan teks JSON laporan")
    readiness_from_dict(json.loads(raw))
    return raw


def _views(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, dict) for k, v in raw.items()):
        raise ValueError("views bukan peta nama halaman ke datanya")
    return dict(raw)


def from_json(raw: bytes) -> Snapshot:
    """Parse and check a snapshot from an untrusted sender (types, hashes, bounds)."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise _refuse("bukan JSON yang sah") from None
    if not isinstance(data, dict) or data.get("format") not in READABLE:
        raise _refuse(f"format bukan {', '.join(map(str, READABLE[:-1]))} atau {READABLE[-1]}")
    try:
        files = tuple(_typed(ManifestEntry, entry) for entry in data["files"])
        texts = {check_sha256(k): tuple(str(p) for p in v) for k, v in data["texts"].items()}
        reviews = tuple(_typed(UnitReview, r) for r in data["reviews"])
        findings = tuple({key: _text(f.get(key)) for key in FINDING_KEYS} for f in data["findings"])
        if any(f["code"] is None or f["severity"] is None or f["message"] is None for f in findings):
            raise ValueError("temuan tanpa kode, tingkat atau pesan")
        snapshot = Snapshot(
            str(data["unit_name"]), int(data["year"]), str(data["ruleset"]), files, texts, findings,
            {str(k): str(v) for k, v in data["answers"].items()}, reviews, dict(data["summary"]),
            _views(data["views"] if data["format"] >= 2 else {}),
            _readiness(data["readiness"]) if data["format"] >= 3 else "",
        )  # fmt: skip
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise _refuse(f"isinya tidak lengkap ({exc})") from None
    for entry in files:
        check_sha256(entry.sha256)
        if not isinstance(entry.size, int) or entry.size < 0:
            raise _refuse(f"ukuran berkas {entry.path} tidak sah")
    if len(files) > MAX_FILES or sum(len(v) for v in texts.values()) > MAX_PAGES:
        raise _refuse(f"lebih dari {MAX_FILES} berkas atau {MAX_PAGES} halaman")
    if sum(len(p) for v in texts.values() for p in v) > MAX_TEXT:
        raise _refuse("teksnya terlalu besar")
    if not set(texts) <= snapshot.hashes():
        raise _refuse("ada teks untuk berkas yang tidak ada di manifest")
    return snapshot
