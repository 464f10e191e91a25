"""The answers file: every problem is reported at once, in Indonesian, naming the question."""

from __future__ import annotations

import pytest

from zi_evidence.answers.model import check_answers, load_answers, parse_answers
from zi_evidence.errors import AnswersError, ZiError
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry

REGISTRY = RulesetRegistry.from_host(make_plugin_manager())
RS90 = REGISTRY.get("permenpanrb-90-2021")
RS19 = REGISTRY.get("permenpanrb-10-2019")


def problems(raw, ruleset=RS90):
    return check_answers(raw, ruleset)[1]


def test_short_and_long_forms_and_forgiving_letters():
    answers = parse_answers(
        {"jawaban": {"A.I.1.i.a": "ya", "A.I.1.i.b": {"jawaban": "b", "catatan": "SK tim 2026"}, "A.I.1.ii.a": True}},
        RS90,
    )
    assert answers.get("A.I.1.i.a").choice == "Ya"
    assert answers.get("A.I.1.i.b").choice == "B" and answers.get("A.I.1.i.b").note == "SK tim 2026"
    assert answers.get("A.I.1.ii.a").choice == "Ya"  # YAML true read as Ya


def test_letter_not_allowed_for_the_type_names_question_and_options():
    found = problems({"jawaban": {"A.I.1.i.b": "D", "A.I.1.i.a": "B"}})
    assert "pertanyaan A.I.1.i.b (A/B/C): jawaban 'D' tidak diizinkan; pilihan: A, B, C" in found
    assert any(p.startswith("pertanyaan A.I.1.i.a (Ya/Tidak)") and "Ya, Tidak" in p for p in found)


def test_unknown_question_and_unknown_key():
    found = problems({"jawaban": {"A.I.9.i.a": "Ya", "A.I.1.i.a": {"jawab": "Ya"}}})
    assert any("pertanyaan A.I.9.i.a: tidak ada di aturan permenpanrb-90-2021" in p for p in found)
    assert any(p.startswith("pertanyaan A.I.1.i.a:") and "jawab" in p for p in found)


def test_counts_that_make_no_sense():
    found = problems(
        {
            "jawaban": {
                "A.II.5.ii.a": {"input": {"jumlah_harus_ditindaklanjuti": 10, "jumlah_selesai_ditindaklanjuti": 12}},
                "A.II.4.i.a": {"input": {"jumlah_sasaran_kinerja": -1, "jumlah_sasaran_tercapai_100": 0}},
                "A.II.6.i.b": {"input": {"jumlah_layanan_terdata": 2.5, "jumlah_layanan_dipermudah": 1}},
                "A.II.1.i.a": {"input": {"jumlah_agen_perubahan": 4}},
                "A.II.1.i.b": {"input": {"jumlah_orang": 3}},
            }
        }
    )
    joined = "\n".join(found)
    assert "A.II.5.ii.a (%): jumlah_selesai_ditindaklanjuti (12) melebihi jumlah_harus_ditindaklanjuti (10)" in joined
    assert "A.II.4.i.a (%): jumlah_sasaran_kinerja = -1 tidak masuk akal" in joined
    assert "A.II.6.i.b (%): jumlah_layanan_terdata = 2.5 tidak masuk akal" in joined
    assert "A.II.1.i.a (%): input belum lengkap, isi juga jumlah_perubahan_dibuat" in joined
    assert "A.II.1.i.b (%): input 'jumlah_orang' tidak dikenal" in joined


def test_more_changes_than_agents_is_allowed():
    # one agent may make several changes: the ratio may exceed 1 (clamped when scored), it is no error
    assert (
        problems({"jawaban": {"A.II.1.i.a": {"input": {"jumlah_agen_perubahan": 4, "jumlah_perubahan_dibuat": 9}}}})
        == []
    )


def test_letter_on_a_percent_question_and_inputs_on_a_letter_question():
    found = problems({"jawaban": {"A.II.4.i.a": "A", "A.I.1.i.b": {"jawaban": "A", "input": {"x": 1}}}})
    assert any("A.II.4.i.a (%): pertanyaan persentase diisi lewat 'input'" in p for p in found)
    assert any("A.I.1.i.b (A/B/C): bukan pertanyaan persentase" in p for p in found)


def test_hasil_ranges_and_letters():
    found = problems({"hasil": {"ipak": 4.2, "ipkp": -0.1, "capaian_kinerja": "F", "survei": 3}})
    joined = "\n".join(found)
    assert "hasil ipak (Nilai Survei Persepsi Anti Korupsi (IPAK, survei eksternal)): skor survei 4,2 di luar" in joined
    assert "hasil ipkp" in joined and "-0,1 di luar rentang 0–4" in joined
    assert "hasil capaian_kinerja (Capaian Kinerja Lebih Baik dari Capaian Sebelumnya): jawaban 'F'" in joined
    assert "hasil survei: komponen tidak dikenal" in joined
    assert any(
        "hasil tlhp" in p and "persen 120 di luar rentang 0–100" in p for p in problems({"hasil": {"tlhp": 120}}, RS19)
    )


def test_prerequisites_options_and_ruleset_mismatch():
    found = problems(
        {"ruleset": "permenpanrb-10-2019", "prasyarat": {"opini": "WTP"}, "opsi": {"nilai_abcd": "bulat", "x": "y"}}
    )
    joined = "\n".join(found)
    assert "ruleset: berkas ini berisi jawaban untuk 'permenpanrb-10-2019'" in joined
    assert "prasyarat opini: tidak dikenal" in joined
    assert "opsi nilai_abcd: pilihan 'bulat' tidak dikenal; pilih dua_desimal, pertigaan_tepat" in joined
    assert "opsi x: tidak dikenal" in joined


def test_structure_errors_are_indonesian():
    found = problems({"jawaban": {"A.I.1.i.a": ["Ya"]}, "jenis_instansi": "bumn", "lain": 1})
    joined = "\n".join(found)
    assert "pertanyaan A.I.1.i.a: tulis huruf jawaban" in joined
    assert "jenis_instansi: nilai 'bumn' tidak diizinkan" in joined
    assert "berkas: kunci tidak dikenal: lain" in joined


def test_load_reports_every_problem_in_one_error(tmp_path):
    path = tmp_path / "jawaban-lke.yaml"
    path.write_text("jawaban:\n  A.I.1.i.b: D\n  A.I.1.i.a: Mungkin\n", encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answers(path, RS90)
    assert isinstance(caught.value, ZiError) and len(caught.value.problems) == 2
    assert "tidak valid (2 masalah)" in str(caught.value) and "A.I.1.i.b" in str(caught.value)
    path.write_text("jawaban: [\n", encoding="utf-8")
    with pytest.raises(AnswersError, match="YAML tidak dapat dibaca"):
        load_answers(path, RS90)
    with pytest.raises(AnswersError, match="answers template"):
        load_answers(tmp_path / "tidak-ada.yaml", RS90)


def test_empty_file_is_valid_and_unanswered():
    answers = parse_answers(None, RS90)
    assert answers.answers == {} and answers.hasil == {}
