"""Answer files for tests: every question at its best answer unless a test says otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def best_letter(ruleset: Any, question_id: str) -> str:
    """The option worth the most for this question (A, or Ya)."""
    values = ruleset.answer_types[ruleset.question(question_id).answer_type].values
    return max(values, key=values.get)


def best_answers(
    ruleset: Any, full_counts: dict | None = None, letters: dict | None = None, counts: dict | None = None
) -> dict[str, dict]:
    """``jawaban`` for every question: the best letter, or the full counts of a '%' question; overrides last."""
    jawaban: dict[str, dict] = {}
    for question in ruleset.questions:
        if question.formula is not None:
            inputs = {**(full_counts or {})[question.id], **(counts or {}).get(question.id, {})}
            jawaban[question.id] = {"input": inputs}
        else:
            jawaban[question.id] = {"jawaban": (letters or {}).get(question.id, best_letter(ruleset, question.id))}
    return jawaban


def write_answers_file(root: Path, raw: dict) -> Path:
    """``jawaban-lke.yaml`` in ``root``, as a team's file would be written."""
    path = root / "jawaban-lke.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
