"""The three shipped rule sets: valid, complete, and every number adds up and says where it comes from."""

from __future__ import annotations

import math
from pathlib import Path

import jsonschema
import pytest
import yaml

import zi_evidence_rulesets
from zi_evidence.rulesets import Ruleset, RulesetRegistry, load_ruleset_file
from zi_evidence.rulesets.validate import ruleset_schema, schema_problems

DATA = Path(zi_evidence_rulesets.__file__).parent / "data"
IDS = ["permenpanrb-90-2021", "permenpanrb-10-2019", "permenkumham-29-2019"]


@pytest.fixture(scope="module")
def rulesets() -> dict[str, Ruleset]:
    registry = RulesetRegistry([("rulesets", DATA / f"{i}.yaml") for i in IDS])
    return {i: registry.get(i) for i in IDS}


def test_schema_is_a_valid_2020_12_schema_shipped_in_the_package() -> None:
    schema = ruleset_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")


def test_plugin_returns_existing_files() -> None:
    paths = zi_evidence_rulesets.register_rulesets()
    assert [p.stem for p in paths] == IDS and all(p.is_file() for p in paths)


@pytest.mark.parametrize("ruleset_id", IDS)
def test_file_matches_schema_and_loads(ruleset_id: str) -> None:
    path = DATA / f"{ruleset_id}.yaml"
    assert schema_problems(yaml.safe_load(path.read_text(encoding="utf-8"))) == []
    assert load_ruleset_file(path).id == ruleset_id  # the parent is found next to the file


def test_question_counts(rulesets: dict[str, Ruleset]) -> None:
    rs = rulesets["permenpanrb-90-2021"]
    assert len(rs.questions) == 110
    assert sum(q.part == "pemenuhan" for q in rs.questions) == 87
    assert sum(q.part == "reform" for q in rs.questions) == 23
    assert len(rulesets["permenpanrb-10-2019"].questions) == 81
    assert len(rulesets["permenkumham-29-2019"].questions) == 81


@pytest.mark.parametrize("ruleset_id", IDS)
def test_weights_add_up(rulesets: dict[str, Ruleset], ruleset_id: str) -> None:
    rs = rulesets[ruleset_id]
    assert [a.number for a in rs.areas] == [1, 2, 3, 4, 5, 6]
    assert math.isclose(sum(a.weight for a in rs.areas), 60.0)
    assert math.isclose(sum(g.weight for g in rs.hasil), 40.0)
    for group in rs.hasil:
        assert math.isclose(sum(c.weight for c in group.components), group.weight)
    for area in rs.areas:
        assert math.isclose(sum(i.weight for i in rs.indicators_of(area.number)), area.weight)
        for part, weight in area.part_weights.items():
            assert math.isclose(sum(i.weight for i in rs.indicators_of(area.number, part)), weight)


def test_national_2021_numbers(rulesets: dict[str, Ruleset]) -> None:
    rs = rulesets["permenpanrb-90-2021"]
    assert [a.weight for a in rs.areas] == [8, 7, 10, 10, 15, 10]
    assert all(a.part_weights == {"pemenuhan": a.weight / 2, "reform": a.weight / 2} for a in rs.areas)
    assert [(p.key, p.weight) for p in rs.parts] == [("pemenuhan", 30.0), ("reform", 30.0)]
    assert {c.key: c.weight for g in rs.hasil for c in g.components} == {
        "ipak": 17.5,
        "capaian_kinerja": 5.0,
        "ipkp": 17.5,
    }
    assert rs.hasil_item("capaian_kinerja").answer_type == "abcde"
    deadline = next(t for t in rs.timeline if t.deadline)
    assert (deadline.end.month, deadline.end.day) == (5, 31)


