"""Claimed vs evidence-backed views, prerequisites, the gap plan's ranking, and plain-data results."""

from __future__ import annotations

import json

import pytest

from zi_evidence.answers.model import parse_answers
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry
from zi_evidence.scoring import check_predicates, format_number, format_percent, gap_plan, score

RS90 = RulesetRegistry.from_host(make_plugin_manager()).get("permenpanrb-90-2021")


@pytest.fixture(scope="session")
def answers(lke):
    def answers(letters=None, drop=(), facts=None, kind="kl", hasil=None):
        jawaban = lke.best_answers(RS90, lke.FULL_COUNTS_90)
        jawaban |= letters or {}
        for qid in drop:
            del jawaban[qid]
        raw = {
            "jawaban": jawaban,
            "hasil": {"ipak": 4, "capaian_kinerja": "A", "ipkp": 4, **(hasil or {})},
            "prasyarat": lke.PREREQUISITES_MET if facts is None else facts,
            "jenis_instansi": kind,
        }
        return parse_answers(raw, RS90)

    return answers


UNSUPPORTED_PW = frozenset({"A.II.5.ii.a", "A.II.5.i.a", "A.I.5.iv.a", "A.I.5.iv.b"})
LOW_TT = {"A.II.2.iii.a": "E", "A.II.2.iii.b": "E", "A.II.2.iii.c": "E"}  # 2,0 × 0: three questions of 2/3


def test_claimed_and_evidence_backed_side_by_side(answers):
    report = score(RS90, answers(LOW_TT), unsupported=UNSUPPORTED_PW)
    # claimed: 100 − 2,0 (TT reform digital transformation all E) = 98
    assert report.claimed.total == pytest.approx(98.0)
    # backed: PW − 3,0 (A.II.5.ii, 0 %) − 2,5 (A.II.5.i, E) − 1,5/3 × 2 (A.I.5.iv.a–b) = 15 − 6,5 = 8,5
    assert report.evidence_backed.area(5).value == pytest.approx(8.5)
    assert report.evidence_backed.total == pytest.approx(98.0 - 6.5)
    lowered = report.evidence_backed.question("A.II.5.i.a")
    assert (lowered.status, lowered.answer, lowered.claimed_answer, lowered.value) == ("unsupported", "E", "A", 0.0)
    assert report.claimed.question("A.II.5.i.a").value == 1.0  # as given, flagged
    assert report.claimed.question("A.II.5.i.a").status == "unsupported"
    assert set(report.unsupported) == UNSUPPORTED_PW
    check = check_predicates(RS90, report, "WBK")
    assert check.target_met("claimed") and not check.target_met("evidence_backed")
    assert {c.key for c in check.result("WBK", "evidence_backed").failed} == {"area.5"}


def test_unanswered_questions_count_zero_and_are_listed(answers):
    report = score(RS90, answers(drop=("A.I.6.v.b",)))
    indicator = report.claimed.area(6).indicators[4]  # A.I.6.v, 1,00 over three questions
    assert indicator.unanswered == ("A.I.6.v.b",) and indicator.value == pytest.approx(1.0 * (1 + 0 + 1) / 3)
    assert report.unanswered == ("A.I.6.v.b",)


def test_gap_plan_puts_what_closes_the_failing_threshold_first(answers):
    report = score(RS90, answers(LOW_TT), unsupported=UNSUPPORTED_PW)
    plan = gap_plan(RS90, report, check_predicates(RS90, report, "WBK"))
    assert not plan.target_met and [c.key for c in plan.shortfalls] == ["area.5"]
    refs = [(i.ref, i.kind, round(i.points, 4)) for i in plan.items]
    # area 5 items (they close area.5) by points, then the bigger but non-blocking TT items
    assert refs == [
        ("A.II.5.ii.a", "unsupported", 3.0),
        ("A.II.5.i.a", "unsupported", 2.5),
        ("A.I.5.iv.a", "unsupported", 0.5),
        ("A.I.5.iv.b", "unsupported", 0.5),
        ("A.II.2.iii.a", "low", 0.6667),
        ("A.II.2.iii.b", "low", 0.6667),
        ("A.II.2.iii.c", "low", 0.6667),
    ]
    first = plan.items[0]
    assert first.helps == ("area.5",) and "Lengkapi data dukung" in first.action and "+3,00 poin" in first.action
    assert "ke jawaban A" in plan.items[4].action
    assert plan.recoverable == pytest.approx(6.5 + 2.0)


def test_gap_plan_lists_prerequisites_and_hasil_shortfalls(lke, answers):
    facts = {**lke.PREREQUISITES_MET, "lama_pembangunan": None, "opini_bpk": "WDP"}
    report = score(RS90, answers(facts=facts, hasil={"ipak": 3.4}))
    check = check_predicates(RS90, report, "WBK")
    plan = gap_plan(RS90, report, check)
    kinds = [(i.kind, i.ref) for i in plan.items]
    # IPAK 3,4/4 × 17,5 = 14,875 < 15,75 (and bersih 19,875 ≥ 18,25 still passes)
    assert kinds[0] == ("threshold", "hasil.ipak")
    assert plan.items[0].points == pytest.approx(15.75 - 14.875)
    assert ("prerequisite", "opini_bpk") in kinds and ("prerequisite", "lama_pembangunan") in kinds
    statuses = {p.key: p.status for p in check.result("WBK").prerequisites}
    assert statuses["opini_bpk"] == "not_met" and statuses["lama_pembangunan"] == "unknown"


@pytest.mark.parametrize(
    ("facts", "kind", "expected"),
    [
        ({"indeks_rb": "CC"}, "pemda", {"WBK": "met", "WBBM": "not_met"}),  # CC (Pemda) / B (Pemda)
        ({"indeks_rb": "CC"}, "kl", {"WBK": "not_met", "WBBM": "not_met"}),  # B (K/L) / BB (K/L)
        ({"indeks_rb": "BB"}, None, {"WBK": "unknown", "WBBM": "unknown"}),  # which column? say so
        ({"lhkpn_lhkasn": {"lhkpn": 100, "lhkasn": 97}}, "kl", {"WBK": "not_met", "WBBM": "not_met"}),
        ({"sakip_unit": "B"}, "kl", {"WBK": "met", "WBBM": "not_met"}),
        ({"layanan_utama": "ya", "maturitas_spip": 2}, "kl", {"WBK": "not_met", "WBBM": "not_met"}),
    ],
)
def test_prerequisite_facts(facts, kind, expected, lke, answers):
    report = score(RS90, answers(facts={**lke.PREREQUISITES_MET, **facts}, kind=kind))
    check = check_predicates(RS90, report)
    for predicate, status in expected.items():
        assert check.result(predicate).prerequisites_status == status, predicate
    if kind is None:
        note = next(p.note for p in check.result("WBK").prerequisites if p.key == "indeks_rb")
        assert "jenis_instansi" in note


def test_results_are_plain_data_and_numbers_unrounded(answers):
    report = score(RS90, answers(LOW_TT), unsupported=UNSUPPORTED_PW)
    check = check_predicates(RS90, report)
    plan = gap_plan(RS90, report, check)
    for data in (report.to_dict(), check.to_dict(), plan.to_dict()):
        json.dumps(data)
    assert report.to_dict()["claimed"]["areas"][1]["indicators"][5]["value"] == pytest.approx(0.0)
    assert format_number(1234.5) == "1.234,50" and format_number(2 / 3, 3) == "0,667"
    assert format_percent(0.6) == "60,00 %"
