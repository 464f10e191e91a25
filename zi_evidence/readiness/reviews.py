"""The review chain as the reports and the bundle show it: each tier's verdict and note per question, the
final tier's answers (the TPI's LKE, once decided), and the *rekap penolakan/perbaikan* per unit and tier.

Read only when the state folder already holds a review database: a unit that never reviewed gets ``None``
and its reports stay as they were (no database is created for a report).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from zi_evidence.errors import ZiError


@dataclass(frozen=True)
class TierVerdict:
    """One tier of one question in the current round; ``status`` None: no verdict (yet) in this round."""

    tier: str
    label: str
    state: str  # what the chain shows: "diterima", "siap diperiksa", "menunggu perbaikan unit"…
    status: str | None
    answer: str | None = None
    note: str = ""
    reviewer: str = ""
    at: str = ""
    changed_since_review: bool = False  # berubah sejak diperiksa
    deadline: date | None = None


@dataclass(frozen=True)
class QuestionReview:
    question_id: str
    round: int
    tiers: tuple[TierVerdict, ...]
    final_decided: bool  # the final tier accepted or rejected in this round
    final_answer: str | None  # that tier's answer: what the TPI's LKE carries

    def tier(self, key: str) -> TierVerdict | None:
        return next((t for t in self.tiers if t.tier == key), None)


@dataclass(frozen=True)
class RekapLine:
    """How often one tier sent one unit's questions back or rejected them, over every round."""

    unit: str
    tier: str
    label: str
    needs_fix: int
    rejected: int
    questions: tuple[str, ...]


@dataclass(frozen=True)
class TierInfo:
    key: str
    label: str


@dataclass(frozen=True)
class Reviews:
    """``status`` ok, or error (the database could not be read: ``message`` says why and what to do)."""

    status: str
    message: str
    tiers: tuple[TierInfo, ...] = ()
    questions: tuple[QuestionReview, ...] = ()
    rekap: tuple[RekapLine, ...] = ()

    @property
    def final_tier(self) -> TierInfo | None:
        return self.tiers[-1] if self.tiers else None

    def of(self, question_id: str) -> QuestionReview | None:
        return next((q for q in self.questions if q.question_id == question_id), None)


def read_reviews(repo: Any) -> Reviews | None:
    """The repository's review chain, or None when it has no review database."""
    from zi_evidence.review.database import REVIEW_DB_NAME

    if not (repo.state_dir / REVIEW_DB_NAME).is_file():
        return None
    from zi_evidence.review.session import repository_service

    try:
        service = repository_service(repo)
    except ZiError as exc:
        return Reviews("error", f"Hasil pemeriksaan tidak dapat dibaca: {exc}")
    try:
        return reviews_of(service)
    finally:
        service.store.close()


def reviews_of(service: Any) -> Reviews:
    """What a ``ReviewService`` holds, as the reports show it (the drive's own store, or the server's)."""
    from zi_evidence.review.rekap import rekap

    try:
        chains = service.chains()
        events = service.history()
    except ZiError as exc:
        return Reviews("error", f"Hasil pemeriksaan tidak dapat dibaca: {exc}")
    tiers = tuple(TierInfo(t.key, t.label) for t in service.tiers)
    labels = {t.key: t.label for t in tiers}
    lines = tuple(
        RekapLine(r.unit, r.tier, labels.get(r.tier, r.tier), r.needs_fix, r.rejected, r.questions)
        for r in rekap(events, [t.key for t in tiers])
    )
    return Reviews("ok", "", tiers, tuple(_question(chain) for chain in chains), lines)


def _question(chain: Any) -> QuestionReview:
    from zi_evidence.review.model import DRAFT, FORWARDING

    verdicts = []
    for state in chain.tiers:
        review = state.review
        shown = review is not None and state.current and review.status != DRAFT
        if shown:
            verdicts.append(
                TierVerdict(
                    state.key,
                    state.label,
                    state.state,
                    review.status,
                    review.answer,
                    review.note,
                    review.reviewer,
                    review.at,
                    state.changed,
                    state.deadline,
                )
            )
        else:  # a draft is its author's work in progress, not a verdict
            verdicts.append(TierVerdict(state.key, state.label, state.state, None, deadline=state.deadline))
    final = chain.final
    decided = final.decided and final.review is not None and final.review.status in FORWARDING
    answer = final.review.answer if decided and final.review is not None else None
    return QuestionReview(chain.question_id, chain.round, tuple(verdicts), decided, answer)


def reviews_dict(reviews: Reviews | None) -> dict[str, Any] | None:
    """The JSON form (report ``reviews``, bundle manifest ``reviews``)."""
    from zi_evidence.readiness.plain import to_plain

    return None if reviews is None else to_plain(reviews)
