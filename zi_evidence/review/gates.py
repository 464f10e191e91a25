"""The rules of the chain, each a check that raises :class:`ReviewRefused` with what to do instead.

- the unit submits when it has not yet, or when a tier sent the question back (perlu perbaikan);
- tier n decides only after tier n−1 submitted (the unit) or passed it on (diterima or ditolak), and once
  per round; a *perlu perbaikan* sends the question back to the unit and starts a new round on resubmission;
- only ``diterima`` is revoked (``dicabut``), and not while a higher tier's decision rests on it;
- nobody decides on their own submission or their own lower-tier decision, unless the repository allows it.
"""

from __future__ import annotations

from zi_evidence.errors import ReviewRefused
from zi_evidence.review.chain import QuestionChain, TierState
from zi_evidence.review.model import ACCEPTED, DRAFT, NEEDS_FIX, REVOKED, SUBMITTED, User


def _who(state: TierState) -> str:
    review = state.review
    return f"oleh {review.reviewer} pada {review.at[:16].replace('T', ' ')} UTC" if review else ""


def require_role(user: User, role: str, unit: str, tier: str | None, what: str) -> None:
    if not user.has(role, unit, tier):
        tier_text = f" tingkat {tier}" if tier else ""
        raise ReviewRefused(
            f"{user.username} tidak berperan {role}{tier_text} untuk unit '{unit}', jadi tidak dapat {what}. "
            "Minta admin menambah perannya ('zi-evidence users roles')."
        )


def check_submit(chain: QuestionChain) -> None:
    base = chain.tiers[0]
    if base.open:
        return
    raise ReviewRefused(
        f"{chain.question_id} sudah dikirim (putaran {chain.round}, {_who(base)}) dan sedang diperiksa. Unit dapat "
        "mengirim ulang setelah ada tingkat yang meminta perbaikan."
    )


def check_decide(chain: QuestionChain, tier: str, user: User, allow_self_approval: bool) -> None:
    n = chain.index(tier)
    if n == 0:
        raise ReviewRefused(f"Tingkat '{tier}' adalah unit sendiri: unit mengirim ('review submit'), tidak memutus.")
    state, lower = chain.tiers[n], chain.tiers[n - 1]
    if state.decided and state.review is not None:
        hint = " Untuk mengubahnya, cabut dulu ('review revoke')." if state.review.status == ACCEPTED else ""
        raise ReviewRefused(
            f"{chain.question_id} tingkat {tier} sudah diputus {state.state} {_who(state)} pada putaran "
            f"{chain.round}.{hint}"
        )
    if not state.open:
        if chain.tiers[0].review is None or chain.tiers[0].review.status in (DRAFT, NEEDS_FIX):
            raise ReviewRefused(
                f"{chain.question_id} belum dikirim unit (status unit: {chain.tiers[0].state}); tingkat {tier} "
                "memutus setelah unit mengirim."
            )
        raise ReviewRefused(
            f"{chain.question_id}: tingkat {lower.key} belum meneruskan (status: {lower.state}); tingkat {tier} "
            f"memutus setelah tingkat {lower.key} menerima atau menolak."
        )
    if allow_self_approval:
        return
    own = [t for t in chain.tiers[:n] if t.current and t.review is not None and t.review.reviewer == user.username]
    if own:
        raise ReviewRefused(
            f"{user.username} sendiri yang {'mengirim' if own[0] is chain.tiers[0] else 'memutus'} {chain.question_id} "
            f"di tingkat {own[0].key}; keputusan tingkat {tier} harus diambil orang lain "
            "(atau izinkan lewat review.allow_self_approval di zi-evidence.yaml)."
        )


def check_revoke(chain: QuestionChain, tier: str) -> None:
    n = chain.index(tier)
    state = chain.tiers[n]
    if not (state.current and state.review is not None and state.review.status == ACCEPTED):
        raise ReviewRefused(
            f"{chain.question_id} tingkat {tier} tidak sedang diterima (status: {state.state}); hanya keputusan "
            "diterima yang dapat dicabut."
        )
    above = [t for t in chain.tiers[n + 1 :] if t.current and t.review and t.review.status not in (DRAFT, REVOKED)]
    if above:
        raise ReviewRefused(
            f"Keputusan tingkat {above[0].key} atas {chain.question_id} bertumpu pada penerimaan ini; cabut dulu "
            f"keputusan tingkat {above[-1].key}."
        )


def unit_submitted(chain: QuestionChain) -> bool:
    base = chain.tiers[0].review
    return base is not None and base.status == SUBMITTED
