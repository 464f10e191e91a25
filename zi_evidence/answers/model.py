"""The team's self-assessment (``jawaban-lke.yaml``): answers per question, hasil inputs, prerequisite facts.

The file is edited by hand, so every problem is reported at once, in Bahasa Indonesia, naming the
question. Structure is checked by ``schemas/answers.schema.json``; what depends on the rule set
(allowed letters, formula inputs, score ranges, counts that cannot be) is checked here.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from zi_evidence.bounded import load_yaml_text, read_text_bounded
from zi_evidence.config import ANSWERS_NAME
from zi_evidence.errors import AnswersError, InputBoundError
from zi_evidence.rulesets import Question, Ruleset
from zi_evidence.rulesets.arith import expression_names
from zi_evidence.schemas.validation import load_schema

SCHEMA_NAME = "answers.schema.json"
INSTITUTION_KINDS = ("kl", "pemda")

#: Counts that are a part of a whole in the LKE's "%" formulas: sum(parts) may not exceed sum(wholes).
#: Applied only where a question's formula has all these inputs (agents may make several changes each,
#: so ratios in general may exceed 1; these may not).
PART_OF: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("jumlah_selesai_ditindaklanjuti",), ("jumlah_harus_ditindaklanjuti",)),
    (("jumlah_sedang_diproses", "jumlah_selesai_ditindaklanjuti"), ("jumlah_harus_ditindaklanjuti",)),
    (("jumlah_perubahan_terintegrasi",), ("jumlah_perubahan_dibuat",)),
    (("jumlah_sasaran_tercapai_100",), ("jumlah_sasaran_kinerja",)),
    (("jumlah_layanan_dipermudah",), ("jumlah_layanan_terdata",)),
    (("sudah_melaporkan",), ("wajib_kepala_satker", "wajib_pejabat_lhkpn", "wajib_lainnya")),
    (("sudah_melaporkan",), ("wajib_administrator", "wajib_pengawas", "wajib_fungsional_pelaksana")),
)


@dataclass(frozen=True)
class Answer:
    question_id: str
    choice: str | None = None  # canonical letter of the answer type (Ya/Tidak, A–E)
    inputs: dict[str, float] = field(default_factory=dict)  # counted inputs of a "%" question
    value: float | None = None  # assessor's 0..1 value where a "%" formula is undefined
    note: str | None = None


@dataclass(frozen=True)
class Answers:
    answers: dict[str, Answer] = field(default_factory=dict)
    hasil: dict[str, float | str] = field(default_factory=dict)  # component key -> score, % or letter
    prerequisites: dict[str, Any] = field(default_factory=dict)  # prerequisite key -> fact
    options: dict[str, str] = field(default_factory=dict)
    ruleset: str | None = None
    institution_kind: str | None = None  # kl or pemda
    source: str | None = None

    def get(self, question_id: str) -> Answer | None:
        return self.answers.get(question_id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def allowed_choices(ruleset: Ruleset, answer_type: str) -> tuple[str, ...]:
    kind = ruleset.answer_types.get(answer_type)
    return tuple(kind.values) if kind is not None and kind.kind == "choice" else ()


def normalize_choice(raw: Any, allowed: tuple[str, ...]) -> str | None:
    """The canonical letter for what a person typed ('a', ' ya', true, 'Y'), or None when not allowed."""
    if isinstance(raw, bool):
        raw = "Ya" if raw else "Tidak"
    text = str(raw).strip()
    aliases = {"y": "ya", "t": "tidak"}
    wanted = aliases.get(text.lower(), text.lower())
    return next((key for key in allowed if key.lower() == wanted), None)


def expression_for(question: Question, options: dict[str, str]) -> str | None:
    formula = question.formula
    if formula is None:
        return None
    return formula.expression_for(options.get(formula.variant_option) if formula.variant_option else None)


def load_answers(path: Path, ruleset: Ruleset) -> Answers:
    """Read and check ``path`` against ``ruleset``; raises :class:`AnswersError` listing every problem."""
    try:
        raw = load_yaml_text(read_text_bounded(path), str(path))
    except InputBoundError as exc:
        raise AnswersError(str(path), [str(exc)]) from None
    except FileNotFoundError:
        raise AnswersError(
            str(path), [f"berkas tidak ada; buat dengan 'zi-evidence answers template' ({ANSWERS_NAME})"]
        ) from None
    except yaml.YAMLError as exc:
        raise AnswersError(str(path), [f"YAML tidak dapat dibaca: {exc}"]) from None
    return parse_answers(raw, ruleset, str(path))


def parse_answers(raw: Any, ruleset: Ruleset, source: str = ANSWERS_NAME) -> Answers:
    answers, problems = check_answers(raw, ruleset, source)
    if problems:
        raise AnswersError(source, problems)
    return answers


def check_answers(raw: Any, ruleset: Ruleset, source: str = ANSWERS_NAME) -> tuple[Answers, list[str]]:
    """The answers that could be read, and every problem found (empty when the file is valid)."""
    raw = {} if raw is None else raw
    problems, bad = _schema_problems(raw)
    if not isinstance(raw, dict) or () in bad:
        return Answers(source=source), problems

    def section(name: str) -> dict[str, Any]:
        value = raw.get(name) if (name,) not in bad else None
        return {k: v for k, v in (value or {}).items() if (name, str(k)) not in bad}

    declared = raw.get("ruleset") if ("ruleset",) not in bad else None
    if declared and declared != ruleset.id:
        problems.append(
            f"ruleset: berkas ini berisi jawaban untuk '{declared}', sedangkan repositori memakai '{ruleset.id}'"
        )
    options = _options(section("opsi"), ruleset, problems)
    chosen = {key: option.default for key, option in ruleset.options.items()} | options
    result: dict[str, Answer] = {}
    for qid, entry in section("jawaban").items():
        question = ruleset.question(str(qid))
        if question is None:
            problems.append(f"pertanyaan {qid}: tidak ada di aturan {ruleset.id}; periksa penulisan id-nya")
            continue
        answer = _answer(question, entry, ruleset, chosen, problems)
        if answer is not None:
            result[question.id] = answer
    hasil = _hasil(section("hasil"), ruleset, problems)
    facts = _facts(section("prasyarat"), ruleset, problems)
    kind = raw.get("jenis_instansi") if ("jenis_instansi",) not in bad else None
    answers = Answers(result, hasil, facts, options, declared, kind, source)
    return answers, problems


def _schema_problems(raw: Any) -> tuple[list[str], set[tuple[str, ...]]]:
    """Structural problems, and the entries (section, or section + key) they make unreadable."""
    validator = jsonschema.Draft202012Validator(load_schema(SCHEMA_NAME))
    problems: list[str] = []
    bad: set[tuple[str, ...]] = set()
    for error in sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.absolute_path))):
        path = [str(p) for p in error.absolute_path]
        if error.validator == "additionalProperties" and not path:
            bad.update((str(key),) for key in set(raw) - set(error.schema.get("properties", {})))
        else:
            bad.add(tuple(path[:2]))
        where = f"pertanyaan {path[1]}" if len(path) >= 2 and path[0] == "jawaban" else " › ".join(path) or "berkas"
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            problems.append(f"{where}: kunci tidak dikenal: {', '.join(extra)}")
        elif error.validator == "oneOf" and isinstance(error.instance, dict):
            extra = sorted(set(error.instance) - {"jawaban", "input", "nilai", "catatan"})
            detail = f"kunci tidak dikenal: {', '.join(extra)}" if extra else "jenis isian jawaban/input/nilai salah"
            problems.append(f"{where}: {detail} (yang dikenal: jawaban, input, nilai, catatan)")
        elif error.validator == "oneOf":
            problems.append(f"{where}: tulis huruf jawaban, atau objek dengan jawaban/input/nilai/catatan")
        elif error.validator in ("const", "enum"):
            problems.append(f"{where}: nilai {error.instance!r} tidak diizinkan ({error.message})")
        else:
            problems.append(f"{where}: jenis isian salah ({error.instance!r})")
    return problems, bad


def _options(raw: dict[str, str], ruleset: Ruleset, problems: list[str]) -> dict[str, str]:
    options = {}
    for key, value in raw.items():
        option = ruleset.options.get(key)
        if option is None:
            problems.append(f"opsi {key}: tidak dikenal; opsi aturan ini: {', '.join(ruleset.options) or '-'}")
        elif option.choice(value) is None:
            problems.append(
                f"opsi {key}: pilihan '{value}' tidak dikenal; pilih {', '.join(c.key for c in option.choices)}"
            )
        else:
            options[key] = value
    return options


def _answer(
    question: Question, entry: Any, ruleset: Ruleset, options: dict[str, str], problems: list[str]
) -> Answer | None:
    entry = entry if isinstance(entry, dict) else {"jawaban": entry}
    where = f"pertanyaan {question.id} ({ruleset.answer_types[question.answer_type].label})"
    note = entry.get("catatan") or None
    letter, inputs, value = entry.get("jawaban"), entry.get("input") or {}, entry.get("nilai")
    if question.formula is None:
        if inputs or value is not None:
            problems.append(f"{where}: bukan pertanyaan persentase; isi 'jawaban' saja, tanpa input/nilai")
        if letter is None or letter == "":
            return Answer(question.id, note=note) if note else None  # a blank template entry is no answer
        allowed = allowed_choices(ruleset, question.answer_type)
        choice = normalize_choice(letter, allowed)
        if choice is None:
            problems.append(f"{where}: jawaban '{letter}' tidak diizinkan; pilihan: {', '.join(allowed)}")
            return None
        return Answer(question.id, choice, note=note)
    if letter not in (None, ""):
        problems.append(f"{where}: pertanyaan persentase diisi lewat 'input' (jumlah), bukan huruf '{letter}'")
    known = {i.name for i in question.formula.inputs}
    counts: dict[str, float] = {}
    for name, number in inputs.items():
        if name not in known:
            problems.append(f"{where}: input '{name}' tidak dikenal; yang dipakai: {', '.join(sorted(known))}")
        elif number is None:
            continue
        elif number < 0 or not math.isfinite(number) or number != int(number):
            problems.append(f"{where}: {name} = {number} tidak masuk akal; isi jumlah bilangan bulat ≥ 0")
        else:
            counts[name] = float(number)
    needed = expression_names(expression_for(question, options) or "")
    missing = sorted(needed - set(counts))
    if counts and missing:
        problems.append(f"{where}: input belum lengkap, isi juga {', '.join(missing)}")
    for parts, wholes in PART_OF:
        if set(parts) | set(wholes) <= set(counts) and set(parts) | set(wholes) <= known:
            if sum(counts[p] for p in parts) > sum(counts[w] for w in wholes):
                problems.append(
                    f"{where}: {' + '.join(parts)} ({_num(sum(counts[p] for p in parts))}) melebihi "
                    f"{' + '.join(wholes)} ({_num(sum(counts[w] for w in wholes))}); periksa jumlahnya"
                )
    if value is not None and not 0 <= value <= 1:
        problems.append(f"{where}: nilai {value} di luar rentang 0–1")
        value = None
    if not counts and value is None and not note:
        return None
    return Answer(question.id, None, counts, value, note)


def _hasil(raw: dict[str, Any], ruleset: Ruleset, problems: list[str]) -> dict[str, float | str]:
    components = {c.key: c for g in ruleset.hasil for c in g.components}
    result: dict[str, float | str] = {}
    for key, given in raw.items():
        component = components.get(key)
        if component is None:
            problems.append(f"hasil {key}: komponen tidak dikenal; yang ada: {', '.join(components)}")
            continue
        if given is None or given == "":
            continue
        kind = ruleset.answer_types[component.answer_type]
        where = f"hasil {key} ({component.name})"
        if kind.kind == "choice":
            choice = normalize_choice(given, tuple(kind.values))
            if choice is None:
                problems.append(f"{where}: jawaban '{given}' tidak diizinkan; pilihan: {', '.join(kind.values)}")
            else:
                result[key] = choice
        elif isinstance(given, str) or isinstance(given, bool):
            problems.append(f"{where}: isi angka, bukan '{given}'")
        elif kind.scale_max is not None and not 0 <= given <= kind.scale_max:
            unit = "skor survei" if kind.scale_max == 4 else "persen"
            problems.append(f"{where}: {unit} {_num(given)} di luar rentang 0–{_num(kind.scale_max)}")
        else:
            result[key] = float(given)
    return result


def _facts(raw: dict[str, Any], ruleset: Ruleset, problems: list[str]) -> dict[str, Any]:
    known = {p.key for p in ruleset.prerequisites}
    for key in raw:
        if key not in known:
            problems.append(f"prasyarat {key}: tidak dikenal; yang ada: {', '.join(sorted(known))}")
    return {k: v for k, v in raw.items() if k in known and v is not None}


def _num(value: float) -> str:
    return f"{value:g}".replace(".", ",")
