"""The review chain's plain data: reviews, page references, accounts, roles and audit events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DRAFT, SUBMITTED = "draft", "submitted"
NEEDS_FIX, ACCEPTED, REJECTED, REVOKED = "perlu_perbaikan", "diterima", "ditolak", "dicabut"
#: What a verifying tier may decide.
DECISIONS = (NEEDS_FIX, ACCEPTED, REJECTED)
#: A verifying tier's decisions that pass the question on to the next tier.
FORWARDING = (ACCEPTED, REJECTED)
STATUSES = (DRAFT, SUBMITTED, *DECISIONS, REVOKED)
STATUS_LABELS = {
    DRAFT: "draf",
    SUBMITTED: "dikirim",
    NEEDS_FIX: "perlu perbaikan",
    ACCEPTED: "diterima",
    REJECTED: "ditolak",
    REVOKED: "dicabut",
}
#: The derived state of a decision whose evidence changed after it was made.
CHANGED_LABEL = "berubah sejak diperiksa"

ROLE_UNIT, ROLE_VERIFIER, ROLE_ADMIN = "tim_unit", "verifikator", "admin"
ROLES = (ROLE_UNIT, ROLE_VERIFIER, ROLE_ADMIN)
ROLE_LABELS = {ROLE_UNIT: "tim unit", ROLE_VERIFIER: "verifikator", ROLE_ADMIN: "admin"}
#: A role's unit scope covering every unit (a Kanwil or Eselon I verifier sees many).
ALL_UNITS = "*"


@dataclass(frozen=True)
class PageRef:
    """A page of one file version: the file's SHA-256 (so it names the bytes, not a path) and the page number."""

    sha256: str
    page: int

    def as_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "page": self.page}


@dataclass(frozen=True)
class Evidence:
    """The files mapped to one question now, as sorted ``(path, sha256)`` pairs, and their fingerprint."""

    files: tuple[tuple[str, str], ...]
    fingerprint: str


@dataclass(frozen=True)
class Review:
    """One tier's review of one question of one unit.

    ``round`` counts the unit's submissions: the unit tier's row holds the current round, a verifying
    tier's row the round it last acted on, so a decision of an earlier round no longer counts.
    ``revision`` grows with every write; a caller that read revision n may ask to write only over n.
    """

    unit: str
    question_id: str
    tier: str
    status: str
    round: int = 0
    answer: str | None = None
    note: str = ""
    page_refs: tuple[PageRef, ...] = ()
    reviewer: str = ""
    at: str = ""
    fingerprint: str = ""
    revision: int = 0


@dataclass(frozen=True)
class Role:
    """A role scoped to a unit (or every unit); a verifier's role names its tier."""

    role: str
    unit: str = ALL_UNITS
    tier: str | None = None

    def covers(self, unit: str) -> bool:
        return self.unit in (ALL_UNITS, unit)

    @property
    def label(self) -> str:
        where = "semua unit" if self.unit == ALL_UNITS else self.unit
        tier = f" tingkat {self.tier}" if self.tier else ""
        return f"{ROLE_LABELS[self.role]}{tier} ({where})"


@dataclass(frozen=True)
class User:
    """An account as the rest of the program sees it: never the password hash."""

    username: str
    display_name: str
    active: bool
    roles: tuple[Role, ...] = ()
    created_at: str = ""

    def has(self, role: str, unit: str, tier: str | None = None) -> bool:
        return any(r.role == role and r.covers(unit) and (tier is None or r.tier == tier) for r in self.roles)


@dataclass(frozen=True)
class EventDraft:
    """What an action records; the store gives it its number, time link and hash."""

    at: str
    actor: str
    action: str
    unit: str = ""
    question_id: str = ""
    tier: str = ""
    status: str = ""
    fingerprint: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    """One row of the append-only, hash-chained audit log, exactly as stored (``detail`` as canonical JSON)."""

    seq: int
    at: str
    actor: str
    action: str
    unit: str
    question_id: str
    tier: str
    status: str
    fingerprint: str
    detail: str
    prev_hash: str
    hash: str
