"""The documented ambiguities are options, each reading computed as the rule set declares it."""

from __future__ import annotations

import pytest

from zi_evidence.answers.model import parse_answers
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry
from zi_evidence.scoring import ScoringError, check_predicates, resolve_options, score

REGISTRY = RulesetRegistry.from_host(make_plugin_manager())
RS90 = REGISTRY.get("permenpanrb-90-2021")
RS19 = REGISTRY.get("permenpanrb-10-2019")


def question(report, qid, view="claimed"):
    return report.view(view).question(qid)


def test_defaults_are_the_regulation_readings():
    assert resolve_options(RS90) == {
        "nilai_abcd": "dua_desimal",
        "ambang_per_area": "gabungan",
        "batas_persen": "potong_0_1",
        "rumus_penanganan_pengaduan": "selesai_per_harus",
        "pelanggaran_nol_tahun_lalu": "tidak_terdefinisi",
    }
    assert resolve_options(RS19) == {"nilai_abcd": "dua_desimal"}


def test_a_to_d_two_decimals_or_exact_thirds():
    answers = parse_answers({"jawaban": {"A.I.1.iii.a": "B", "A.I.1.iii.b": "C", "A.I.1.iii.c": "A"}}, RS90)
    default = score(RS90, answers)
    # 1,0 × (0,67 + 0,33 + 1)/3 = 0,666667
    assert default.claimed.area(1).indicators[2].value == pytest.approx(1.0 * (0.67 + 0.33 + 1) / 3)
    thirds = score(RS90, answers, options={"nilai_abcd": "pertigaan_tepat"})
    assert question(thirds, "A.I.1.iii.a").value == pytest.approx(2 / 3)
    assert thirds.claimed.area(1).indicators[2].value == pytest.approx(1.0 * (2 / 3 + 1 / 3 + 1) / 3)
    # the same choice may come from the answers file's opsi (the caller's options still win)
    chosen = parse_answers({"opsi": {"nilai_abcd": "pertigaan_tepat"}, "jawaban": {"A.I.1.iii.a": "B"}}, RS90)
    assert question(score(RS90, chosen), "A.I.1.iii.a").value == pytest.approx(2 / 3)
    overridden = score(RS90, chosen, options={"nilai_abcd": "dua_desimal"})
    assert question(overridden, "A.I.1.iii.a").value == pytest.approx(0.67)
    assert score(RS19, parse_answers({"jawaban": {"A.1.3.a": "C"}}, RS19)).claimed.question("A.1.3.a").value == 0.33


def test_percent_is_clamped_unless_the_option_says_otherwise():
    answers = parse_answers(
        {
            "jawaban": {
                "A.II.1.i.a": {"input": {"jumlah_agen_perubahan": 4, "jumlah_perubahan_dibuat": 6}},  # 6/4 = 1,5
                "A.II.3.iii.a": {  # (2 − 5)/2 = −1,5: more violations than last year
                    "input": {"jumlah_pelanggaran_tahun_sebelumnya": 2, "jumlah_pelanggaran_tahun_ini": 5}
                },
            }
        },
        RS90,
    )
    clamped = score(RS90, answers)
    assert question(clamped, "A.II.1.i.a").ratio == pytest.approx(1.5)
    assert question(clamped, "A.II.1.i.a").value == 1.0 and "dipotong" in question(clamped, "A.II.1.i.a").remark
    assert question(clamped, "A.II.3.iii.a").value == 0.0
    raw = score(RS90, answers, options={"batas_persen": "tanpa_batas"})
    assert question(raw, "A.II.1.i.a").value == pytest.approx(1.5)
    assert question(raw, "A.II.3.iii.a").value == pytest.approx(-1.5)


