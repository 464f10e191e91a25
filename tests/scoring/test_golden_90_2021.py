"""Golden cases for PermenPANRB 90/2021, computed by hand (the arithmetic is in the comments and literals).

Weights are the printed ones (Lampiran III); values A/B/C 1/0,5/0, A–D 1/0,67/0,33/0, A–E 1/0,75/0,5/0,25/0.
Indicator = bobot × mean of its questions; an answer file is written, loaded and scored like a team's.
"""

from __future__ import annotations

import pytest

from zi_evidence.answers.model import load_answers
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry
from zi_evidence.scoring import check_predicates, score

RULESET = RulesetRegistry.from_host(make_plugin_manager()).get("permenpanrb-90-2021")

# Counts that make every "%" question 1 (each ratio written out).
FULL_COUNTS = {
    "A.II.1.i.a": {"jumlah_agen_perubahan": 10, "jumlah_perubahan_dibuat": 10},  # 10/10
    "A.II.1.i.b": {"jumlah_perubahan_dibuat": 10, "jumlah_perubahan_terintegrasi": 10},  # 10/10
    "A.II.3.iii.a": {  # (4 - 0)/4
        "jumlah_pelanggaran_tahun_sebelumnya": 4,
        "jumlah_pelanggaran_tahun_ini": 0,
        "jumlah_pelanggaran_diberi_sanksi": 0,
    },
    "A.II.4.i.a": {"jumlah_sasaran_kinerja": 8, "jumlah_sasaran_tercapai_100": 8},  # 8/8
    "A.II.5.ii.a": {  # 25/25
        "jumlah_harus_ditindaklanjuti": 25,
        "jumlah_sedang_diproses": 0,
        "jumlah_selesai_ditindaklanjuti": 25,
    },
    "A.II.5.iii.a": {"wajib_kepala_satker": 1, "wajib_pejabat_lhkpn": 3, "wajib_lainnya": 6, "sudah_melaporkan": 10},
    "A.II.5.iii.b": {
        "wajib_administrator": 5,
        "wajib_pengawas": 10,
        "wajib_fungsional_pelaksana": 35,
        "sudah_melaporkan": 50,
    },
    "A.II.6.i.b": {"jumlah_layanan_terdata": 12, "jumlah_layanan_dipermudah": 12},  # 12/12
}


@pytest.fixture(scope="session")
def answer_file(lke):
    def answer_file(tmp_path, letters=None, counts=None, hasil=None, facts=None):
        """Every question at its best answer, then the given overrides; written as jawaban-lke.yaml."""
        raw = {
            "schema_version": 1,
            "ruleset": RULESET.id,
            "jenis_instansi": "kl",
            "jawaban": lke.best_answers(RULESET, FULL_COUNTS, letters, counts),
            "hasil": {"ipak": 4.0, "capaian_kinerja": "A", "ipkp": 4.0, **(hasil or {})},
            "prasyarat": {**lke.PREREQUISITES_MET, **(facts or {})},
        }
        return load_answers(lke.write_answers_file(tmp_path, raw), RULESET)

    return answer_file


def failed(check, predicate, view="claimed"):
    return {c.key for c in check.result(predicate, view).failed}


def test_all_maximum_scores_100_and_reaches_wbbm(tmp_path, answer_file):
    report = score(RULESET, answer_file(tmp_path))
    view = report.claimed
    # every indicator at full weight: areas 8/7/10/10/15/10, pemenuhan and reform each half
    assert [a.value for a in view.areas] == pytest.approx([8.0, 7.0, 10.0, 10.0, 15.0, 10.0])
    assert [p.value for p in view.area(5).parts] == pytest.approx([7.5, 7.5])
    assert view.pengungkit == pytest.approx(60.0)
    # hasil: 4/4 × 17,5 + 1 × 5 + 4/4 × 17,5 = 40
    assert view.hasil == pytest.approx(40.0)
    assert view.total == pytest.approx(100.0)
    check = check_predicates(RULESET, report, "WBBM")
    assert check.result("WBK").passed and check.result("WBBM").passed
    assert check.result("WBBM").prerequisites_status == "met"
    assert check.target_met("claimed") and report.unanswered == ()


