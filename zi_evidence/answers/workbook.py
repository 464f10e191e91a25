"""The answers as an LKE-shaped workbook (area / indikator / pertanyaan rows, bobot, jawaban, nilai).

Teams already fill the LKE in Excel; this lets them keep doing so. The hidden-in-plain-sight
"Kunci" column carries the machine key of every row, so rows may be re-styled or annotated freely;
import reads only rows with a key (or, failing that, a question id in "Kode").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zipfile import BadZipFile, ZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zi_evidence.answers.model import Answers, allowed_choices, parse_answers
from zi_evidence.bounded import file_size_within
from zi_evidence.errors import AnswersError, InputBoundError
from zi_evidence.parsing import ParseFailure
from zi_evidence.parsing.office import check_zip
from zi_evidence.problems import MB
from zi_evidence.rulesets import Ruleset
from zi_evidence.scoring import IndicatorScore, ScoreView, score

SHEET = "LKE"
INFO_SHEET = "Info"
HEADERS = ("Kode", "Komponen / Pertanyaan", "Jenis jawaban", "Bobot", "Jawaban", "Nilai", "Catatan", "Kunci")
WIDTHS = (14, 70, 22, 8, 12, 9, 40, 34)
BOLD = Font(bold=True)
FILLS = {
    1: PatternFill("solid", fgColor="FFB4C6E7"),
    2: PatternFill("solid", fgColor="FFD9E1F2"),
    3: PatternFill("solid", fgColor="FFEDEDED"),
}
NUMBER = "0.00"


def export_xlsx(ruleset: Ruleset, answers: Answers, path: Path) -> None:
    """Write the LKE with the team's answers and the claimed score (values as of the export)."""
    view = score(ruleset, answers).claimed
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(["LEMBAR KERJA EVALUASI ZONA INTEGRITAS"])
    sheet.append([ruleset.name])
    sheet.append(["Nilai dihitung zi-evidence saat ekspor; isi kolom Jawaban lalu impor kembali."])
    sheet.append([])
    sheet.append(list(HEADERS))
    for cell in sheet[5]:
        cell.font = BOLD
    for letter, width in zip("ABCDEFGH", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet["A1"].font = Font(bold=True, size=13)
    _pengungkit_rows(sheet, ruleset, answers, view)
    _hasil_rows(sheet, ruleset, answers, view)
    _prerequisite_rows(sheet, ruleset, answers)
    _validations(sheet, ruleset)
    sheet.freeze_panes = "C6"
    info = book.create_sheet(INFO_SHEET)
    info.append(["kunci", "nilai"])
    info.append(["ruleset", ruleset.id])
    info.append(["jenis_instansi", answers.institution_kind or ""])
    for key, value in answers.options.items():
        info.append([f"opsi.{key}", value])
    book.save(path)


def _row(sheet: Worksheet, values: list[Any], level: int = 0) -> None:
    sheet.append(values)
    row = sheet[sheet.max_row]
    for cell in row:
        cell.alignment = Alignment(wrap_text=cell.column == 2, vertical="top")
        if isinstance(cell.value, float):
            cell.number_format = NUMBER
    if level:
        for cell in row:
            cell.font = BOLD
            cell.fill = FILLS.get(level, FILLS[2])


def _pengungkit_rows(sheet: Worksheet, ruleset: Ruleset, answers: Answers, view: ScoreView) -> None:
    _row(sheet, ["A", "PENGUNGKIT", "", ruleset.pengungkit_weight, "", view.pengungkit], 1)
    codes: dict[str, str] = {p.key: p.code for p in ruleset.parts}
    parts: list[str | None] = [p.key for p in ruleset.parts] or [None]
    for part in parts:
        if part is not None:
            total = sum(p.value for a in view.areas for p in a.parts if p.key == part)
            whole = sum(a.part_weights.get(part, 0.0) for a in ruleset.areas)
            _row(sheet, [f"A.{codes[part]}", part.upper(), "", whole, "", total], 1)
        for area in view.areas:
            code = f"A.{codes[part]}.{area.number}" if part else f"A.{area.number}"
            scored = area.part(part) if part else None
            weight, value = (scored.weight, scored.value) if scored else (area.weight, area.value)
            _row(sheet, [code, area.name, "", weight, "", value], 2)
            for indicator in area.indicators:
                if indicator.part == part:
                    _indicator_rows(sheet, ruleset, answers, indicator)
    if ruleset.parts:  # the combined areas decide the per-area minimum: show them too
        _row(sheet, ["", "REKAP PER AREA (PEMENUHAN + REFORM)", "", ruleset.pengungkit_weight, "", view.pengungkit], 1)
        for area in view.areas:
            _row(sheet, [f"A.{area.number}", area.name, "", area.weight, "", area.value], 2)


def _indicator_rows(sheet: Worksheet, ruleset: Ruleset, answers: Answers, indicator: IndicatorScore) -> None:
    _row(sheet, [indicator.id, indicator.name, "", indicator.weight, "", indicator.value], 3)
    for question in indicator.questions:
        source = ruleset.question(question.id)
        assert source is not None
        answer = answers.get(question.id)
        kind = ruleset.answer_types[question.answer_type]
        note = answer.note if answer else None
        key = f"q:{question.id}"
        if source.formula is None:
            letter = answer.choice if answer else None
            _row(sheet, [question.id, question.label, kind.label, question.weight, letter, question.value, note, key])
            continue
        label = f"{question.label} (= {source.formula.expression})"
        _row(sheet, [question.id, label, kind.label, question.weight, "", question.value, note, key])
        for item in source.formula.inputs:
            count = answer.inputs.get(item.name) if answer else None
            _row(sheet, ["", f"  {item.label}", "jumlah", "", count, "", "", f"in:{question.id}:{item.name}"])
        if answer is not None and answer.value is not None:
            label = "  nilai dari penilai (rumus tidak terdefinisi)"
            _row(sheet, ["", label, "0–1", "", answer.value, "", "", f"nilai:{question.id}"])


def _hasil_rows(sheet: Worksheet, ruleset: Ruleset, answers: Answers, view: ScoreView) -> None:
    _row(sheet, ["B", "HASIL", "", ruleset.hasil_weight, "", view.hasil], 1)
    for group in view.hasil_groups:
        _row(sheet, [group.id, group.name, "", group.weight, "", group.value], 2)
        for component in group.components:
            kind = ruleset.answer_types[component.answer_type]
            given = answers.hasil.get(component.key)
            _row(
                sheet,
                [
                    component.id,
                    component.name,
                    kind.label,
                    component.weight,
                    given,
                    component.value,
                    "",
                    f"h:{component.key}",
                ],
            )
    _row(sheet, ["", "NILAI TOTAL (PENGUNGKIT + HASIL)", "", 100.0, "", view.total], 1)


def _prerequisite_rows(sheet: Worksheet, ruleset: Ruleset, answers: Answers) -> None:
    _row(sheet, ["C", "PRASYARAT (di luar nilai)", "", "", "", ""], 1)
    for prerequisite in ruleset.prerequisites:
        needs = "; ".join(f"{p}: {text}" for p, text in prerequisite.requirement.items())
        fact = _fact_cell(answers.prerequisites.get(prerequisite.key))
        _row(sheet, [prerequisite.key, prerequisite.label, needs, "", fact, "", "", f"p:{prerequisite.key}"])


def _validations(sheet: Worksheet, ruleset: Ruleset) -> None:
    """Drop-down lists of the allowed letters, so Excel itself refuses a wrong answer."""
    lists: dict[tuple[str, ...], DataValidation] = {}
    for row in range(6, sheet.max_row + 1):
        key = str(sheet.cell(row, 8).value or "")
        question = ruleset.question(key[2:]) if key.startswith("q:") else None
        component = ruleset.hasil_item(key[2:]) if key.startswith("h:") else None
        answer_type = question.answer_type if question else getattr(component, "answer_type", None)
        choices = allowed_choices(ruleset, answer_type) if answer_type else ()
        if not choices:
            continue
        if choices not in lists:
            lists[choices] = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            sheet.add_data_validation(lists[choices])
        lists[choices].add(f"E{row}")


def _fact_cell(fact: Any) -> Any:
    if isinstance(fact, bool):
        return "Ya" if fact else "Tidak"
    if isinstance(fact, dict):
        return "; ".join(f"{k}={v}" for k, v in fact.items())
    return fact


def _fact_value(cell: Any) -> Any:
    if not isinstance(cell, str):
        return cell
    if cell.strip().lower() in ("ya", "tidak"):
        return cell.strip().lower() == "ya"
    if "=" in cell:
        pairs = (part.split("=", 1) for part in cell.split(";") if "=" in part)
        return {k.strip(): _number(v.strip()) for k, v in pairs}
    return _number(cell.strip())


def _number(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


#: An exported LKE workbook is ~100 KB; openpyxl holds a whole sheet in memory, so both bounds are tight.
MAX_WORKBOOK_BYTES = 16 * MB
MAX_WORKBOOK_INFLATED = 64 * MB


def _check_workbook(path: Path) -> None:
    """Size and zip bounds before openpyxl inflates anything (a workbook from a unit is untrusted)."""
    try:
        file_size_within(path, MAX_WORKBOOK_BYTES)
        with ZipFile(path) as archive:
            check_zip(archive, MAX_WORKBOOK_INFLATED)
    except InputBoundError as exc:
        raise AnswersError(str(path), [str(exc)]) from None
    except ParseFailure as failure:
        raise AnswersError(str(path), [f"{failure.problem.message} {failure.problem.hint}"]) from None
    except (OSError, BadZipFile) as exc:
        raise AnswersError(str(path), [f"bukan berkas XLSX yang dapat dibaca ({exc})"]) from None


def import_xlsx(path: Path, ruleset: Ruleset) -> Answers:
    """Read a workbook written by :func:`export_xlsx` (and filled in by the team) into checked answers."""
    _check_workbook(path)
    try:
        book = load_workbook(path, data_only=True, read_only=False)
    except (OSError, ValueError, KeyError, BadZipFile, InvalidFileException) as exc:
        raise AnswersError(str(path), [f"bukan berkas XLSX yang dapat dibaca ({exc})"]) from None
    if SHEET not in book.sheetnames:
        raise AnswersError(str(path), [f"lembar '{SHEET}' tidak ada; pakai berkas dari 'zi-evidence answers export'"])
    sheet = book[SHEET]
    columns = _columns(sheet)
    if columns is None:
        raise AnswersError(str(path), ["baris judul kolom (Kode, Jawaban, Kunci) tidak ditemukan di lembar LKE"])
    raw: dict[str, Any] = {"schema_version": 1, "jawaban": {}, "hasil": {}, "prasyarat": {}}
    for row in sheet.iter_rows(min_row=columns["_header"] + 1, values_only=True):
        _read_row(row, columns, ruleset, raw)
    if INFO_SHEET in book.sheetnames:
        for key, value in book[INFO_SHEET].iter_rows(min_row=2, max_col=2, values_only=True):
            if key == "ruleset" and value:
                raw["ruleset"] = str(value)
            elif key == "jenis_instansi" and value:
                raw["jenis_instansi"] = str(value)
            elif isinstance(key, str) and key.startswith("opsi.") and value:
                raw.setdefault("opsi", {})[key[5:]] = str(value)
    return parse_answers(raw, ruleset, str(path))


def _columns(sheet: Worksheet) -> dict[str, int] | None:
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=15, values_only=True), start=1):
        names = [str(v).strip().lower() if v is not None else "" for v in row]
        if "jawaban" in names and ("kunci" in names or "kode" in names):
            found: dict[str, int] = {n: names.index(n) for n in ("kode", "jawaban", "catatan", "kunci") if n in names}
            return {**found, "_header": number}
    return None


