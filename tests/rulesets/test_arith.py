"""Formulas in rule sets are arithmetic only; fractions are exact."""

from __future__ import annotations

import pytest

from zi_evidence.rulesets import arith


def test_evaluate_plain_arithmetic() -> None:
    assert arith.evaluate("(a - b) / a", {"a": 10, "b": 4}) == pytest.approx(0.6)
    assert arith.expression_names("x / (y + z * 2)") == {"x", "y", "z"}


@pytest.mark.parametrize("expression", ["__import__('os')", "a.b", "a ** 2", "[a]", "a if b else c", "a /"])
def test_anything_but_arithmetic_is_refused(expression: str) -> None:
    with pytest.raises(arith.FormulaSyntaxError):
        arith.expression_names(expression)


def test_zero_divisor_is_left_to_the_caller() -> None:
    with pytest.raises(ZeroDivisionError):
        arith.evaluate("a / b", {"a": 1, "b": 0})


@pytest.mark.parametrize(("text", "value"), [("2/3", 2 / 3), (" 1 / 3 ", 1 / 3), (0.67, 0.67), ("0,5", 0.5)])
def test_parse_number(text: str | float, value: float) -> None:
    assert arith.parse_number(text) == pytest.approx(value)