# The realistic mix: answers given as (question → letter or counts), with the value each one is worth.
MIX_LETTERS = {
    "A.I.1.iii.a": "B",
    "A.I.1.iii.b": "B",
    "A.I.1.iii.c": "C",  # A–D: 0,67 0,67 0,33
    "A.II.1.ii.a": "C",  # A–E: 0,5
    "A.I.2.i.a": "B",
    "A.I.2.i.b": "C",
    "A.I.2.i.c": "D",  # A–D 0,67; A–E 0,5; A–E 0,25
    "A.II.2.ii.a": "B",
    "A.II.2.ii.b": "B",  # A/B/C: 0,5 0,5
    "A.II.2.iii.a": "C",
    "A.II.2.iii.b": "C",
    "A.II.2.iii.c": "D",  # A–E: 0,5 0,5 0,25
    "A.I.3.iii.b": "B",
    "A.I.3.iii.c": "C",
    "A.I.3.iii.d": "B",
    "A.I.3.iii.e": "B",
    "A.I.3.iii.f": "B",
    "A.I.3.iv.a": "B",
    "A.I.3.iv.b": "B",
    "A.I.3.iv.c": "B",  # A–D 0,67 0,67; A–E 0,75; d stays Ya
    "A.II.3.ii.a": "B",  # A/B/C 0,5
    "A.I.4.ii.d": "B",
    "A.I.4.ii.f": "B",
    "A.I.4.ii.g": "Tidak",
    "A.I.4.ii.h": "B",
    "A.II.4.ii.a": "C",
    "A.II.4.iii.a": "B",  # A–D 0,33; A–D 0,67
    "A.II.5.i.a": "C",  # A–E 0,5
    "A.I.5.ii.a": "B",
    "A.I.5.ii.b": "C",
    "A.I.5.ii.c": "B",
    "A.I.5.ii.d": "B",  # 0,75 0,5 0,5 0,5
    "A.I.5.v.a": "B",
    "A.I.5.v.b": "B",
    "A.I.5.v.c": "C",
    "A.I.5.v.d": "B",
    "A.I.5.v.e": "B",
    "A.II.6.i.a": "B",
    "A.II.6.ii.a": "B",  # A–D 0,67 each
    "A.I.6.ii.a": "B",
    "A.I.6.ii.b": "B",
    "A.I.6.ii.c": "C",
    "A.I.6.ii.d": "D",
    "A.I.6.ii.e": "B",
    "A.I.6.ii.f": "C",
    "A.I.6.iv.a": "B",
    "A.I.6.iv.b": "B",
    "A.I.6.iv.c": "B",  # A–E 0,75; A/B/C 0,5; A–D 0,67
}
MIX_COUNTS = {
    "A.II.1.i.a": {"jumlah_agen_perubahan": 10, "jumlah_perubahan_dibuat": 5},  # 5/10 = 0,5
    "A.II.1.i.b": {"jumlah_perubahan_dibuat": 5, "jumlah_perubahan_terintegrasi": 2},  # 2/5 = 0,4
    "A.II.3.iii.a": {  # (10 - 6)/10 = 0,4
        "jumlah_pelanggaran_tahun_sebelumnya": 10,
        "jumlah_pelanggaran_tahun_ini": 6,
        "jumlah_pelanggaran_diberi_sanksi": 6,
    },
    "A.II.4.i.a": {"jumlah_sasaran_kinerja": 8, "jumlah_sasaran_tercapai_100": 6},  # 6/8 = 0,75
    "A.II.5.ii.a": {  # 30/40 = 0,75
        "jumlah_harus_ditindaklanjuti": 40,
        "jumlah_sedang_diproses": 4,
        "jumlah_selesai_ditindaklanjuti": 30,
    },
    "A.II.5.iii.a": {"wajib_kepala_satker": 1, "wajib_pejabat_lhkpn": 4, "wajib_lainnya": 5, "sudah_melaporkan": 10},
    "A.II.5.iii.b": {  # 45/(5+10+35) = 0,9
        "wajib_administrator": 5,
        "wajib_pengawas": 10,
        "wajib_fungsional_pelaksana": 35,
        "sudah_melaporkan": 45,
    },
    "A.II.6.i.b": {"jumlah_layanan_terdata": 20, "jumlah_layanan_dipermudah": 12},  # 12/20 = 0,6
}
# Each area = its weight − the changed indicators' full weight + what they now give.
MP = 8 - 1.0 + 1.0 * (0.67 + 0.67 + 0.33) / 3 - 2.0 + 2.0 * (0.5 + 0.4) / 2 - 1.0 + 1.0 * 0.5  # 5.956667
MP_REFORM = 4 - 2.0 + 2.0 * (0.5 + 0.4) / 2 - 1.0 + 1.0 * 0.5  # 2.4 = exactly 60 % of 4
TT = 7 - 1.0 + 1.0 * (0.67 + 0.5 + 0.25) / 3 - 1.0 + 1.0 * (0.5 + 0.5) / 2 - 2.0 + 2.0 * (0.5 + 0.5 + 0.25) / 3
TT_REFORM = 3.5 - 1.0 + 1.0 * (0.5 + 0.5) / 2 - 2.0 + 2.0 * (0.5 + 0.5 + 0.25) / 3  # 1.833333 < 2.1
SDM = (
    10
    - 1.25
    + 1.25 * (1 + 0.67 + 0.33 + 0.67 + 0.67 + 0.5) / 6  # A.I.3.iii: 0.8
    - 2.0
    + 2.0 * (0.67 + 0.67 + 0.75 + 1) / 4  # A.I.3.iv: 1.545
    - 1.5
    + 1.5 * 0.5  # A.II.3.ii
    - 2.0
    + 2.0 * 0.4  # A.II.3.iii (pelanggaran turun 40 %)
)  # 7.145
AK = (
    10
    - 2.5
    + 2.5 * (1 + 1 + 1 + 0.67 + 1 + 0.5 + 0 + 0.5) / 8  # A.I.4.ii: 1.771875
    - 2.0
    + 2.0 * 0.75  # A.II.4.i
    - 1.5
    + 1.5 * 0.33  # A.II.4.ii
    - 1.5
    + 1.5 * 0.67  # A.II.4.iii
)  # 7.271875
PW = (
    15
    - 1.5
    + 1.5 * (0.75 + 0.5 + 0.5 + 0.5) / 4  # A.I.5.ii: 0.84375
    - 1.5
    + 1.5 * (0.67 + 0.67 + 0.33 + 0.5 + 0.5) / 5  # A.I.5.v: 0.801
    - 2.5
    + 2.5 * 0.5  # A.II.5.i
    - 3.0
    + 3.0 * 0.75  # A.II.5.ii
    - 2.0
    + (1.0 * 1.0 + 1.0 * 0.9)  # A.II.5.iii: printed sub-weights 1,00 + 1,00
)  # 11.54475
PP = (
    10
    - 1.0
    + 1.0 * (0.75 + 0.67 + 0.33 + 0 + 0.67 + 0.5) / 6  # A.I.6.ii: 0.486667
    - 1.0
    + 1.0 * (0.75 + 0.5 + 0.67) / 3  # A.I.6.iv: 0.64
    - 2.5
    + 2.5 * (0.67 + 0.6) / 2  # A.II.6.i: 1.5875
    - 2.5
    + 2.5 * 0.67  # A.II.6.ii
)  # 7.389167
PENGUNGKIT = MP + TT + SDM + AK + PW + PP  # 44.114125
HASIL = 3.6 / 4 * 17.5 + 0.5 * 5 + 3.3 / 4 * 17.5  # 15.75 + 2.5 + 14.4375 = 32.6875