def _read_row(row: tuple[Any, ...], columns: dict[str, int], ruleset: Ruleset, raw: dict[str, Any]) -> None:
    def cell(name: str) -> Any:
        index = columns.get(name)
        value = row[index] if index is not None and index < len(row) else None
        return value.strip() or None if isinstance(value, str) else value

    key = str(cell("kunci") or "")
    if not key and ruleset.question(str(cell("kode") or "")) is not None:
        key = f"q:{cell('kode')}"  # a row whose key cell was cleared still names its question
    kind, _, rest = key.partition(":")
    value = cell("jawaban")
    if kind == "q":
        entry = raw["jawaban"].setdefault(rest, {})
        question = ruleset.question(rest)
        if value is not None and (question is None or question.formula is None):
            entry["jawaban"] = _number(value) if not isinstance(value, str) else value
        if cell("catatan") is not None:
            entry["catatan"] = str(cell("catatan"))
    elif kind == "in":
        qid, _, name = rest.partition(":")
        if value is not None:
            raw["jawaban"].setdefault(qid, {}).setdefault("input", {})[name] = _number(value)
    elif kind == "nilai" and value is not None:
        raw["jawaban"].setdefault(rest, {})["nilai"] = _number(value)
    elif kind == "h" and value is not None:
        raw["hasil"][rest] = _number(value)
    elif kind == "p" and value is not None:
        raw["prasyarat"][rest] = _fact_value(value)
