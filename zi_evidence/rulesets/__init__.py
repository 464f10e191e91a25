"""Rule sets: LKE instruments (PermenPANRB 90/2021, 10/2019, ministry variants) as validated data.

Plugins contribute YAML files through ``register_rulesets``; ``RulesetRegistry`` finds them by id and
``load_ruleset_file`` turns one file into the immutable model below. Format: docs/rulesets.md.

The names below are loaded on first use: telling whether a rule set changed needs only the registry,
and an ``index`` run with nothing changed never builds the model (~30 ms of class creation).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zi_evidence.rulesets.loader import (
        RawDocument,
        RulesetValidationError,
        load_document,
        load_ruleset_file,
        read_document,
    )
    from zi_evidence.rulesets.model import (
        AnswerType,
        Area,
        Criterion,
        EvidenceExpectation,
        Formula,
        FormulaInput,
        HasilComponent,
        HasilGroup,
        Indicator,
        Option,
        OptionChoice,
        PartSpec,
        Prerequisite,
        Question,
        Ruleset,
        Threshold,
        TimelineEntry,
        YearDate,
    )
    from zi_evidence.rulesets.registry import DEFAULT_RULESET, RulesetEntry, RulesetRegistry

_HOMES = {
    "loader": ("RawDocument", "RulesetValidationError", "load_document", "load_ruleset_file", "read_document"),
    "model": (
        "AnswerType",
        "Area",
        "Criterion",
        "EvidenceExpectation",
        "Formula",
        "FormulaInput",
        "HasilComponent",
        "HasilGroup",
        "Indicator",
        "Option",
        "OptionChoice",
        "PartSpec",
        "Prerequisite",
        "Question",
        "Ruleset",
        "Threshold",
        "Tier",
        "TimelineEntry",
        "YearDate",
    ),
    "registry": ("DEFAULT_RULESET", "RulesetEntry", "RulesetRegistry"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "DEFAULT_RULESET",
    "AnswerType",
    "Area",
    "Criterion",
    "EvidenceExpectation",
    "Formula",
    "FormulaInput",
    "HasilComponent",
    "HasilGroup",
    "Indicator",
    "Option",
    "OptionChoice",
    "PartSpec",
    "Prerequisite",
    "Question",
    "RawDocument",
    "Ruleset",
    "RulesetEntry",
    "RulesetRegistry",
    "RulesetValidationError",
    "Threshold",
    "Tier",
    "TimelineEntry",
    "YearDate",
    "load_document",
    "load_ruleset_file",
    "read_document",
]


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once: later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME_OF))
