"""The bundle's plain data: what goes in, what stays out and why, and what a layout is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

from zi_evidence.problems import Problem


@dataclass(frozen=True)
class Candidate:
    """One catalogued evidence file as the bundle sees it (copied out of a catalog ``FileRecord``)."""

    raw_path: bytes
    original_path: str
    target_id: str | None
    target_level: str  # question, indicator, hasil, unmapped
    size: int
    sha256: str
    mime: str
    type_name: str  # pdf, docx, xlsx, jpg, png, lainnya
    kinds: tuple[str, ...]
    page_count: int
    mtime_ns: int
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Converted:
    """A PDF made for the bundle from one or more evidence files, kept in the state folder's cache."""

    converter: str
    version: str
    sources: tuple[Candidate, ...]
    path: Path | None  # None: a plan's preview, not converted yet (size then the sources' sum, sha256 "")
    size: int
    sha256: str
    pages: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "converter": self.converter,
            "version": self.version,
            "sources": [{"original_path": c.original_path, "size": c.size, "sha256": c.sha256} for c in self.sources],
        }


@dataclass(frozen=True)
class PlannedFile:
    """A member of the bundle: an evidence file copied as it is, or (``converted``) the PDF made from it."""

    candidate: Candidate
    bundle_path: str
    sort_key: tuple[Any, ...]
    converted: Converted | None = None

    @property
    def size(self) -> int:
        return self.converted.size if self.converted else self.candidate.size

    @property
    def sha256(self) -> str:
        return self.converted.sha256 if self.converted else self.candidate.sha256


@dataclass(frozen=True)
class Exclusion:
    candidate: Candidate
    finding: Problem  # why the file is left out


@dataclass(frozen=True)
class Document:
    """A file generated into the bundle (letter, index, report); ``role`` names what it is."""

    bundle_path: str
    data: bytes
    role: str
    label: str


@dataclass(frozen=True)
class BundleOptions:
    layout: str = "pmpzi"
    types: tuple[str, ...] = ("pdf",)
    max_file_bytes: int | None = None
    max_bundle_bytes: int | None = None
    split: bool = False
    include_problems: bool = False
    strict: bool = False
    convert: bool = True  # photos and Office files to PDF when "pdf" is taken and they are not
    allow_personal_data: bool = False  # --izinkan-data-pribadi: files with citizens' personal data may go

    def as_dict(self) -> dict[str, Any]:
        return {
            "types": list(self.types),
            "max_file_bytes": self.max_file_bytes,
            "max_bundle_bytes": self.max_bundle_bytes,
            "split": self.split,
            "include_problems": self.include_problems,
        }


@dataclass(frozen=True)
class ReportStatus:
    """Whether a report format (LKE workbook, readiness report) was available to go into the bundle."""

    name: str
    included: bool
    bundle_path: str | None
    message: str


@dataclass(frozen=True)
class LayoutContext:
    """Everything a layout needs to write its extra documents for one volume."""

    config: Any  # zi_evidence.config.RepoConfig
    ruleset: Any  # zi_evidence.rulesets.Ruleset
    build_time: datetime
    volume: int
    volume_count: int
    files: tuple[PlannedFile, ...]
    exclusions: tuple[Exclusion, ...]
    reports: tuple[ReportStatus, ...]
    report_documents: tuple[Document, ...] = ()
    notes: tuple[str, ...] = ()
    all_files: tuple[PlannedFile, ...] = ()  # every volume's files, for listings kept in volume 1
    volume_of: Mapping[str, int] = field(default_factory=dict)  # bundle path -> volume number


class Layout(Protocol):
    """The shape of a class returned by ``register_bundle_layouts``; instantiated with no arguments."""

    name: ClassVar[str]
    label: ClassVar[str]

    def folder(self, ruleset: Any, target_id: str) -> tuple[str, ...]:
        """Folder names (already safe) for the evidence of a question, indicator or hasil component."""

    def file_prefix(self, ruleset: Any, target_id: str) -> str:
        """The short LKE id that starts every file name in that folder (``1.i.a``)."""

    def report_path(self, name: str) -> str:
        """Where a report format (``xlsx``, ``html``) goes in the bundle."""

    def documents(self, context: LayoutContext) -> list[Document]:
        """Extra documents for one volume: letters, the offline index, listings."""


@dataclass(frozen=True)
class BuildResult:
    outputs: tuple[str, ...]
    files: int
    bytes_total: int
    exclusions: tuple[Exclusion, ...]
    reports: tuple[ReportStatus, ...]
    manifest_sha256: tuple[str, ...]
    notes: tuple[str, ...] = ()
    build_time: str = ""
    counts: Mapping[str, int] = field(default_factory=dict)
