"""Golden cases for Permenkumham 29/2019: the 2019 national LKE with indicator weights rescaled to the
ministry's area weights 8/7/10/10/15/10 (indicator weight × area weight Kemenkumham ÷ area weight national).

Rescaled weights used below: MP 1,0/1,0/2,0/1,0 × 8/5 = 1,6/1,6/3,2/1,6; TT 1,5/2,0/1,5 × 7/5 = 2,1/2,8/2,1;
SDM 2/2/3/4/3/1 × 10/15 = 4/3, 4/3, 2, 8/3, 2, 2/3; AK, PW, PP unchanged (10, 15, 10).
"""

from __future__ import annotations

import pytest

from zi_evidence.answers.model import load_answers
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry
from zi_evidence.scoring import check_predicates, score

RULESET = RulesetRegistry.from_host(make_plugin_manager()).get("permenkumham-29-2019")
ALL_FACTS = {"opini_bpk": "WTP", "akip": "BB", "pelayanan_strategis": True, "lhkpn_lhkasn": 100}


@pytest.fixture(scope="session")
def answer_file(lke):
    def answer_file(tmp_path, letters=None, hasil=None):
        raw = {
            "ruleset": RULESET.id,
            "jawaban": lke.best_answers(RULESET, letters=letters),
            "hasil": {"ipak": 4.0, "tlhp": 100, "ipkp": 4.0, **(hasil or {})},
            "prasyarat": ALL_FACTS,
        }
        return load_answers(lke.write_answers_file(tmp_path, raw), RULESET)

    return answer_file


def failed(check, predicate):
    return {c.key for c in check.result(predicate).failed}


def test_all_maximum_scores_100_and_reaches_wbbm(tmp_path, answer_file):
    report = score(RULESET, answer_file(tmp_path))
    view = report.claimed
    assert [a.value for a in view.areas] == pytest.approx([8.0, 7.0, 10.0, 10.0, 15.0, 10.0])
    assert view.area(1).indicators[2].weight == pytest.approx(3.2)  # A.1.3: 2,0 × 8/5
    # hasil: Bersih 20 (assumed, blank in Tabel V) = IPAK 15 + TLHP 5; Pelayanan 20
    assert view.hasil == pytest.approx(40.0) and view.total == pytest.approx(100.0)
    check = check_predicates(RULESET, report, "WBBM")
    assert check.result("WBK").passed and check.result("WBBM").passed


