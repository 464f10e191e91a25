"""``init_repository``: the library behind ``zi-evidence init``."""

import pytest

from zi_evidence.config import load_config
from zi_evidence.errors import ConfigError, RulesetError
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets.skeleton import skeleton_folders
from zi_evidence.scaffold import init_repository


def test_writes_a_valid_config_and_the_skeleton(tmp_path):
    root = tmp_path / "drive"
    result = init_repository(root, "permenpanrb-90-2021", "Kantor Uji", 2026, "WBBM", "Kementerian Uji", skeleton=True)
    config = load_config(root)
    assert result.config_path == root / "zi-evidence.yaml" and result.ruleset.id == "permenpanrb-90-2021"
    assert (config.unit.name, config.unit.institution, config.year, config.target) == (
        "Kantor Uji",
        "Kementerian Uji",
        2026,
        "WBBM",
    )
    assert result.folders_created == len(list(skeleton_folders(result.ruleset)))
    assert init_repository(root, "permenpanrb-90-2021", "Kantor Uji", 2026, "WBBM", force=True).folders_created is None


def test_never_overwrites_a_config_unless_forced(tmp_path):
    init_repository(tmp_path, "permenpanrb-90-2021", "Kantor Uji", 2026, "WBK")
    before = (tmp_path / "zi-evidence.yaml").read_bytes()
    with pytest.raises(ConfigError, match="sudah ada. Pakai --force"):
        init_repository(tmp_path, "permenpanrb-10-2019", "Kantor Lain", 2027, "WBBM")
    assert (tmp_path / "zi-evidence.yaml").read_bytes() == before


def test_an_unknown_rule_set_fails_before_anything_is_written(tmp_path):
    with pytest.raises(RulesetError, match="tidak-ada"):
        init_repository(tmp_path / "baru", "tidak-ada", "Kantor Uji", 2026, "WBK", host=make_plugin_manager())
    assert not (tmp_path / "baru").exists()