def test_national_2019_numbers(rulesets: dict[str, Ruleset]) -> None:
    rs = rulesets["permenpanrb-10-2019"]
    assert [a.weight for a in rs.areas] == [5, 5, 15, 10, 15, 10]
    assert not rs.parts and all(not a.part_weights for a in rs.areas)
    assert {c.key: c.weight for g in rs.hasil for c in g.components} == {"ipak": 15.0, "tlhp": 5.0, "ipkp": 20.0}
    wbbm = rs.threshold("WBBM")
    assert wbbm.criterion("hasil.bersih").min == 18.5 and "18,88" in wbbm.criterion("hasil.bersih").note
    assert wbbm.criterion("hasil.pelayanan").min == 18.0
    assert rs.threshold("WBK").criterion("hasil.pelayanan").min == 16.0
    assert rs.confidence["bobot_indikator"].startswith("sedang")


def test_ids_match_positions(rulesets: dict[str, Ruleset]) -> None:
    """Evidence is mapped by (part, area, ordinal, letter): the LKE id must say the same thing."""
    roman = ["i", "ii", "iii", "iv", "v", "vi"]
    for rs in rulesets.values():
        for q in rs.questions:
            indicator = rs.indicator(q.indicator_id)
            assert q.id == f"{indicator.id}.{q.letter}"
            assert indicator.ordinal == q.indicator_ordinal
            last = indicator.id.rsplit(".", 1)[-1]
            assert last in (roman[indicator.ordinal - 1], str(indicator.ordinal))
            assert rs.question_at(q.area, q.indicator_ordinal, q.letter, q.part) is q
    rs = rulesets["permenpanrb-90-2021"]
    assert rs.question_at(1, 3, "b", "pemenuhan").id == "A.I.1.iii.b"
    assert rs.question_at(5, 3, "b", "reform").id == "A.II.5.iii.b"
    assert rs.question("A.I.6.v.b").printed_letter == "c"


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        ("WBK", {"total": 75, "pengungkit": 40, "hasil.bersih": 18.25, "hasil.ipak": 15.75, "hasil.pelayanan": 14.0}),
        ("WBBM", {"total": 85, "pengungkit": 48, "hasil.bersih": 19.5, "hasil.ipak": 15.75, "hasil.pelayanan": 15.75}),
    ],
)
def test_2021_thresholds(rulesets: dict[str, Ruleset], predicate: str, expected: dict[str, float]) -> None:
    threshold = rulesets["permenpanrb-90-2021"].threshold(predicate)
    for target, minimum in expected.items():
        assert threshold.criterion(target).min == minimum
    assert threshold.criterion("area").min_ratio == (0.6 if predicate == "WBK" else 0.75)


@pytest.mark.parametrize("ruleset_id", IDS)
def test_thresholds_agree_with_survey_formulas(rulesets: dict[str, Ruleset], ruleset_id: str) -> None:
    """3.60/4 × 17.5 = 15.75 and friends: a minimum and its survey score must be the same number."""
    rs = rulesets[ruleset_id]
    checked = 0
    for threshold in rs.thresholds:
        for c in threshold.criteria:
            if c.min_score is None:
                continue
            item = rs.hasil_item(c.target.removeprefix("hasil."))
            component = item if not hasattr(item, "components") else item.components[0]
            scale = rs.answer_types[component.answer_type].scale_max
            assert math.isclose(c.min_score / scale * component.weight, c.min, abs_tol=0.005)
            checked += 1
    assert checked >= 4
    for threshold in rs.thresholds:
        bersih = threshold.criterion("hasil.bersih")
        parts = [threshold.criterion(f"hasil.{k}") for k in ("ipak", "capaian_kinerja", "tlhp")]
        if bersih and all(p is None or p.min is not None for p in parts) and any(parts):
            assert math.isclose(sum(p.min for p in parts if p), bersih.min)


@pytest.mark.parametrize("ruleset_id", IDS)
def test_every_number_has_a_citation(rulesets: dict[str, Ruleset], ruleset_id: str) -> None:
    rs = rulesets[ruleset_id]
    cited = [*rs.areas, *rs.indicators, *rs.questions, *rs.hasil, *rs.parts, *rs.prerequisites, *rs.timeline, *rs.tiers]
    cited += [c for g in rs.hasil for c in g.components]
    cited += [*rs.thresholds, *(c for t in rs.thresholds for c in t.criteria)]
    cited += [*rs.answer_types.values(), *rs.options.values()]
    cited += [q.formula for q in rs.questions if q.formula]
    for item in cited:
        assert item.citation.strip(), item
    for holder in [*rs.indicators, *rs.questions]:
        for evidence in holder.evidence:
            assert evidence.citation.strip() and evidence.severity != "error"