# The same unit's answers as the 10/2019 mix, scored with the ministry's weights.
MIX = {
    "A.1.3.a": "B",
    "A.1.3.b": "C",
    "A.1.3.c": "C",
    "A.1.4.c": "Tidak",
    "A.1.4.d": "B",
    "A.2.1.a": "B",
    "A.2.1.b": "C",
    "A.2.1.c": "C",
    "A.2.3.b": "Tidak",
    "A.3.1.b": "C",
    "A.3.1.c": "Tidak",
    "A.3.3.b": "B",
    "A.3.3.c": "C",
    "A.3.3.d": "B",
    "A.3.3.e": "B",
    "A.3.3.f": "C",
    "A.3.4.a": "B",
    "A.3.4.b": "B",
    "A.3.4.c": "C",
    "A.3.4.d": "C",
    "A.3.5.a": "B",
    "A.4.1.c": "Tidak",
    "A.4.2.a": "B",
    "A.4.2.b": "B",
    "A.4.2.d": "C",
    "A.4.2.f": "B",
    "A.4.2.g": "C",
    "A.4.2.h": "B",
    "A.5.1.a": "B",
    "A.5.1.b": "B",
    "A.5.2.a": "B",
    "A.5.2.b": "C",
    "A.5.2.c": "B",
    "A.5.2.d": "B",
    "A.5.4.b": "B",
    "A.5.4.c": "C",
    "A.5.4.d": "D",
    "A.6.2.a": "B",
    "A.6.2.b": "B",
    "A.6.2.c": "C",
    "A.6.2.d": "C",
    "A.6.2.e": "B",
    "A.6.3.b": "B",
    "A.6.3.c": "B",
}
MP = 8 - 3.2 + 3.2 * (0.67 + 0.33 + 0.33) / 3 - 1.6 + 1.6 * (1 + 1 + 0 + 0.67) / 4  # 5.686667
TT = 7 - 2.1 + 2.1 * (0.67 + 0.33 + 0.33) / 3 - 2.1 + 2.1 * (1 + 0) / 2  # 4.781
SDM = (
    10
    - 4 / 3
    + 4 / 3 * (1 + 0.33 + 0) / 3  # A.3.1
    - 2.0
    + 2.0 * (1 + 0.67 + 0.33 + 0.67 + 0.67 + 0.33) / 6  # A.3.3
    - 8 / 3
    + 8 / 3 * (0.67 + 0.67 + 0.5 + 0.33) / 4  # A.3.4
    - 2.0
    + 2.0 * 0.67  # A.3.5
)  # 6.601111
AK = 10 - 5.0 + 5.0 * (1 + 1 + 0) / 3 - 5.0 + 5.0 * (0.5 + 0.67 + 1 + 0.33 + 1 + 0.67 + 0.33 + 0.5) / 8  # 6.458333
PW = 15 - 3.0 + 3.0 * 0.5 - 3.0 + 3.0 * (0.67 + 0.33 + 0.5 + 0.5) / 4 - 3.0 + 3.0 * (1 + 0.67 + 0.33 + 0) / 4  # 10.5
PP = 10 - 3.0 + 3.0 * (0.67 + 0.5 + 0 + 0.33 + 0.67) / 5 - 4.0 + 4.0 * (1 + 0.5 + 0.67) / 3  # 7.195333


def test_realistic_mix_lands_just_above_wbk(tmp_path, answer_file):
    report = score(RULESET, answer_file(tmp_path, MIX, {"ipak": 3.6, "tlhp": 100, "ipkp": 3.3}))
    view = report.claimed
    assert [a.value for a in view.areas] == pytest.approx([MP, TT, SDM, AK, PW, PP])
    assert (MP, TT, SDM) == pytest.approx((5.686667, 4.781, 6.601111))
    assert view.pengungkit == pytest.approx(41.222444)
    # hasil 3,6/4 × 15 + 5 + 3,3/4 × 20 = 13,5 + 5 + 16,5 = 35
    assert view.total == pytest.approx(41.222444 + 35)
    check = check_predicates(RULESET, report, "WBK")
    assert check.result("WBK").passed
    # per-area minima scale with the ministry's weights: 60 % of 8/7/10/10/15/10
    areas = {c.key: c.minimum for c in check.result("WBK").criteria if c.key.startswith("area.")}
    assert [areas[f"area.{n}"] for n in range(1, 7)] == pytest.approx([4.8, 4.2, 6, 6, 9, 6])
    assert not check.result("WBBM").passed
    # the ministry's internal screening: bersih 18,5 ≥ 18,5 and pelayanan 16,5 ≥ 16
    screening = next(r for r in check.claimed if r.key == "seleksi_internal")
    assert screening.predicate is None and screening.passed


def test_fails_only_the_per_area_minimum(tmp_path, answer_file):
    lowest = {"A.3.3.a": "Tidak", **{f"A.3.3.{x}": "D" for x in "bcdef"}}
    lowest |= {"A.3.4.a": "D", "A.3.4.b": "D", "A.3.4.c": "E", "A.3.4.d": "D"}
    report = score(RULESET, answer_file(tmp_path, lowest))
    view = report.claimed
    # SDM = 10 − 2 (A.3.3) − 8/3 (A.3.4) = 5,333 < 0,6 × 10 = 6
    assert view.area(3).value == pytest.approx(10 - 2 - 8 / 3)
    assert view.total == pytest.approx(100 - 2 - 8 / 3)  # 95,333: far above 75, still not WBK
    check = check_predicates(RULESET, report, "WBK")
    assert failed(check, "WBK") == {"area.3"}
    assert failed(check, "WBBM") == {"area.3"}
