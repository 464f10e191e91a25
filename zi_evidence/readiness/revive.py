"""A :class:`Readiness` again from its JSON form (``to_dict``), so a report can be rendered where the
unit's drive is not: the server rebuilds the object a unit pushed and hands it to the same report
formats. Nothing is recomputed; every value is checked against the field's declared type, since the
JSON comes from another computer.
"""

from __future__ import annotations

import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from functools import cache
from typing import Any

from zi_evidence.readiness.model import SCHEMA_VERSION, Readiness, Scores


@cache
def _hints(cls: type) -> dict[str, Any]:
    from zi_evidence.scoring.gaps import GapPlan
    from zi_evidence.scoring.predicates import PredicateResult
    from zi_evidence.suggest import Suggestion

    hints = typing.get_type_hints(cls, localns={"Suggestion": Suggestion})
    if cls is Scores:  # typed Any there to keep scoring out of the model's imports
        hints.update(
            predicates_claimed=tuple[PredicateResult, ...], predicates_backed=tuple[PredicateResult, ...], gap=GapPlan
        )
    return hints


def _value(kind: Any, raw: Any, where: str) -> Any:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind is Any:
        return raw
    if origin in (typing.Union, types.UnionType):
        if raw is None and type(None) in args:
            return None
        choices = [a for a in args if a is not type(None)]
        if len(choices) == 1:
            return _value(choices[0], raw, where)
        for choice in choices:
            try:
                return _value(choice, raw, where)
            except ValueError:
                continue
        raise ValueError(f"{where}: {raw!r} bukan {kind}")
    if origin is typing.Literal:
        if raw not in args:
            raise ValueError(f"{where}: {raw!r} bukan salah satu dari {args}")
        return raw
    if origin is tuple:
        if not isinstance(raw, list):
            raise ValueError(f"{where}: bukan daftar")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], item, f"{where}[{i}]") for i, item in enumerate(raw))
        if len(args) != len(raw):
            raise ValueError(f"{where}: panjangnya bukan {len(args)}")
        return tuple(_value(a, item, f"{where}[{i}]") for i, (a, item) in enumerate(zip(args, raw, strict=True)))
    if origin is dict:
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: bukan peta")
        return {_value(args[0], k, where): _value(args[1], v, f"{where}.{k}") for k, v in raw.items()}
    if is_dataclass(kind) and isinstance(kind, type):
        return _build(kind, raw, where)
    if kind is date:
        try:
            return date.fromisoformat(raw)
        except (TypeError, ValueError):
            raise ValueError(f"{where}: {raw!r} bukan tanggal") from None
    if kind is float and type(raw) in (int, float):
        return float(raw) if type(raw) is int else raw
    if kind in (str, int, bool) and type(raw) is kind:
        return raw
    raise ValueError(f"{where}: {raw!r} bukan {getattr(kind, '__name__', kind)}")


def _build(cls: type, raw: Any, where: str) -> Any:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: bukan objek {cls.__name__}")
    hints, values = _hints(cls), {}
    for item in fields(cls):  # type: ignore[arg-type]
        if item.name in raw:
            values[item.name] = _value(hints[item.name], raw[item.name], f"{where}.{item.name}")
        elif item.default is MISSING and item.default_factory is MISSING:
            raise ValueError(f"{where}: kolom {item.name} tidak ada")
    unknown = set(raw) - {f.name for f in fields(cls)}  # type: ignore[arg-type]
    if unknown:
        raise ValueError(f"{where}: kolom tak dikenal {sorted(unknown)}")
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:  # a dataclass's own check (a finding's severity, …)
        raise ValueError(f"{where}: {exc}") from None


def readiness_from_dict(data: Any) -> Readiness:
    """The object ``Readiness.to_dict`` was made from (``FileLink.fs_path`` empty: a rebuilt report links
    no file); ValueError saying which field is wrong otherwise."""
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"bukan data kesiapan versi skema {SCHEMA_VERSION}")
    found: Readiness = _build(Readiness, {k: v for k, v in data.items() if k != "schema_version"}, "kesiapan")
    return found
