"""Golden cases for PermenPANRB 52/2014 jo. 10/2019, computed by hand.

Areas 5/5/15/10/15/10 without a pemenuhan/reform split; hasil = IPAK/4 × 15 + TLHP % × 5 + IPKP/4 × 20.
"""

from __future__ import annotations

import pytest

from zi_evidence.answers.model import load_answers
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry
from zi_evidence.scoring import check_predicates, score

RULESET = RulesetRegistry.from_host(make_plugin_manager()).get("permenpanrb-10-2019")
ALL_FACTS = {"opini_bpk": "WTP", "akip": "A", "pelayanan_strategis": True, "lhkpn_lhkasn": 100}


@pytest.fixture(scope="session")
def answer_file(lke):
    def answer_file(tmp_path, letters=None, hasil=None, facts=None):
        raw = {
            "schema_version": 1,
            "ruleset": RULESET.id,
            "jawaban": lke.best_answers(RULESET, letters=letters),
            "hasil": {"ipak": 4.0, "tlhp": 100, "ipkp": 4.0, **(hasil or {})},
            "prasyarat": {**ALL_FACTS, **(facts or {})},
        }
        return load_answers(lke.write_answers_file(tmp_path, raw), RULESET)

    return answer_file


def failed(check, predicate, view="claimed"):
    return {c.key for c in check.result(predicate, view).failed}


def test_all_maximum_scores_100_and_reaches_wbbm(tmp_path, answer_file):
    report = score(RULESET, answer_file(tmp_path))
    view = report.claimed
    assert [a.value for a in view.areas] == pytest.approx([5.0, 5.0, 15.0, 10.0, 15.0, 10.0])
    assert view.area(1).parts == ()  # no split in this instrument
    # hasil: 4/4 × 15 + 100 % × 5 + 4/4 × 20 = 40
    assert view.hasil == pytest.approx(40.0) and view.total == pytest.approx(100.0)
    check = check_predicates(RULESET, report, "WBBM")
    assert check.result("WBK").passed and check.result("WBBM").passed
    assert check.result("WBBM").prerequisites_status == "met"


MIX = {
    "A.1.3.a": "B",
    "A.1.3.b": "C",
    "A.1.3.c": "C",  # A–D 0,67 0,33 0,33
    "A.1.4.c": "Tidak",
    "A.1.4.d": "B",  # Ya Ya Tidak + A–D 0,67
    "A.2.1.a": "B",
    "A.2.1.b": "C",
    "A.2.1.c": "C",
    "A.2.3.b": "Tidak",
    "A.3.1.b": "C",
    "A.3.1.c": "Tidak",  # Ya, 0,33, 0
    "A.3.3.b": "B",
    "A.3.3.c": "C",
    "A.3.3.d": "B",
    "A.3.3.e": "B",
    "A.3.3.f": "C",
    "A.3.4.a": "B",
    "A.3.4.b": "B",
    "A.3.4.c": "C",
    "A.3.4.d": "C",  # 0,67 0,67 0,5 (A–E) 0,33
    "A.3.5.a": "B",
    "A.4.1.c": "Tidak",
    "A.4.2.a": "B",
    "A.4.2.b": "B",
    "A.4.2.d": "C",
    "A.4.2.f": "B",
    "A.4.2.g": "C",
    "A.4.2.h": "B",
    "A.5.1.a": "B",
    "A.5.1.b": "B",  # A/B/C 0,5 0,5
    "A.5.2.a": "B",
    "A.5.2.b": "C",
    "A.5.2.c": "B",
    "A.5.2.d": "B",  # 0,67 0,33 0,5 0,5
    "A.5.4.b": "B",
    "A.5.4.c": "C",
    "A.5.4.d": "D",
    "A.6.2.a": "B",
    "A.6.2.b": "B",
    "A.6.2.c": "C",
    "A.6.2.d": "C",
    "A.6.2.e": "B",  # 0,67 0,5 0 0,33 0,67
    "A.6.3.b": "B",
    "A.6.3.c": "B",  # A/B/C 0,5; A–D 0,67
}
MP = 5 - 2.0 + 2.0 * (0.67 + 0.33 + 0.33) / 3 - 1.0 + 1.0 * (1 + 1 + 0 + 0.67) / 4  # 3.554167
TT = 5 - 1.5 + 1.5 * (0.67 + 0.33 + 0.33) / 3 - 1.5 + 1.5 * (1 + 0) / 2  # 3.415
SDM = (
    15
    - 2.0
    + 2.0 * (1 + 0.33 + 0) / 3  # A.3.1
    - 3.0
    + 3.0 * (1 + 0.67 + 0.33 + 0.67 + 0.67 + 0.33) / 6  # A.3.3
    - 4.0
    + 4.0 * (0.67 + 0.67 + 0.5 + 0.33) / 4  # A.3.4
    - 3.0
    + 3.0 * 0.67  # A.3.5
)  # 9.901667
AK = 10 - 5.0 + 5.0 * (1 + 1 + 0) / 3 - 5.0 + 5.0 * (0.5 + 0.67 + 1 + 0.33 + 1 + 0.67 + 0.33 + 0.5) / 8  # 6.458333
PW = (
    15
    - 3.0
    + 3.0 * (0.5 + 0.5) / 2  # A.5.1
    - 3.0
    + 3.0 * (0.67 + 0.33 + 0.5 + 0.5) / 4  # A.5.2
    - 3.0
    + 3.0 * (1 + 0.67 + 0.33 + 0) / 4  # A.5.4
)  # 10.5
PP = 10 - 3.0 + 3.0 * (0.67 + 0.5 + 0 + 0.33 + 0.67) / 5 - 4.0 + 4.0 * (1 + 0.5 + 0.67) / 3  # 7.195333
HASIL = 3.6 / 4 * 15 + 1.0 * 5 + 3.3 / 4 * 20  # 13.5 + 5 + 16.5 = 35


