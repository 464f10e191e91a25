"""Loading rule-set files from disk: faults name the file and the JSON path, ``extends`` merges and derives."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import zi_evidence_rulesets
from zi_evidence.errors import RulesetError
from zi_evidence.rulesets import RulesetValidationError, load_ruleset_file

DATA = Path(zi_evidence_rulesets.__file__).parent / "data"


def shipped(ruleset_id: str) -> dict[str, Any]:
    return yaml.safe_load((DATA / f"{ruleset_id}.yaml").read_text(encoding="utf-8"))


def write(folder: Path, name: str, doc: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def broken(tmp_path: Path, change: Any, ruleset_id: str = "permenpanrb-10-2019") -> RulesetValidationError:
    doc = copy.deepcopy(shipped(ruleset_id))
    change(doc)
    path = write(tmp_path, "rusak.yaml", doc)
    with pytest.raises(RulesetValidationError) as info:
        load_ruleset_file(path)
    assert str(path) in str(info.value) and "docs/rulesets.md" in str(info.value)
    return info.value


def test_wrong_type_names_file_and_json_path(tmp_path: Path) -> None:
    error = broken(tmp_path, lambda d: d["areas"][2].update(weight="sepuluh"))
    assert error.locations == ("$.areas[2].weight",)
    assert "harus berupa angka" in str(error)


def test_weights_that_do_not_add_up(tmp_path: Path) -> None:
    error = broken(tmp_path, lambda d: d["areas"][2].update(weight=16))
    assert "$.areas[2].weight" in error.locations and "$.areas" in error.locations
    assert "jumlah bobot indikator area 3 = 15,00" in str(error)


def test_split_part_weights_are_checked(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["indicators"][0]["weight"] = 0.75  # A.I.1.i: pemenuhan of area 1 now 4.25

    error = broken(tmp_path, change, "permenpanrb-90-2021")
    assert error.locations == ("$.areas[0].part_weights.pemenuhan",)


def test_misspelt_key_and_missing_citation(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["areas"][0]["wieght"] = doc["areas"][0].pop("weight")
        del doc["indicators"][1]["citation"]

    error = broken(tmp_path, change)
    assert set(error.locations) == {"$.areas[0]", "$.indicators[1]"}
    text = str(error)
    assert "kolom tidak dikenal 'wieght'" in text and "kolom wajib 'weight' belum diisi" in text
    assert "$.indicators[1]: kolom wajib 'citation' belum diisi" in text


def test_threshold_must_agree_with_survey_score(tmp_path: Path) -> None:
    error = broken(tmp_path, lambda d: d["thresholds"]["wbk"]["criteria"][4].update(min=14.0))
    assert error.locations == ("$.thresholds.wbk.criteria[4].min",)
    assert "3,60 / 4,00 × 15,00 = 13,50" in str(error)


def test_question_ids_follow_their_position(tmp_path: Path) -> None:
    error = broken(tmp_path, lambda d: d["indicators"][0]["questions"].pop(0))
    assert error.locations[0] == "$.indicators[0].questions[0].id"


def test_indicator_id_must_carry_its_ordinal(tmp_path: Path) -> None:
    error = broken(tmp_path, lambda d: d["indicators"][2].update(id="A.I.1.ii"), "permenpanrb-90-2021")
    assert "$.indicators[2].id" in error.locations


def test_formula_may_only_use_its_inputs(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        question = next(q for i in doc["indicators"] for q in i["questions"] if q["id"] == "A.II.4.i.a")
        question["formula"]["expression"] = "__import__('os').system('true')"

    error = broken(tmp_path, change, "permenpanrb-90-2021")
    assert any(path.endswith(".formula.expression") for path in error.locations)


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "salah.yaml"
    path.write_text("format: 1\nid: contoh\nareas:\n  - number: 1\n   name: x\n", encoding="utf-8")
    with pytest.raises(RulesetError, match=r"salah\.yaml baris 5"):
        load_ruleset_file(path)


def test_extends_overrides_and_rescales(tmp_path: Path) -> None:
    shutil.copy(DATA / "permenpanrb-10-2019.yaml", tmp_path)
    child = {
        "format": 1,
        "id": "kementerian-contoh",
        "extends": "permenpanrb-10-2019",
        "name": "Contoh kementerian",
        "regulation": "Peraturan Menteri Contoh 1/2024",
        "derive": {"rescale_to_area_weights": True},
        "areas": [
            {"number": 1, "weight": 10, "citation": "Permen Contoh Tabel 1"},
            {"number": 3, "weight": 10, "citation": "Permen Contoh Tabel 1"},
        ],
        "indicators": [
            {"id": "A.1.1", "evidence_append": ["foto pelantikan tim"]},
            {"id": "A.1.2", "weight": 3.0, "citation": "Permen Contoh Tabel 2"},
            {"id": "A.1.3", "weight": 4.0, "citation": "Permen Contoh Tabel 2"},
            {"id": "A.1.4", "weight": 1.0, "citation": "Permen Contoh Tabel 2"},
        ],
        "timeline": {"pengajuan_pmpzi": {"end": {"month": 4, "day": 30}}},
        "options": {"nilai_abcd": {"default": "pertigaan_tepat"}},
    }
    rs = load_ruleset_file(write(tmp_path, "contoh.yaml", child))
    assert rs.lineage == ("kementerian-contoh", "permenpanrb-10-2019")
    assert [a.weight for a in rs.areas] == [10, 5, 10, 10, 15, 10]
    tim = rs.indicator("A.1.1")
    assert tim.weight == pytest.approx(2.0) and tim.weight_derived and "× bobot area 1" in tim.weight_note
    assert tim.evidence[-1].description == "foto pelantikan tim" and len(tim.evidence) == 5
    assert tim.evidence[-1].citation != tim.evidence[0].citation  # own citation vs the parent's
    assert rs.indicator("A.1.2").weight == 3.0 and not rs.indicator("A.1.2").weight_derived
    assert rs.indicator("A.3.4").weight == pytest.approx(4 * 10 / 15)
    assert rs.indicator("A.4.1").weight_basis == "stated"  # area 4 was not touched
    assert rs.timeline[-1].end.month == 4 and rs.timeline[-1].deadline  # patched, the rest inherited
    assert rs.option_default("nilai_abcd") == "pertigaan_tepat"
    assert len(rs.questions) == 81


def test_extends_problems_are_reported(tmp_path: Path) -> None:
    shutil.copy(DATA / "permenpanrb-10-2019.yaml", tmp_path)
    child = {"format": 1, "id": "anak", "extends": "permenpanrb-10-2019", "name": "Anak", "regulation": "x" * 5}
    bad_area = dict(child, areas=[{"number": 1, "weight": 9, "citation": "Tabel"}])  # no rescale: sums break
    with pytest.raises(RulesetValidationError, match="induk 'permenpanrb-10-2019'") as info:
        load_ruleset_file(write(tmp_path, "anak.yaml", bad_area))
    assert "$.areas[0].weight" in info.value.locations
    unknown = dict(child, extends="tidak-ada")
    with pytest.raises(RulesetError, match="'tidak-ada'.*tidak ditemukan"):
        load_ruleset_file(write(tmp_path, "anak.yaml", unknown))
    loop = dict(child, id="permenpanrb-10-2019-loop", extends="permenpanrb-10-2019-loop")
    write(tmp_path, "permenpanrb-10-2019-loop.yaml", loop)
    with pytest.raises(RulesetError, match="melingkar"):
        load_ruleset_file(tmp_path / "permenpanrb-10-2019-loop.yaml")


def test_resolver_supplies_parent(tmp_path: Path) -> None:
    child = {"format": 1, "id": "anak", "extends": "induk", "name": "Anak", "regulation": "Contoh 1/2024"}
    parent = dict(shipped("permenpanrb-90-2021"), id="induk")
    rs = load_ruleset_file(write(tmp_path, "anak.yaml", child), resolve={"induk": parent}.get)
    assert rs.extends == "induk" and len(rs.questions) == 110
