"""The LKE workbook: exported with openpyxl, filled in like a team does in Excel, imported back."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from zi_evidence.answers.model import Answer, Answers
from zi_evidence.answers.workbook import export_xlsx, import_xlsx
from zi_evidence.errors import AnswersError
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry

REGISTRY = RulesetRegistry.from_host(make_plugin_manager())


def sample(ruleset):
    given = {}
    for n, question in enumerate(ruleset.questions):
        if question.formula is not None:
            inputs = {i.name: 8 if "harus" in i.name else 2 for i in question.formula.inputs}
            given[question.id] = Answer(question.id, inputs=inputs)
        elif n % 4:
            kind = ruleset.answer_types[question.answer_type]
            given[question.id] = Answer(question.id, list(kind.values)[n % len(kind.values)], note=f"catatan {n}")
    hasil = {"ipak": 3.61, "ipkp": 3.2} | ({"capaian_kinerja": "B"} if ruleset.is_split else {"tlhp": 95})
    facts = {
        "opini_bpk": "WTP",
        "lhkpn_lhkasn": {"lhkpn": 100, "lhkasn": 98.5},
        next(p.key for p in ruleset.prerequisites if p.key in ("layanan_utama", "pelayanan_strategis")): True,
    }
    return Answers(given, hasil, facts, {"nilai_abcd": "pertigaan_tepat"}, ruleset.id, "kl")


def rows(path):
    sheet = load_workbook(path)["LKE"]
    return {row[7]: row for row in sheet.iter_rows(min_row=6, values_only=True) if row[7]}


@pytest.mark.parametrize("ruleset_id", ["permenpanrb-90-2021", "permenpanrb-10-2019", "permenkumham-29-2019"])
def test_export_then_import_gives_the_same_answers(tmp_path, ruleset_id):
    ruleset = REGISTRY.get(ruleset_id)
    answers = sample(ruleset)
    path = tmp_path / "LKE.xlsx"
    export_xlsx(ruleset, answers, path)
    back = import_xlsx(path, ruleset)
    assert back.answers == answers.answers
    assert (back.hasil, back.prerequisites, back.options, back.institution_kind, back.ruleset) == (
        answers.hasil,
        answers.prerequisites,
        answers.options,
        "kl",
        ruleset.id,
    )


def test_workbook_has_the_lke_layout(tmp_path):
    ruleset = REGISTRY.get("permenpanrb-90-2021")
    path = tmp_path / "LKE.xlsx"
    export_xlsx(ruleset, sample(ruleset), path)
    sheet = load_workbook(path)["LKE"]
    assert [c.value for c in sheet[5]] == [
        "Kode",
        "Komponen / Pertanyaan",
        "Jenis jawaban",
        "Bobot",
        "Jawaban",
        "Nilai",
        "Catatan",
        "Kunci",
    ]
    codes = [row[0] for row in sheet.iter_rows(min_row=6, values_only=True)]
    # pengungkit, I. pemenuhan areas 1–6, then II. reform, then the combined recap, hasil, prerequisites
    assert codes.index("A.I") < codes.index("A.I.1") < codes.index("A.I.1.i.a") < codes.index("A.II")
    assert codes.index("A.II.5.ii.a") < codes.index("B") < codes.index("C")
    by_key = rows(path)
    question = by_key["q:A.I.1.i.b"]  # 0,50 over two questions; B under A/B/C = 0,5
    assert question[3] == pytest.approx(0.25) and question[4] == "B" and question[5] == pytest.approx(0.5)
    assert by_key["in:A.II.5.ii.a:jumlah_harus_ditindaklanjuti"][4] == 8
    assert by_key["h:ipak"][5] == pytest.approx(3.61 / 4 * 17.5)
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert {'"Ya,Tidak"', '"A,B,C"', '"A,B,C,D"', '"A,B,C,D,E"'} <= lists


def test_team_edits_in_excel_are_imported(tmp_path):
    ruleset = REGISTRY.get("permenpanrb-90-2021")
    path = tmp_path / "LKE.xlsx"
    export_xlsx(ruleset, Answers(), path)  # a blank LKE to fill in
    book = load_workbook(path)
    sheet = book["LKE"]
    for row in sheet.iter_rows(min_row=6):
        key = row[7].value
        if key == "q:A.I.1.i.b":
            row[4].value, row[6].value = "a", "seleksi terbuka"
        elif key == "in:A.II.4.i.a:jumlah_sasaran_kinerja":
            row[4].value = 10
        elif key == "in:A.II.4.i.a:jumlah_sasaran_tercapai_100":
            row[4].value = "7"
        elif key == "h:capaian_kinerja":
            row[4].value = "C"
        elif key == "p:lama_pembangunan":
            row[4].value = "1,5"
        elif key == "p:layanan_utama":
            row[4].value = "Ya"
        elif row[0].value == "A.I.1.i.a":
            row[7].value = None  # a cleared key cell: the Kode column still names the question
            row[4].value = "Ya"
    book.save(path)
    answers = import_xlsx(path, ruleset)
    assert answers.get("A.I.1.i.b") == Answer("A.I.1.i.b", "A", note="seleksi terbuka")
    assert answers.get("A.I.1.i.a").choice == "Ya"
    assert answers.get("A.II.4.i.a").inputs == {"jumlah_sasaran_kinerja": 10, "jumlah_sasaran_tercapai_100": 7}
    assert answers.hasil == {"capaian_kinerja": "C"}
    assert answers.prerequisites == {"lama_pembangunan": 1.5, "layanan_utama": True}


def test_wrong_answers_in_the_workbook_name_the_question(tmp_path):
    ruleset = REGISTRY.get("permenpanrb-90-2021")
    path = tmp_path / "LKE.xlsx"
    export_xlsx(ruleset, Answers(), path)
    book = load_workbook(path)
    for row in book["LKE"].iter_rows(min_row=6):
        if row[7].value == "q:A.I.1.iv.c":
            row[4].value = "D"
        if row[7].value == "h:ipkp":
            row[4].value = 5
    book.save(path)
    with pytest.raises(AnswersError) as caught:
        import_xlsx(path, ruleset)
    message = str(caught.value)
    assert "pertanyaan A.I.1.iv.c (A/B/C): jawaban 'D' tidak diizinkan" in message
    assert "hasil ipkp" in message and "di luar rentang 0–4" in message
    (tmp_path / "bukan.xlsx").write_text("bukan workbook", encoding="utf-8")
    with pytest.raises(AnswersError, match="bukan berkas XLSX"):
        import_xlsx(tmp_path / "bukan.xlsx", ruleset)
