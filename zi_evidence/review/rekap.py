"""*Rekap penolakan/perbaikan*: how often each tier sent questions back or rejected them, from the audit log
(every round counts, so a question fixed later still shows it was sent back)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from zi_evidence.review.model import NEEDS_FIX, REJECTED, Event


@dataclass(frozen=True)
class RekapRow:
    unit: str
    tier: str
    needs_fix: int = 0
    rejected: int = 0
    questions: tuple[str, ...] = field(default_factory=tuple)


def rekap(events: Iterable[Event], tiers: Sequence[str]) -> list[RekapRow]:
    """One row per (unit, verifying tier) with a decision, in chain order."""
    counts: dict[tuple[str, str], list[int]] = {}
    questions: dict[tuple[str, str], dict[str, None]] = {}
    for event in events:
        if event.action != "decide" or event.status not in (NEEDS_FIX, REJECTED):
            continue
        key = (event.unit, event.tier)
        pair = counts.setdefault(key, [0, 0])
        pair[0 if event.status == NEEDS_FIX else 1] += 1
        questions.setdefault(key, {})[event.question_id] = None
    order = {tier: n for n, tier in enumerate(tiers)}
    return [
        RekapRow(unit, tier, counts[(unit, tier)][0], counts[(unit, tier)][1], tuple(questions[(unit, tier)]))
        for unit, tier in sorted(counts, key=lambda k: (k[0], order.get(k[1], len(order))))
    ]
