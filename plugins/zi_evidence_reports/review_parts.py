"""The review chain's verdicts, as every built-in format shows them: one row per reviewed question with
each tier's verdict and note, the final tier's answer (the TPI's LKE), and the rekap per unit and tier.

Formats call these only when ``readiness.reviews`` is set: without a review database a report is unchanged.
"""

from __future__ import annotations

from typing import Any

from zi_evidence import Readiness

NOT_YET = "belum diputus"
CHANGED = "berubah sejak diperiksa"


TITLE = "Hasil pemeriksaan berjenjang"


def chain_text(reviews: Any) -> str:
    return " → ".join(t.label for t in reviews.tiers)


def intro(reviews: Any) -> str:
    final = reviews.final_tier
    return (
        f"Rantai pemeriksaan: {chain_text(reviews)}. Jawaban {final.label if final else 'tingkat terakhir'} "
        "menjadi jawaban LKE setelah tingkat itu memutus (diterima atau ditolak). Catatan dan keputusan "
        "putaran terakhir; keputusan yang data dukungnya berubah sesudahnya ditandai "
        f"'{CHANGED}'."
    )


def verdict_text(tier: Any) -> str:
    """``diterima — tari, jawaban Ya: catatan`` (what one tier decided in the current round)."""
    text = tier.state
    if tier.status is None:
        return text
    who = f" — {tier.reviewer}" if tier.reviewer else ""
    answer = f", jawaban {tier.answer}" if tier.answer else ""
    note = f": {tier.note}" if tier.note else ""
    changed = f" ({CHANGED})" if tier.changed_since_review else ""
    return f"{text}{changed}{who}{answer}{note}"


def final_text(question: Any) -> str:
    return question.final_answer if question.final_decided and question.final_answer else NOT_YET


def label_of(readiness: Readiness, question_id: str) -> str:
    found = next((q for q in readiness.questions if q.id == question_id), None)
    return found.label if found else ""


def rekap_text(line: Any) -> str:
    return f"{line.needs_fix} perlu perbaikan, {line.rejected} ditolak"


def final_answers(readiness: Readiness) -> dict[str, str]:
    """Question id -> the final tier's answer, for the questions that tier has decided."""
    reviews = readiness.reviews
    if reviews is None or reviews.status != "ok":
        return {}
    return {q.question_id: q.final_answer for q in reviews.questions if q.final_decided and q.final_answer}


REKAP_TITLE = "Rekap penolakan dan perbaikan"
REKAP_HEAD = ("Unit", "Tingkat", "Perlu perbaikan", "Ditolak", "Pertanyaan")


def rollup_rekap(rollup: Any) -> list[tuple[str, str, int, int, str]]:
    """Every unit's rekap lines, one row per unit and tier, for the roll-up formats."""
    return [(x.unit, x.label, x.needs_fix, x.rejected, ", ".join(x.questions)) for u in rollup.units for x in u.rekap]
