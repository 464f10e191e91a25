"""The review chain is rule-set data: the shipped chains, their deadlines from the timeline, and the faults."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import zi_evidence_rulesets
from zi_evidence.rulesets import RulesetRegistry, RulesetValidationError, load_ruleset_file

DATA = Path(zi_evidence_rulesets.__file__).parent / "data"
IDS = ["permenpanrb-90-2021", "permenpanrb-10-2019", "permenkumham-29-2019"]


@pytest.fixture(scope="module")
def registry() -> RulesetRegistry:
    return RulesetRegistry([("rulesets", DATA / f"{i}.yaml") for i in IDS])


def test_national_chain_is_unit_then_tpi_due_31_may(registry: RulesetRegistry) -> None:
    rs = registry.get("permenpanrb-90-2021")
    assert [t.key for t in rs.tiers] == ["unit", "tpi"]
    unit, tpi = rs.tiers
    assert rs.tier_deadline(unit, 2026) is None  # the regulation gives the unit no date of its own
    assert rs.tier_deadline(tpi, 2026) == date(2026, 5, 31)
    assert "90/2021" in tpi.citation


def test_kemenkumham_chain_has_four_tiers_with_the_time_schedule_dates(registry: RulesetRegistry) -> None:
    rs = registry.get("permenkumham-29-2019")
    assert [t.key for t in rs.tiers] == ["unit", "kanwil", "eselon1", "tpi"]
    dates = {t.key: rs.tier_deadline(t, 2026) for t in rs.tiers}
    # penilaian pendahuluan by week 2 of March; the TPI's LKE in PMPZI by 31 May (inherited end date)
    assert dates == {"unit": None, "kanwil": None, "eselon1": date(2026, 3, 14), "tpi": date(2026, 5, 31)}
    assert all("Permenkumham 29/2019" in t.citation for t in rs.tiers)


def _load_changed(tmp_path: Path, change: Any) -> Any:
    doc = copy.deepcopy(yaml.safe_load((DATA / "permenpanrb-90-2021.yaml").read_text(encoding="utf-8")))
    change(doc)
    path = tmp_path / "ubah.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_ruleset_file(path)


def test_a_deadline_must_name_a_timeline_entry_with_an_end(tmp_path: Path) -> None:
    with pytest.raises(RulesetValidationError) as info:
        _load_changed(tmp_path, lambda d: d["tiers"][1].update(deadline="tidak_ada"))
    assert info.value.locations == ("$.tiers[1].deadline",)
    assert "tidak_ada" in str(info.value)


def test_tier_keys_are_unique_and_a_chain_has_two_tiers_at_least(tmp_path: Path) -> None:
    with pytest.raises(RulesetValidationError) as info:
        _load_changed(tmp_path, lambda d: d["tiers"][1].update(key="unit"))
    assert "$.tiers" in info.value.locations
    with pytest.raises(RulesetValidationError) as info:
        _load_changed(tmp_path, lambda d: d.update(tiers=d["tiers"][:1]))
    assert info.value.locations == ("$.tiers",)


def test_a_rule_set_without_tiers_gets_unit_then_tpi(tmp_path: Path) -> None:
    rs = _load_changed(tmp_path, lambda d: d.pop("tiers"))
    assert [t.key for t in rs.tiers] == ["unit", "tpi"]
    assert rs.tier_deadline(rs.tiers[1], 2027) == date(2027, 5, 31)
