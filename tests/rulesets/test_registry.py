"""The registry: rule sets come from plugins through ``register_rulesets``, one id per rule set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import zi_evidence_rulesets
from zi_evidence import hookimpl
from zi_evidence.errors import PluginError, RulesetError
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import DEFAULT_RULESET, RulesetRegistry

DATA = Path(zi_evidence_rulesets.__file__).parent / "data"
SHIPPED = ["permenkumham-29-2019", "permenpanrb-10-2019", "permenpanrb-90-2021"]


class FilesPlugin:
    """A stand-in third-party plugin contributing the given files."""

    def __init__(self, *paths: Path) -> None:
        self.paths = list(paths)

    @hookimpl
    def register_rulesets(self) -> list[Path]:
        return self.paths


def test_real_plugin_host_lists_the_shipped_rule_sets() -> None:
    registry = RulesetRegistry.from_host(make_plugin_manager())
    assert set(SHIPPED) <= set(registry.ids())
    assert DEFAULT_RULESET in registry.ids()
    assert registry.plugin_of("permenpanrb-90-2021") == "rulesets"
    assert registry.path_of("permenkumham-29-2019") == DATA / "permenkumham-29-2019.yaml"
    kumham = registry.get("permenkumham-29-2019")
    assert kumham.extends == "permenpanrb-10-2019" and kumham.sources[1] == DATA / "permenpanrb-10-2019.yaml"
    assert registry.get("permenkumham-29-2019") is kumham  # built once


def test_builtin_plugin_loaded_by_hand() -> None:
    host = make_plugin_manager(load_entry_points=False)
    host.register(zi_evidence_rulesets, name="rulesets")
    assert RulesetRegistry.from_host(host).ids() == SHIPPED


def test_duplicate_id_from_two_plugins_names_both(tmp_path: Path) -> None:
    copy = tmp_path / "salinan.yaml"
    shutil.copy(DATA / "permenpanrb-90-2021.yaml", copy)
    host = make_plugin_manager(load_entry_points=False)
    host.register(FilesPlugin(DATA / "permenpanrb-90-2021.yaml"), name="bawaan")
    host.register(FilesPlugin(copy), name="kementerian")
    with pytest.raises(PluginError) as info:
        RulesetRegistry.from_host(host)
    message = str(info.value)
    assert "'permenpanrb-90-2021'" in message
    assert "'bawaan'" in message and "'kementerian'" in message
    assert str(copy) in message and "permenpanrb-90-2021.yaml" in message


def test_third_party_rule_set_extends_a_builtin(tmp_path: Path) -> None:
    own = tmp_path / "kementerian-x.yaml"
    own.write_text(
        "format: 1\nid: kementerian-x\nextends: permenpanrb-90-2021\nname: Kementerian X\n"
        "regulation: Permen X 1/2024\ntimeline:\n  pengajuan_pmpzi:\n    end: {month: 4, day: 30}\n",
        encoding="utf-8",
    )
    host = make_plugin_manager(load_entry_points=False)
    host.register(zi_evidence_rulesets, name="rulesets")
    host.register(FilesPlugin(own), name="kementerian_x")
    registry = RulesetRegistry.from_host(host)
    rs = registry.get("kementerian-x")
    assert rs.lineage == ("kementerian-x", "permenpanrb-90-2021") and len(rs.questions) == 110
    assert rs.timeline[-1].end.month == 4


def test_unknown_id_lists_what_exists() -> None:
    registry = RulesetRegistry([("rulesets", DATA / f"{i}.yaml") for i in SHIPPED])
    with pytest.raises(RulesetError, match="'permenpanrb-99-2030' tidak dikenal.*permenpanrb-10-2019"):
        registry.get("permenpanrb-99-2030")


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.yaml"
    broken.write_text("id: [tidak ditutup\n", encoding="utf-8")
    registry = RulesetRegistry([("pihak_ketiga", broken), ("rulesets", DATA / "permenpanrb-90-2021.yaml")])
    assert registry.ids() == ["permenpanrb-90-2021"]
    [(plugin, path, message)] = registry.problems
    assert plugin == "pihak_ketiga" and path == broken and "baris" in message


def test_example_in_docs_loads(tmp_path: Path) -> None:
    """The ministry example in docs/rulesets.md is a working rule set, so it cannot go stale."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "rulesets.md"
    example = docs.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    own = tmp_path / "kementerian-x.yaml"
    own.write_text(example, encoding="utf-8")
    registry = RulesetRegistry([("rulesets", DATA / "permenpanrb-90-2021.yaml"), ("kementerian_x", own)])
    rs = registry.get("kementerian-x")
    added = rs.indicator("A.I.1.i").evidence[-1]
    assert added.severity == "error" and added.citation.startswith("Permen X")
    assert any(t.key == "verifikasi_internal" and t.deadline for t in rs.timeline)
