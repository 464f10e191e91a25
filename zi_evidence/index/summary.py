"""What an index run did, as the command reports it (apart from the run, so that a settled run need not load it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IndexSummary:
    new: int = 0
    changed: int = 0
    moved: int = 0
    removed: int = 0
    unchanged: int = 0
    remapped: int = 0
    parsed: int = 0
    pages: int = 0
    problems: int = 0
    skipped: int = 0
    indexed: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
