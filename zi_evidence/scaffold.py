"""A new evidence repository: its ``zi-evidence.yaml`` and, if asked, one folder per question."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zi_evidence.config import CONFIG_NAME, config_text, load_config
from zi_evidence.errors import ConfigError

if TYPE_CHECKING:
    from zi_evidence.plugins import PluginHost
    from zi_evidence.rulesets.model import Ruleset


@dataclass(frozen=True)
class InitResult:
    config_path: Path
    ruleset: Ruleset
    folders_created: int | None  # None when no skeleton was asked for


def init_repository(
    directory: Path,
    ruleset: str,
    unit_name: str,
    year: int,
    target: str,
    institution: str = "",
    *,
    skeleton: bool = False,
    force: bool = False,
    host: PluginHost | None = None,
) -> InitResult:
    """Write the config for ``directory`` (created if missing); never overwrites one unless ``force``.

    The rule set is looked up first, so an unknown id fails before anything is written.
    """
    from zi_evidence.plugins import make_plugin_manager
    from zi_evidence.rulesets import RulesetRegistry
    from zi_evidence.rulesets.skeleton import create_skeleton

    rules = RulesetRegistry.from_host(host or make_plugin_manager()).get(ruleset)
    config_path = directory / CONFIG_NAME
    if config_path.exists() and not force:
        raise ConfigError(f"{config_path} sudah ada. Pakai --force untuk menimpanya, atau sunting berkasnya langsung.")
    directory.mkdir(parents=True, exist_ok=True)
    config_path.write_text(config_text(ruleset, unit_name, year, target, institution), encoding="utf-8")
    load_config(directory)  # what we wrote must pass our own schema
    created = create_skeleton(directory, rules) if skeleton else None
    return InitResult(config_path, rules, created)