def test_realistic_mix_lands_just_above_wbk(tmp_path, answer_file):
    answers = answer_file(
        tmp_path, MIX_LETTERS, MIX_COUNTS, {"ipak": 3.6, "capaian_kinerja": "C", "ipkp": 3.3}, {"sakip_instansi": "B"}
    )
    report = score(RULESET, answers)
    view = report.claimed
    assert [a.value for a in view.areas] == pytest.approx([MP, TT, SDM, AK, PW, PP])
    assert (MP, TT, SDM, AK, PW, PP) == pytest.approx((5.956667, 4.806667, 7.145, 7.271875, 11.54475, 7.389167))
    assert view.area(1).part("reform").value == pytest.approx(MP_REFORM)
    assert view.pengungkit == pytest.approx(PENGUNGKIT) == pytest.approx(44.114125)
    assert view.hasil == pytest.approx(HASIL) == pytest.approx(32.6875)
    assert view.total == pytest.approx(76.801625)  # 44.114125 + 32.6875: above 75, below 85
    check = check_predicates(RULESET, report, "WBK")
    wbk = check.result("WBK")
    assert wbk.passed and failed(check, "WBK") == set()
    # hasil bersih exactly at its minimum: 15,75 + 2,50 = 18,25 passes (≥)
    bersih = next(c for c in wbk.criteria if c.key == "hasil.bersih")
    assert bersih.value == pytest.approx(18.25) and bersih.passed
    # the separate reading (information only): TT reform 1,833 < 0,6 × 3,5 = 2,1; MP reform 2,4 = 2,4 passes
    separate = {c.key: c for c in wbk.criteria if not c.decisive}
    assert not separate["area.2.reform"].passed and separate["area.2.reform"].shortfall == pytest.approx(
        2.1 - TT_REFORM
    )
    assert separate["area.1.reform"].passed
    # WBBM: 76,80 < 85, 44,11 < 48, IPKP 14,44 < 15,75, capaian 2,5 < 3,75, and areas under 75 %
    assert failed(check, "WBBM") >= {"total", "pengungkit", "hasil.pelayanan", "hasil.capaian_kinerja", "area.1"}
    assert check.result("WBBM").prerequisites_status == "not_met"  # SAKIP instansi B < BB
    assert check.result("WBK").prerequisites_status == "met"


