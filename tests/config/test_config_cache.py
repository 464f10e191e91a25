"""Every command reads zi-evidence.yaml; a content that was parsed and passed its schema once is taken
from the per-user cache, while a new content (even a broken one after a good one) is always checked."""

from __future__ import annotations

import pytest
from zi_evidence.schemas import validation as schemafiles

from zi_evidence.config import CONFIG_NAME, load_config
from zi_evidence.errors import ConfigError

GOOD = "schema_version: 1\nruleset: permenpanrb-90-2021\nunit: {name: Kantor Contoh}\nyear: 2026\ntarget: WBK\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "repo"
    root.mkdir()
    return root


def test_a_passed_config_is_not_validated_again(repo, monkeypatch):
    (repo / CONFIG_NAME).write_text(GOOD, encoding="utf-8")
    assert load_config(repo).unit.name == "Kantor Contoh"
    checks = []
    real = schemafiles.schema_errors
    monkeypatch.setattr("zi_evidence.config.schema_errors", lambda *a: checks.append(a) or real(*a))
    assert load_config(repo).unit.name == "Kantor Contoh"
    assert checks == []


def test_a_broken_config_after_a_good_one_is_still_refused(repo):
    (repo / CONFIG_NAME).write_text(GOOD, encoding="utf-8")
    load_config(repo)
    (repo / CONFIG_NAME).write_text(GOOD.replace("target: WBK", "target: EMAS"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\$\.target"):
        load_config(repo)
    with pytest.raises(ConfigError, match=r"\$\.target"):  # a failure is never remembered as a pass
        load_config(repo)


def test_a_damaged_cache_entry_only_costs_the_check(repo, tmp_path):
    (repo / CONFIG_NAME).write_text(GOOD, encoding="utf-8")
    load_config(repo)
    for entry in (tmp_path / "cache" / "zi-evidence").glob("config-*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert load_config(repo).year == 2026
