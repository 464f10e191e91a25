"""The review chain's actions over one store: submit, save a draft, decide, revoke; and what they show
(a question's chain, every chain of the unit, a user's queue, a question's history).

Each action reads the question's reviews, checks the gates and writes the review(s) and its audit event
in one transaction, so a check and the write it allows cannot be separated by another process. The web
layer calls these methods with the logged-in :class:`User`; the CLI does the same after a password check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from zi_evidence.errors import ReviewRefused
from zi_evidence.review import gates
from zi_evidence.review.chain import QuestionChain, build_chain
from zi_evidence.review.clock import Clock, stamp, utc_now
from zi_evidence.review.fingerprint import CatalogEvidence
from zi_evidence.review.model import (
    CHANGED_LABEL,
    DECISIONS,
    DRAFT,
    NEEDS_FIX,
    REJECTED,
    REVOKED,
    ROLE_UNIT,
    ROLE_VERIFIER,
    SUBMITTED,
    Event,
    EventDraft,
    PageRef,
    Review,
    User,
)
from zi_evidence.review.store import ReviewStore, StoreSession


@dataclass(frozen=True)
class QueueItem:
    question_id: str
    tier: str
    reason: str
    chain: QuestionChain


class ReviewService:
    def __init__(
        self,
        store: ReviewStore,
        ruleset: Any,
        unit: str,
        evidence: CatalogEvidence,
        year: int,
        allow_self_approval: bool = False,
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self.ruleset = ruleset
        self.unit = unit
        self.evidence = evidence
        self.allow_self_approval = allow_self_approval
        self.clock = clock
        self.tiers = tuple(ruleset.tiers)
        self.deadlines = {t.key: ruleset.tier_deadline(t, year) for t in self.tiers}

    # -- what the chain shows ------------------------------------------------------------------------
    def _chain(self, question_id: str, reviews: Sequence[Review]) -> QuestionChain:
        evidence = self.evidence.of(question_id)
        return build_chain(self.unit, question_id, self.tiers, reviews, evidence, self.deadlines)

    def chain(self, question_id: str) -> QuestionChain:
        self._question(question_id)
        with self.store.transaction() as session:
            return self._chain(question_id, session.reviews(self.unit, question_id))

    def chains(self) -> list[QuestionChain]:
        """Every question of the unit that has a review, in LKE order."""
        with self.store.transaction() as session:
            rows = session.reviews(self.unit)
        grouped: dict[str, list[Review]] = {}
        for review in rows:
            grouped.setdefault(review.question_id, []).append(review)
        order = {q.id: n for n, q in enumerate(self.ruleset.questions)}
        ids = sorted(grouped, key=lambda q: (order.get(q, len(order)), q))
        return [self._chain(q, grouped[q]) for q in ids]

    def queue(self, user: User) -> list[QueueItem]:
        """What ``user`` should act on now: questions sent back to their unit, questions ready at their tier,
        and their own decisions whose evidence changed since."""
        items: list[QueueItem] = []
        for chain in self.chains():
            base = chain.tiers[0]
            if user.has(ROLE_UNIT, self.unit) and base.open and base.review is not None:
                reason = "dikembalikan: perlu perbaikan" if base.review.status == NEEDS_FIX else "draf belum dikirim"
                items.append(QueueItem(chain.question_id, base.key, reason, chain))
            for state in chain.tiers[1:]:
                if not user.has(ROLE_VERIFIER, self.unit, state.key):
                    continue
                if state.changed and state.review is not None and state.review.reviewer == user.username:
                    items.append(QueueItem(chain.question_id, state.key, CHANGED_LABEL, chain))
                elif state.open and self._may_decide(chain, state.key, user):
                    items.append(QueueItem(chain.question_id, state.key, "siap diperiksa", chain))
        return items

    def _may_decide(self, chain: QuestionChain, tier: str, user: User) -> bool:
        try:
            gates.check_decide(chain, tier, user, self.allow_self_approval)
        except ReviewRefused:
            return False
        return True

    def history(self, question_id: str | None = None) -> list[Event]:
        with self.store.transaction() as session:
            return list(session.events(question_id))

    # -- actions -------------------------------------------------------------------------------------
    def submit(
        self,
        user: User,
        question_id: str,
        answer: str | None = None,
        note: str = "",
        page_refs: Iterable[PageRef] = (),
        expected_revision: int | None = None,
    ) -> Review:
        """The unit sends its answer and evidence up the chain (a new round)."""
        question = self._question(question_id)
        gates.require_role(user, ROLE_UNIT, self.unit, None, "mengirim jawaban unit")
        refs = self._refs(question_id, page_refs)
        with self.store.transaction() as session:
            reviews = session.reviews(self.unit, question_id)
            chain = self._chain(question_id, reviews)
            gates.check_submit(chain)
            old = chain.tiers[0].review
            self._expect(old, expected_revision, question_id, chain.tiers[0].key)
            answer = self._answer(question, answer if answer is not None else (old.answer if old else None))
            review = self._stamped(chain, chain.tiers[0].key, SUBMITTED, user, answer, note, refs, chain.round + 1)
            stored = session.put_review(review, old.revision if old else 0)
            self._log(session, user, "submit", stored, chain)
        return stored

    def save_draft(
        self,
        user: User,
        question_id: str,
        tier: str,
        answer: str | None = None,
        note: str = "",
        page_refs: Iterable[PageRef] = (),
    ) -> Review:
        """Keep a tier's answer and note without acting on them yet."""
        question = self._question(question_id)
        self._tier(tier)
        first = tier == self.tiers[0].key
        if first:
            gates.require_role(user, ROLE_UNIT, self.unit, None, "menyimpan draf unit")
        else:
            gates.require_role(user, ROLE_VERIFIER, self.unit, tier, f"menyimpan draf tingkat {tier}")
        refs = self._refs(question_id, page_refs)
        with self.store.transaction() as session:
            chain = self._chain(question_id, session.reviews(self.unit, question_id))
            state = chain.tier(tier)
            if (first and not state.open) or (not first and state.decided):
                raise ReviewRefused(
                    f"{question_id} tingkat {tier} berstatus {state.state}; draf hanya untuk yang belum dikirim "
                    "atau belum diputus."
                )
            rnd = chain.round if first else max(chain.round, 1)
            review = self._stamped(chain, tier, DRAFT, user, self._answer(question, answer), note, refs, rnd)
            if first and state.review is not None and state.review.status == NEEDS_FIX:
                review = replace(review, status=NEEDS_FIX)  # still sent back: only a submit answers it
            stored = session.put_review(review, state.review.revision if state.review else 0)
            self._log(session, user, "save", stored, chain)
        return stored

    def decide(
        self,
        user: User,
        question_id: str,
        tier: str,
        status: str,
        answer: str | None = None,
        note: str = "",
        page_refs: Iterable[PageRef] = (),
        expected_revision: int | None = None,
    ) -> Review:
        """Tier ``tier`` accepts, rejects or sends back the question; *perlu perbaikan* returns it to the unit."""
        question = self._question(question_id)
        self._tier(tier)
        if status not in DECISIONS:
            raise ReviewRefused(f"Keputusan '{status}' tidak dikenal; pilih {', '.join(DECISIONS)}.")
        if status in (NEEDS_FIX, REJECTED) and not note.strip():
            raise ReviewRefused(f"Keputusan {status} perlu catatan (--catatan) yang menjelaskan kekurangannya.")
        if tier == self.tiers[0].key:
            raise ReviewRefused(
                f"Tingkat '{tier}' adalah unit sendiri: unit mengirim ('review submit'), bukan memutus."
            )
        gates.require_role(user, ROLE_VERIFIER, self.unit, tier, f"memutus di tingkat {tier}")
        refs = self._refs(question_id, page_refs)
        with self.store.transaction() as session:
            chain = self._chain(question_id, session.reviews(self.unit, question_id))
            state = chain.tier(tier)
            self._expect(state.review, expected_revision, question_id, tier)
            gates.check_decide(chain, tier, user, self.allow_self_approval)
            lower = chain.tiers[chain.index(tier) - 1].review
            chosen = answer if answer is not None else (lower.answer if lower else None)
            review = self._stamped(chain, tier, status, user, self._answer(question, chosen), note, refs, chain.round)
            stored = session.put_review(review, state.review.revision if state.review else 0)
            if status == NEEDS_FIX:
                base = chain.tiers[0].review
                assert base is not None  # the gate opened only after the unit submitted
                session.put_review(replace(base, status=NEEDS_FIX), base.revision)
            self._log(session, user, "decide", stored, chain)
        return stored

    def revoke(
        self, user: User, question_id: str, tier: str, note: str, expected_revision: int | None = None
    ) -> Review:
        """Withdraw an acceptance (``diterima → dicabut``); the tier may then decide again."""
        self._question(question_id)
        self._tier(tier)
        if not note.strip():
            raise ReviewRefused("Pencabutan perlu catatan (--catatan) yang menjelaskan alasannya.")
        gates.require_role(user, ROLE_VERIFIER, self.unit, tier, f"mencabut keputusan tingkat {tier}")
        with self.store.transaction() as session:
            chain = self._chain(question_id, session.reviews(self.unit, question_id))
            state = chain.tier(tier)
            self._expect(state.review, expected_revision, question_id, tier)
            gates.check_revoke(chain, tier)
            assert state.review is not None
            review = replace(state.review, status=REVOKED, note=note, reviewer=user.username, at=stamp(self.clock()))
            stored = session.put_review(review, state.review.revision)
            self._log(session, user, "revoke", stored, chain)
        return stored

    # -- helpers -------------------------------------------------------------------------------------
    def _question(self, question_id: str) -> Any:
        question = self.ruleset.question(question_id)
        if question is None:
            raise ReviewRefused(
                f"Pertanyaan '{question_id}' tidak ada di rule set {self.ruleset.id}. "
                "Lihat id-nya di 'zi-evidence status'."
            )
        return question

    def _tier(self, tier: str) -> None:
        if tier not in self.deadlines:
            raise ReviewRefused(
                f"Tingkat '{tier}' tidak ada di rantai {self.ruleset.id}: {', '.join(t.key for t in self.tiers)}."
            )

    def _answer(self, question: Any, answer: str | None) -> str | None:
        if answer is None:
            return None
        kind = self.ruleset.answer_types.get(question.answer_type)
        if kind is None or kind.kind != "choice":
            return answer.strip()
        for choice in kind.values:
            if choice.lower() == answer.strip().lower():
                return str(choice)
        raise ReviewRefused(
            f"Jawaban '{answer}' tidak ada untuk {question.id} ({kind.label}); pilih {', '.join(kind.values)}."
        )

    def _refs(self, question_id: str, page_refs: Iterable[PageRef]) -> tuple[PageRef, ...]:
        mapped = self.evidence.sha256s(question_id)
        refs = tuple(dict.fromkeys(page_refs))
        for ref in refs:
            if ref.sha256 not in mapped or ref.page < 1:
                raise ReviewRefused(
                    f"Rujukan halaman {ref.sha256[:12]}…:{ref.page} bukan halaman berkas yang kini dipetakan ke "
                    f"{question_id}. Rujuk berkas pertanyaan itu (jalur atau sha256) dengan halaman mulai 1."
                )
        return refs

    def _expect(self, review: Review | None, expected: int | None, question_id: str, tier: str) -> None:
        actual = review.revision if review else 0
        if expected is not None and expected != actual:
            raise ReviewRefused(
                f"{question_id} tingkat {tier} sudah berubah sejak Anda membukanya (revisi {expected}, kini {actual}); "
                "tindakan Anda tidak disimpan. Lihat keadaannya lalu ulangi bila masih perlu."
            )

    def _stamped(
        self,
        chain: QuestionChain,
        tier: str,
        status: str,
        user: User,
        answer: str | None,
        note: str,
        refs: tuple[PageRef, ...],
        round_: int,
    ) -> Review:
        return Review(
            self.unit,
            chain.question_id,
            tier,
            status,
            round_,
            answer,
            note,
            refs,
            user.username,
            stamp(self.clock()),
            chain.evidence.fingerprint,
        )

    def _log(self, session: StoreSession, user: User, action: str, review: Review, chain: QuestionChain) -> None:
        detail = {
            "round": review.round,
            "answer": review.answer,
            "note": review.note,
            "page_refs": [r.as_dict() for r in review.page_refs],
            "files": len(chain.evidence.files),
            "revision": review.revision,
        }
        session.append(
            EventDraft(
                review.at,
                user.username,
                action,
                self.unit,
                review.question_id,
                review.tier,
                review.status,
                review.fingerprint,
                detail,
            )
        )