def test_percent_formulas_2021(rulesets: dict[str, Ruleset]) -> None:
    rs = rulesets["permenpanrb-90-2021"]
    with_formula = [q.id for q in rs.questions if q.formula]
    assert with_formula == [q.id for q in rs.questions if q.answer_type == "persen"]
    assert len(with_formula) == 8
    disiplin = rs.question("A.II.3.iii.a").formula
    assert disiplin.evaluate(
        {"jumlah_pelanggaran_tahun_sebelumnya": 10, "jumlah_pelanggaran_tahun_ini": 4}
    ) == pytest.approx(0.6)
    assert "pelanggaran_nol_tahun_lalu" in disiplin.related_options
    pengaduan = rs.question("A.II.5.ii.a").formula
    counts = {"jumlah_harus_ditindaklanjuti": 10, "jumlah_sedang_diproses": 2, "jumlah_selesai_ditindaklanjuti": 6}
    assert pengaduan.evaluate(counts) == pytest.approx(0.6)
    assert pengaduan.evaluate(counts, "selesai_per_diproses_selesai") == pytest.approx(0.75)
    assert [q.weight for q in rs.questions_of("A.II.5.iii")] == [1.0, 1.0]


def test_ambiguities_are_explicit_options(rulesets: dict[str, Ruleset]) -> None:
    rs = rulesets["permenpanrb-90-2021"]
    assert {k: o.default for k, o in rs.options.items()} == {
        "nilai_abcd": "dua_desimal",
        "ambang_per_area": "gabungan",
        "batas_persen": "potong_0_1",
        "rumus_penanganan_pengaduan": "selesai_per_harus",
        "pelanggaran_nol_tahun_lalu": "tidak_terdefinisi",
    }
    abcd = rs.answer_types["abcd"]
    assert abcd.values_for()["B"] == 0.67
    assert abcd.values_for("pertigaan_tepat")["B"] == pytest.approx(2 / 3)


def test_kemenkumham_extends_and_derives(rulesets: dict[str, Ruleset]) -> None:
    rs, national = rulesets["permenkumham-29-2019"], rulesets["permenpanrb-10-2019"]
    assert rs.extends == "permenpanrb-10-2019" and rs.lineage == ("permenkumham-29-2019", "permenpanrb-10-2019")
    assert [a.weight for a in rs.areas] == [8, 7, 10, 10, 15, 10]
    for indicator in rs.indicators:
        old = national.indicator(indicator.id)
        factor = rs.area(indicator.area).weight / national.area(indicator.area).weight
        assert indicator.weight == pytest.approx(old.weight * factor)
        assert indicator.weight_derived and "Diturunkan" in indicator.weight_note
        assert indicator.evidence and "Permenkumham 29/2019" in indicator.evidence[0].citation
    assert rs.indicator("A.1.3").weight == pytest.approx(3.2)
    bersih = rs.hasil_item("bersih")
    assert bersih.weight == 20.0 and bersih.weight_basis == "assumed" and "kosong" in bersih.note
    screening = next(t for t in rs.thresholds if t.stage == "seleksi_internal")
    assert (screening.criterion("hasil.bersih").min, screening.criterion("hasil.pelayanan").min) == (18.5, 16.0)
    assert [t.key for t in rs.timeline][:2] == ["survei_elektronik", "hasil_survei"]
    assert any(t.key == "pengajuan_pmpzi" and t.end.day == 31 for t in rs.timeline)
    # inherited evidence keeps the parent's citation; the questions are the national ones
    assert rs.questions == national.questions or [q.id for q in rs.questions] == [q.id for q in national.questions]
