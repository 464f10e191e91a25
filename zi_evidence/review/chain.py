"""A question's place in the chain, derived from its reviews and its current evidence: what each tier shows,
whether it may act now, and whether a decision is *berubah sejak diperiksa*."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from zi_evidence.review.model import (
    CHANGED_LABEL,
    DECISIONS,
    DRAFT,
    FORWARDING,
    NEEDS_FIX,
    STATUS_LABELS,
    SUBMITTED,
    Evidence,
    Review,
)

WAITING_UNIT = "menunggu perbaikan unit"
WAITING_LOWER = "menunggu tingkat sebelumnya"
NOT_SENT = "belum dikirim"
READY = "siap diperiksa"


@dataclass(frozen=True)
class TierState:
    """One tier of one question: its review (None: never touched), whether that review counts in the current
    round, whether its evidence changed since, whether the tier may act now, and its deadline."""

    key: str
    label: str
    review: Review | None
    current: bool
    changed: bool
    open: bool
    state: str
    deadline: date | None = None

    @property
    def decided(self) -> bool:
        return self.current and self.review is not None and self.review.status in DECISIONS

    @property
    def shown(self) -> str:
        return f"{self.state} ({CHANGED_LABEL})" if self.changed else self.state


@dataclass(frozen=True)
class QuestionChain:
    unit: str
    question_id: str
    round: int
    evidence: Evidence
    tiers: tuple[TierState, ...]

    def tier(self, key: str) -> TierState:
        return next(t for t in self.tiers if t.key == key)

    def index(self, key: str) -> int:
        return next(n for n, t in enumerate(self.tiers) if t.key == key)

    @property
    def final(self) -> TierState:
        """The last tier: its answer is the one the LKE carries once it is decided."""
        return self.tiers[-1]


def build_chain(
    unit: str,
    question_id: str,
    tiers: Sequence[Any],
    reviews: Sequence[Review],
    evidence: Evidence,
    deadlines: Mapping[str, date | None] | None = None,
) -> QuestionChain:
    by_tier = {r.tier: r for r in reviews}
    deadlines = deadlines or {}
    base = by_tier.get(tiers[0].key)
    current_round = base.round if base else 0
    states: list[TierState] = []
    if base is None:
        states.append(TierState(tiers[0].key, tiers[0].label, None, False, False, True, NOT_SENT))
    else:
        changed = base.status == SUBMITTED and base.fingerprint != evidence.fingerprint
        can_submit = base.status in (DRAFT, NEEDS_FIX)
        states.append(
            TierState(tiers[0].key, tiers[0].label, base, True, changed, can_submit, STATUS_LABELS[base.status])
        )
    states[0] = _dated(states[0], deadlines)
    forwarded = base is not None and base.status == SUBMITTED
    for tier in tiers[1:]:
        review = by_tier.get(tier.key)
        current = review is not None and current_round >= 1 and review.round == current_round
        decided = current and review is not None and review.status in DECISIONS
        is_open = forwarded and not decided
        if current and review is not None and review.status != DRAFT:
            state = STATUS_LABELS[review.status]
        elif is_open:
            state = READY
        elif base is not None and base.status == NEEDS_FIX:
            state = WAITING_UNIT
        elif current_round == 0 or base is None or base.status == DRAFT:
            state = NOT_SENT
        else:
            state = WAITING_LOWER
        changed = current and review is not None and review.status in FORWARDING
        changed = changed and review is not None and review.fingerprint != evidence.fingerprint
        states.append(_dated(TierState(tier.key, tier.label, review, current, changed, is_open, state), deadlines))
        forwarded = decided and review is not None and review.status in FORWARDING
    return QuestionChain(unit, question_id, current_round, evidence, tuple(states))


def _dated(state: TierState, deadlines: Mapping[str, date | None]) -> TierState:
    when = deadlines.get(state.key)
    return state if when is None else TierState(**{**state.__dict__, "deadline": when})
