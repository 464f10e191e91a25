"""Which LKE question (or indicator) a file belongs to, read from its path.

Real drives name things many ways: our ids (``A.I.1.i.a``), LKE-style ids (``1.i.a``),
``AREA I/i. Penyusunan Tim Kerja/a. …`` folders, with any case and separator. Each path
component, from the root down to the file name, refines a context (part, area, indicator,
question); the deepest notation wins. A short id that exists in both the pemenuhan and the
reform part is settled by a PEMENUHAN/REFORM folder or by the indicator's name in the path.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, replace
from typing import Any

from zi_evidence.config import MappingRule

SEP = r"[\s._-]"
_ROMAN = {"i": 1, "v": 5, "x": 10}
_END = r"(?![a-z0-9]|[._-]\d)"

FULL_PARTED = re.compile(rf"^a{SEP}*(ii|i){SEP}+(\d{{1,2}})(?:{SEP}+([ivx]+|\d{{1,2}}))?(?:{SEP}+([a-h]))?{_END}")
FULL_FLAT = re.compile(rf"^a{SEP}*(\d{{1,2}})(?:{SEP}+(\d{{1,2}}|[ivx]+))?(?:{SEP}+([a-h]))?{_END}")
HASIL = re.compile(rf"^b{SEP}*(ii|i)(?:{SEP}+([a-e]|\d))?{_END}")
SHORT = re.compile(rf"^(\d)[._-]([ivx]+|\d{{1,2}})(?:[._-]([a-h]))?{_END}")
AREA_WORD = re.compile(r"^area[\s._-]*([ivx]+|\d{1,2})(?![a-z0-9])")
UPPER_ROMAN_HEAD = re.compile(r"^([IVX]+)[.)]\s")
ROMAN_HEAD = re.compile(r"^([ivx]+)[.)]\s", re.IGNORECASE)
NUMBER_HEAD = re.compile(r"^(\d{1,2})[.)]\s")
LETTER_HEAD = re.compile(r"^([a-h])[.)]\s", re.IGNORECASE)
WORDS = re.compile(r"[a-z]{4,}")

PARTS = {"i": "pemenuhan", "ii": "reform"}


def roman(text: str) -> int:
    """1-based ordinal from a lower-case roman numeral or decimal digits."""
    if text.isdigit():
        return int(text)
    values = [_ROMAN[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@dataclass(frozen=True)
class Placement:
    """Where one path belongs: a question, an indicator, or nowhere (and why)."""

    status: str  # "question" | "indicator" | "unmapped" | "ambiguous"
    target_id: str | None
    reason: str


@dataclass(frozen=True)
class _Context:
    part: str | None = None
    area: int | None = None
    indicator: int | None = None
    letter: str | None = None
    hasil: str | None = None


class Mapper:
    """Maps display paths (``/``-separated, relative to the root) with one rule set."""

    def __init__(self, ruleset: Any, rules: tuple[MappingRule, ...] = ()) -> None:
        self.ruleset = ruleset
        self.rules = rules
        self.has_parts = any(ind.part for ind in ruleset.indicators)
        self.valid_ids = {q.id for q in ruleset.questions} | {i.id for i in ruleset.indicators}
        groups = tuple(getattr(ruleset, "hasil", ()))
        self.hasil_groups = {g.id for g in groups}
        self.hasil_components = {c.id for g in groups for c in g.components}

    def map(self, path: str) -> Placement:
        for rule in self.rules:
            if fnmatch.fnmatch(path.lower(), rule.pattern.lower()):
                return self._by_id(rule.target_id, f"aturan pemetaan '{rule.pattern}'")
        components = path.split("/")
        components[-1] = components[-1].rsplit(".", 1)[0] if "." in components[-1] else components[-1]
        context = _Context()
        for component in components:
            context = _refine(context, component.strip())
        return self._resolve(context, " ".join(components).lower())

    def _by_id(self, target: str, source: str) -> Placement:
        if self.ruleset.question(target):
            return Placement("question", target, f"ditetapkan oleh {source}")
        if target in self.hasil_components:
            return Placement("question", target, f"ditetapkan oleh {source}")
        if self.ruleset.indicator(target) or target in self.hasil_groups:
            return Placement("indicator", target, f"ditetapkan oleh {source}")
        return Placement("unmapped", None, f"{source} menunjuk id '{target}' yang tidak ada di aturan penilaian")

    def _resolve(self, ctx: _Context, text: str) -> Placement:
        if ctx.hasil:
            if ctx.hasil in self.hasil_components:
                return Placement("question", ctx.hasil, "komponen hasil dari nama folder/berkas")
            if ctx.hasil in self.hasil_groups:
                return Placement("indicator", ctx.hasil, "kelompok hasil dari nama folder/berkas")
            return Placement("unmapped", None, f"komponen hasil '{ctx.hasil}' tidak ada di aturan penilaian")
        if ctx.area is None:
            return Placement("unmapped", None, "tidak ada id LKE atau nama folder area/indikator yang dikenali")
        if ctx.indicator is None:
            return Placement("unmapped", None, f"hanya area {ctx.area} yang dikenali; simpan di folder indikator")
        candidates = [
            ind
            for ind in self.ruleset.indicators
            if ind.area == ctx.area and ind.ordinal == ctx.indicator and (ctx.part is None or ind.part == ctx.part)
        ]
        if not candidates:
            return Placement("unmapped", None, f"indikator {ctx.area}.{ctx.indicator} tidak ada di aturan penilaian")
        if len(candidates) > 1:
            chosen = _closest_by_name(candidates, text)
            if chosen is None:
                names = " / ".join(f"{c.id} {c.name}" for c in candidates)
                return Placement(
                    "ambiguous",
                    None,
                    f"id cocok dengan beberapa indikator ({names}); beri folder PEMENUHAN/REFORM atau id lengkap",
                )
            candidates = [chosen]
        indicator = candidates[0]
        if ctx.letter is None:
            return Placement("indicator", indicator.id, "hanya indikator yang dikenali (tanpa huruf pertanyaan)")
        for question in self.ruleset.questions_of(indicator.id):
            if question.letter == ctx.letter:
                return Placement("question", question.id, "dari id/nama folder dan berkas")
        return Placement(
            "unmapped", None, f"pertanyaan '{ctx.letter}' tidak ada di indikator {indicator.id} {indicator.name}"
        )


def _closest_by_name(candidates: list[Any], text: str) -> Any | None:
    words = set(WORDS.findall(text))
    overlaps = [(len(words & set(WORDS.findall(c.name.lower()))), i) for i, c in enumerate(candidates)]
    scored = sorted(overlaps, reverse=True)
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return candidates[scored[0][1]]
    return None


def _refine(ctx: _Context, component: str) -> _Context:
    lowered = component.lower()
    if match := FULL_PARTED.match(lowered):
        part, area, indicator, letter = match.groups()
        return _Context(PARTS[part], int(area), roman(indicator) if indicator else None, letter)
    if match := HASIL.match(lowered):
        group, item = match.groups()
        return _Context(hasil=f"B.{group.upper()}" + (f".{item}" if item else ""))
    if match := FULL_FLAT.match(lowered):
        area, indicator, letter = match.groups()
        return _Context(ctx.part, int(area), roman(indicator) if indicator else None, letter)
    if match := SHORT.match(lowered):
        area, indicator, letter = match.groups()
        return _Context(ctx.part, int(area), roman(indicator), letter)
    ctx = _part_keyword(ctx, lowered)
    if match := AREA_WORD.match(lowered):
        return _Context(ctx.part, roman(match.group(1)))
    if ctx.area is None:
        if match := UPPER_ROMAN_HEAD.match(component) or NUMBER_HEAD.match(component):
            return replace(ctx, area=roman(match.group(1).lower()))
        return ctx
    if ctx.indicator is None:
        if match := ROMAN_HEAD.match(component) or NUMBER_HEAD.match(component):
            return replace(ctx, indicator=roman(match.group(1).lower()))
        return ctx
    if ctx.letter is None and (match := LETTER_HEAD.match(component)):
        return replace(ctx, letter=match.group(1).lower())
    return ctx


def _part_keyword(ctx: _Context, lowered: str) -> _Context:
    if re.search(r"\bpemenuhan\b", lowered):
        return replace(ctx, part="pemenuhan")
    if re.search(r"\breform\b", lowered):
        return replace(ctx, part="reform")
    return ctx