def test_complaint_formula_variant():
    counts = {"jumlah_harus_ditindaklanjuti": 40, "jumlah_sedang_diproses": 10, "jumlah_selesai_ditindaklanjuti": 20}
    answers = parse_answers({"jawaban": {"A.II.5.ii.a": {"input": counts}}}, RS90)
    assert question(score(RS90, answers), "A.II.5.ii.a").value == pytest.approx(20 / 40)  # selesai ÷ harus
    other = score(RS90, answers, options={"rumus_penanganan_pengaduan": "selesai_per_diproses_selesai"})
    assert question(other, "A.II.5.ii.a").value == pytest.approx(20 / (10 + 20))
    # the indicator is 3,00 × that value
    assert other.claimed.area(5).indicators[-2].value == pytest.approx(3.0 * 20 / 30)


def test_no_violations_last_year():
    zero = {"jumlah_pelanggaran_tahun_sebelumnya": 0, "jumlah_pelanggaran_tahun_ini": 0}
    answers = parse_answers({"jawaban": {"A.II.3.iii.a": {"input": zero}}}, RS90)
    undefined = question(score(RS90, answers), "A.II.3.iii.a")
    assert undefined.value == 0.0 and "pembagi 0" in undefined.remark and undefined.status == "answered"
    assessed = parse_answers({"jawaban": {"A.II.3.iii.a": {"input": zero, "nilai": 0.8}}}, RS90)
    assert question(score(RS90, assessed), "A.II.3.iii.a").value == pytest.approx(0.8)
    full = score(RS90, answers, options={"pelanggaran_nol_tahun_lalu": "penuh_jika_tetap_nihil"})
    assert question(full, "A.II.3.iii.a").value == 1.0  # 0 last year and still 0
    worse = parse_answers({"jawaban": {"A.II.3.iii.a": {"input": {**zero, "jumlah_pelanggaran_tahun_ini": 2}}}}, RS90)
    assert (
        question(
            score(RS90, worse, options={"pelanggaran_nol_tahun_lalu": "penuh_jika_tetap_nihil"}), "A.II.3.iii.a"
        ).value
        == 0.0
    )


def test_per_area_reading_option_decides_which_minimum_counts(lke):
    jawaban = lke.best_answers(RS90, lke.FULL_COUNTS_90)
    jawaban["A.II.5.i.a"] = "E"  # 2,5 × 0
    jawaban["A.II.5.ii.a"] = {"input": {"jumlah_harus_ditindaklanjuti": 10, "jumlah_selesai_ditindaklanjuti": 0}}
    answers = parse_answers({"jawaban": jawaban, "hasil": {"ipak": 4, "capaian_kinerja": "A", "ipkp": 4}}, RS90)
    report = score(RS90, answers)
    area5 = report.claimed.area(5)
    # reform 7,5 − 2,5 − 3,0 = 2,0 < 0,6 × 7,5 = 4,5; combined 7,5 + 2,0 = 9,5 ≥ 0,6 × 15 = 9
    assert area5.value == pytest.approx(9.5) and area5.part("reform").value == pytest.approx(2.0)
    assert check_predicates(RS90, report).result("WBK").passed
    separate = score(RS90, answers, options={"ambang_per_area": "terpisah"})
    check = check_predicates(RS90, separate)
    assert check.area_rule == "terpisah" and not check.result("WBK").passed
    assert {c.key for c in check.result("WBK").failed} == {"area.5.reform"}
    combined = next(c for c in check.result("WBK").criteria if c.key == "area.5")
    assert combined.passed and not combined.decisive  # shown, not deciding


def test_unknown_options_are_errors_not_silence():
    with pytest.raises(ScoringError, match="Opsi 'batas_persen' tidak dikenal oleh aturan permenpanrb-10-2019"):
        resolve_options(RS19, {"batas_persen": "tanpa_batas"})
    with pytest.raises(ScoringError, match="Pilihan 'x'"):
        resolve_options(RS90, {"nilai_abcd": "x"})
    with pytest.raises(ScoringError, match="Predikat target"):
        check_predicates(RS90, score(RS90, parse_answers({}, RS90)), "WBBB")
