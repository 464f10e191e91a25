"""Which reading of each documented ambiguity a score uses: rule-set default < answers file < caller."""

from __future__ import annotations

from collections.abc import Mapping

from zi_evidence.errors import ScoringError
from zi_evidence.rulesets import Ruleset

# Option keys the engine understands (the rule set declares which of them apply to it).
NILAI_ABCD = "nilai_abcd"
AMBANG_PER_AREA = "ambang_per_area"
BATAS_PERSEN = "batas_persen"
PELANGGARAN_NOL = "pelanggaran_nol_tahun_lalu"

COMBINED = "gabungan"
SEPARATE = "terpisah"
CLAMP = "potong_0_1"
FULL_WHEN_STILL_ZERO = "penuh_jika_tetap_nihil"


def resolve_options(ruleset: Ruleset, *layers: Mapping[str, str] | None) -> dict[str, str]:
    """Every option of the rule set with its chosen value; later layers win.

    An option the rule set does not declare is an error rather than silently ignored: a reading
    the team believes it chose must be the one that is used.
    """
    chosen = {key: option.default for key, option in ruleset.options.items()}
    for layer in layers:
        for key, value in (layer or {}).items():
            option = ruleset.options.get(key)
            if option is None:
                known = ", ".join(sorted(ruleset.options)) or "(tidak ada)"
                raise ScoringError(f"Opsi '{key}' tidak dikenal oleh aturan {ruleset.id}. Opsi yang ada: {known}.")
            if option.choice(value) is None:
                choices = ", ".join(c.key for c in option.choices)
                raise ScoringError(f"Pilihan '{value}' untuk opsi '{key}' tidak dikenal. Pilihan: {choices}.")
            chosen[key] = value
    return chosen


def area_rule(options: Mapping[str, str]) -> str:
    """The decisive per-area reading; rule sets without the split only have the combined area."""
    return options.get(AMBANG_PER_AREA, COMBINED)