def test_fails_only_the_per_area_minimum(tmp_path, answer_file):
    letters = {"A.II.5.i.a": "E", "A.I.5.iv.a": "C", "A.I.5.iv.b": "C", "A.I.5.iv.c": "A"}
    counts = {
        "A.II.5.ii.a": {
            "jumlah_harus_ditindaklanjuti": 20,
            "jumlah_sedang_diproses": 5,
            "jumlah_selesai_ditindaklanjuti": 0,
        }
    }  # 0/20 = 0
    report = score(RULESET, answer_file(tmp_path, letters, counts))
    view = report.claimed
    # PW = 15 − 1,5 + 1,5 × (0 + 0 + 1)/3 − 2,5 × 1 (E = 0) − 3,0 × 1 (0 %) = 8,5 < 0,6 × 15 = 9
    pw = 15 - 1.5 + 1.5 * (0 + 0 + 1) / 3 - 2.5 - 3.0
    assert view.area(5).value == pytest.approx(pw) == pytest.approx(8.5)
    assert [p.value for p in view.area(5).parts] == pytest.approx([7.5 - 1.0, 7.5 - 5.5])  # 6,5 / 2,0
    assert view.pengungkit == pytest.approx(60 - 6.5) and view.total == pytest.approx(93.5)
    check = check_predicates(RULESET, report, "WBK")
    assert failed(check, "WBK") == {"area.5"}
    area5 = next(c for c in check.result("WBK").criteria if c.key == "area.5")
    assert area5.minimum == pytest.approx(9.0) and area5.shortfall == pytest.approx(0.5)
    # WBBM fails the area (8,5 < 11,25) and, because WBK is not reached, its requirement
    wbbm = check.result("WBBM")
    assert failed(check, "WBBM") == {"area.5"} and not wbbm.requires_met and not wbbm.passed
