"""Numbers as an Indonesian reader expects them: decimal comma, dot between thousands (1.234,56)."""

from __future__ import annotations


def format_number(value: float, decimals: int = 2) -> str:
    """``75.5`` → ``"75,50"``; rounding happens here only, never in the engine."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(ratio: float, decimals: int = 2) -> str:
    """A 0..1 ratio as a percentage: ``0.6`` → ``"60,00 %"``."""
    return f"{format_number(ratio * 100, decimals)} %"