def test_realistic_mix_lands_just_above_wbk(tmp_path, answer_file):
    answers = answer_file(tmp_path, MIX, {"ipak": 3.6, "tlhp": 100, "ipkp": 3.3}, {"opini_bpk": "WDP"})
    report = score(RULESET, answers)
    view = report.claimed
    assert [a.value for a in view.areas] == pytest.approx([MP, TT, SDM, AK, PW, PP])
    assert (MP, TT, SDM, AK, PW, PP) == pytest.approx((3.554167, 3.415, 9.901667, 6.458333, 10.5, 7.195333))
    assert view.pengungkit == pytest.approx(41.0245)  # ≥ 40
    assert view.hasil == pytest.approx(HASIL) == pytest.approx(35.0)
    assert view.total == pytest.approx(76.0245)
    check = check_predicates(RULESET, report, "WBK")
    assert check.result("WBK").passed
    # every area ≥ 60 %: MP 3,55 ≥ 3; TT 3,42 ≥ 3; SDM 9,90 ≥ 9; AK 6,46 ≥ 6; PW 10,5 ≥ 9; PP 7,20 ≥ 6
    areas = {c.key: c for c in check.result("WBK").criteria if c.key.startswith("area.")}
    assert [areas[f"area.{n}"].minimum for n in range(1, 7)] == pytest.approx([3, 3, 9, 6, 9, 6])
    assert all(c.decisive for c in areas.values())  # no split: the combined area is the only reading
    # WBBM: total 76,02 < 85, pengungkit 41,02 < 48, IPKP 16,5 < 18, areas under 75 %
    assert failed(check, "WBBM") >= {"total", "pengungkit", "hasil.pelayanan", "area.3"}
    assert "hasil.bersih" not in failed(check, "WBBM")  # 13,5 + 5 = 18,5 ≥ 18,5
    # opini BPK WDP: enough for WBK (minimal WDP), not for WBBM (minimal WTP)
    assert check.result("WBK").prerequisites_status == "met"
    assert check.result("WBBM").prerequisites_status == "not_met"


def test_fails_only_the_per_area_minimum(tmp_path, answer_file):
    lowest = {"A.3.3.a": "Tidak", **{f"A.3.3.{x}": "D" for x in "bcdef"}}
    lowest |= {"A.3.4.a": "D", "A.3.4.b": "D", "A.3.4.c": "E", "A.3.4.d": "D"}
    report = score(RULESET, answer_file(tmp_path, lowest))
    view = report.claimed
    # SDM = 15 − 3,0 (A.3.3 all 0) − 4,0 (A.3.4 all 0) = 8 < 0,6 × 15 = 9
    assert view.area(3).value == pytest.approx(15 - 3.0 - 4.0)
    assert view.pengungkit == pytest.approx(53.0) and view.total == pytest.approx(93.0)
    check = check_predicates(RULESET, report, "WBK")
    assert failed(check, "WBK") == {"area.3"}
    sdm = next(c for c in check.result("WBK").criteria if c.key == "area.3")
    assert sdm.shortfall == pytest.approx(1.0)
    assert failed(check, "WBBM") == {"area.3"} and not check.result("WBBM").requires_met
