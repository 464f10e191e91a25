"""The small arithmetic a rule set may contain: "%" formulas and exact fractions such as ``2/3``.

Formulas are parsed with :mod:`ast` and only ``+ - * /``, parentheses, numbers and input names are
accepted, so a rule-set file can never run code.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from fractions import Fraction

_ALLOWED_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


class FormulaSyntaxError(ValueError):
    """The expression is not plain arithmetic over input names (message in Bahasa Indonesia)."""


def parse_number(value: float | int | str) -> float:
    """A weight or answer value: a number, or an exact fraction written as ``"2/3"``."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} bukan angka")
    if isinstance(value, int | float):
        return float(value)
    text = value.replace(" ", "").replace(",", ".")
    try:
        return float(Fraction(text))
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"{value!r} bukan angka atau pecahan seperti 2/3") from exc


def _check(node: ast.AST, names: set[str]) -> None:
    if isinstance(node, ast.Expression):
        _check(node.body, names)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, _ALLOWED_BINOPS):
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, names)
    elif isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return
    elif isinstance(node, ast.Name):
        names.add(node.id)
    else:
        raise FormulaSyntaxError(f"bagian '{ast.unparse(node)}' tidak diizinkan (hanya + - * / dan nama input)")


def expression_names(expression: str) -> set[str]:
    """Names used by ``expression``; raises :class:`FormulaSyntaxError` for anything but arithmetic."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise FormulaSyntaxError(f"rumus '{expression}' tidak dapat dibaca: {exc.msg}") from exc
    names: set[str] = set()
    _check(tree, names)
    return names


def _eval(node: ast.AST, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Expression):
        return _eval(node.body, values)
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values), _eval(node.right, values)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return left / right  # ZeroDivisionError is the caller's case to decide (see rule-set options)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        return float(values[node.id])
    raise FormulaSyntaxError(f"bagian '{ast.unparse(node)}' tidak diizinkan")


def evaluate(expression: str, values: Mapping[str, float]) -> float:
    """Evaluate a checked expression; a missing input raises ``KeyError``, a zero divisor ``ZeroDivisionError``."""
    expression_names(expression)
    return _eval(ast.parse(expression, mode="eval"), values)
