"""Rule sets: LKE instruments (PermenPANRB 90/2021, 10/2019, ministry variants) as validated data.

Plugins contribute YAML files through ``register_rulesets``; ``RulesetRegistry`` finds them by id and
``load_ruleset_file`` turns one file into the immutable model below. Format: docs/rulesets.md.
"""

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
    "TimelineEntry",
    "YearDate",
    "load_document",
    "load_ruleset_file",
    "read_document",
]
