"""What goes into the bundle, decided from the catalog alone (the tree is never walked again).

Each catalogued file is either planned (with its bundle path) or excluded with a finding that says
why and what to do. The only look at the tree is an ``lstat``/``realpath`` of each candidate, so a
file replaced by a link or a device since the last index is refused before anything is written.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from zi_evidence.bundle.convert import (
    Converted,
    check_ready,
    choose,
    convert_cached,
    groups,
    needs_converter,
    preview,
)
from zi_evidence.bundle.limits import check_size, check_type, type_of
from zi_evidence.bundle.model import BundleOptions, Candidate, Exclusion, Layout, PlannedFile
from zi_evidence.bundle.naming import NameAllocator, file_label
from zi_evidence.problems import Problem
from zi_evidence.progress import Progress, Silent
from zi_evidence.state.records import FileRecord

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can carry


@dataclass(frozen=True)
class BundlePlan:
    files: tuple[PlannedFile, ...]
    exclusions: tuple[Exclusion, ...]
    build_time: datetime
    build_time_source: str


def candidate_of(record: FileRecord, ruleset: Any) -> Candidate:
    problems = record.all_problems
    return Candidate(
        raw_path=record.path,
        original_path=record.display,
        target_id=record.target_id,
        target_level=target_level(ruleset, record.target_id),
        size=record.size,
        sha256=record.sha256,
        mime=record.mime,
        type_name=type_of(record.mime),
        kinds=record.kinds,
        page_count=record.page_count,
        mtime_ns=record.mtime_ns,
        problems=problems,
    )


def skipped_candidate(shown: str, raw: bytes, finding: Problem) -> Exclusion:
    """A tree entry the scan refused (link, device, unreadable): reported, never bundled."""
    candidate = Candidate(raw, shown, None, "unmapped", 0, "", "", "lainnya", (), 0, 0, (finding,))
    return Exclusion(candidate, finding)


def target_level(ruleset: Any, target_id: str | None) -> str:
    if not target_id:
        return "unmapped"
    if ruleset.question(target_id) is not None:
        return "question"
    if ruleset.indicator(target_id) is not None:
        return "indicator"
    if hasil_by_id(ruleset, target_id) is not None:
        return "hasil"
    return "unmapped"


def hasil_by_id(ruleset: Any, target_id: str) -> tuple[Any, Any] | None:
    """(group, component or None) for a hasil id such as ``B.I`` or ``B.I.a`` (the rule set looks up by key)."""
    for group in ruleset.hasil:
        if group.id == target_id:
            return group, None
        for part in group.components:
            if part.id == target_id:
                return group, part
    return None


def lke_order(ruleset: Any) -> dict[str, int]:
    """Position of every question, indicator and hasil id in LKE order (an indicator before its questions)."""
    order: dict[str, int] = {}
    for indicator in ruleset.indicators:
        order[indicator.id] = len(order)
        for question in ruleset.questions_of(indicator.id):
            order[question.id] = len(order)
    for group in ruleset.hasil:
        order[group.id] = len(order)
        for part in group.components:
            order[part.id] = len(order)
    return order


def build_time(candidates: list[Candidate]) -> tuple[datetime, str]:
    """SOURCE_DATE_EPOCH when set, else the newest evidence change: the same evidence gives the same time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            when = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            from zi_evidence.errors import BundleError

            raise BundleError(
                f"SOURCE_DATE_EPOCH={epoch!r} bukan detik Unix yang sah; kosongkan atau perbaiki."
            ) from None
        return max(when, ZIP_EPOCH), "SOURCE_DATE_EPOCH"
    newest = max((c.mtime_ns for c in candidates), default=0)
    return max(datetime.fromtimestamp(newest // 1_000_000_000, UTC), ZIP_EPOCH), "evidence_mtime"


def tree_check(root: bytes, candidate: Candidate) -> Problem | None:
    """Refuse anything that is not, right now, a regular file reached without passing a link."""
    full = root + b"/" + candidate.raw_path
    try:
        info = os.lstat(full)
    except OSError as exc:
        return Problem("missing", f"Berkas tidak ditemukan lagi ({exc.strerror}).", "Jalankan 'zi-evidence index'.")
    if stat.S_ISLNK(info.st_mode):
        return Problem(
            "link",
            "Tautan (symlink) tidak dimasukkan ke bundel: isinya bisa berada di luar repositori.",
            "Salin berkas aslinya ke folder pertanyaan, lalu jalankan 'zi-evidence index'.",
        )
    if not stat.S_ISREG(info.st_mode):
        return Problem("special_file", "Bukan berkas biasa (perangkat/FIFO/soket).", "Hapus entri ini dari folder.")
    if os.path.realpath(full) != os.path.realpath(root) + b"/" + candidate.raw_path:
        return Problem(
            "outside_tree",
            "Jalur berkas melewati tautan folder sehingga menunjuk ke luar repositori.",
            "Ganti folder tautan dengan folder biasa, lalu jalankan 'zi-evidence index'.",
        )
    if info.st_size != candidate.size or info.st_mtime_ns != candidate.mtime_ns:
        return Problem(
            "stale",
            "Berkas berubah sejak indeks terakhir; isi katalog tidak lagi sesuai.",
            "Jalankan 'zi-evidence index' lalu buat bundel lagi.",
        )
    return None


def screen(candidate: Candidate, options: BundleOptions) -> Problem | None:
    """The first reason (if any) to leave a catalogued file out, in the order a team fixes them."""
    if candidate.target_level == "unmapped":
        from zi_evidence.suggest import map_command  # the ranking's modules load only for such a file

        return Problem(
            "unmapped",
            "Berkas belum terpetakan ke pertanyaan LKE mana pun, jadi tidak punya tempat di bundel.",
            # the path as 'zi-evidence map' takes it: accepting a place never moves the file
            f"Petakan tanpa memindahkan berkas: {map_command(candidate.original_path, 'ID-PERTANYAAN')} "
            "(saran dari isinya: 'zi-evidence status'), lalu index ulang.",
            "warning",
        )
    errors = [p for p in candidate.problems if p.severity == "error"]
    if errors and not options.include_problems:
        first = errors[0]
        return Problem(
            f"problem:{first.code}",
            f"Tidak dimasukkan karena bermasalah: {first.message}",
            first.hint or "Perbaiki berkasnya, atau sertakan tetap dengan --include-problems.",
        )
    return check_type(candidate, options.types) or check_size(candidate, options.max_file_bytes)


def make_plan(
    root: bytes,
    records: list[FileRecord],
    skipped: list[tuple[str, Any]],
    ruleset: Any,
    layout: Layout,
    options: BundleOptions,
    converters: Mapping[str, Any] | None = None,
    state_dir: Path | None = None,
    dry: bool = False,
    progress: Progress | None = None,
) -> BundlePlan:
    """``converters`` (made, by name) turn files of a type not taken into PDF when PDF is; cached in ``state_dir``.
    ``dry``: convert nothing, plan what would be (a preflight)."""
    candidates = [candidate_of(r, ruleset) for r in records]
    when, source = build_time(candidates)
    exclusions: list[Exclusion] = []
    for shown, problem in skipped:
        refused = replace(problem, severity="error")
        exclusions.append(skipped_candidate(shown, os.fsencode(shown), refused))
    kept: list[Candidate] = []
    to_convert: list[Candidate] = []
    for candidate in candidates:
        finding = screen(candidate, options) or tree_check(root, candidate)
        if finding is None:
            kept.append(candidate)
        elif convertible(candidate, finding, options, converters):
            refused = tree_check(root, candidate)  # screen() stopped at the type: the tree is checked here
            if refused is None:
                to_convert.append(candidate)
            else:
                exclusions.append(Exclusion(candidate, refused))
        else:
            exclusions.append(Exclusion(candidate, finding))
    made: list[Converted] = []
    if to_convert and converters and state_dir is not None:
        made, refused_files = run_conversions(root, state_dir, converters, to_convert, options, dry, progress)
        exclusions += refused_files
    return BundlePlan(place(kept, ruleset, layout, made), tuple(exclusions), when, source)


def convertible(
    candidate: Candidate, finding: Problem, options: BundleOptions, converters: Mapping[str, Any] | None
) -> bool:
    """Left out only for its type, PDF is taken, and a converter takes the file."""
    if not (options.convert and converters and finding.code == "type_not_allowed" and "pdf" in options.types):
        return False
    return choose(converters, candidate.mime) is not None


def run_conversions(
    root: bytes,
    state_dir: Path,
    converters: Mapping[str, Any],
    candidates: list[Candidate],
    options: BundleOptions,
    dry: bool = False,
    progress: Progress | None = None,
) -> tuple[list[Converted], list[Exclusion]]:
    made: list[Converted] = []
    refused: list[Exclusion] = []
    jobs = groups(candidates, converters, options.max_file_bytes)
    progress = progress or Silent()
    progress.stage(f"Mengubah {len(jobs)} berkas ke PDF (hasilnya disimpan untuk bundel berikutnya)", len(jobs))
    for converter, members in jobs:
        progress.advance(1)
        missing = check_ready(converter)
        if missing is not None:
            refused += [Exclusion(c, needs_converter(missing)) for c in members]
            continue
        result = (preview if dry else convert_cached)(root, state_dir, converter, members)
        if isinstance(result, Problem):
            refused += [Exclusion(c, result) for c in members]
            continue
        too_big = check_size(replace(members[0], size=result.size), options.max_file_bytes)
        if too_big is not None and result.path is not None:  # a pending PDF's size is not known yet
            refused += [Exclusion(c, too_big) for c in members]
            continue
        made.append(result)
    return made, refused


def place(
    candidates: list[Candidate], ruleset: Any, layout: Layout, converted: Sequence[Converted] = ()
) -> tuple[PlannedFile, ...]:
    """Bundle paths in LKE order; files of one question numbered 01, 02… by their original path.
    A converted PDF takes the place of its (first) source file, named for it or, for several photos, their folder."""
    order = lke_order(ruleset)
    by_target: dict[str, list[tuple[Candidate, Converted | None]]] = defaultdict(list)
    for candidate in candidates:
        by_target[candidate.target_id or ""].append((candidate, None))
    for pdf in converted:
        by_target[pdf.sources[0].target_id or ""].append((pdf.sources[0], pdf))
    names = NameAllocator()
    planned: list[PlannedFile] = []
    for target in sorted(by_target, key=lambda t: (order.get(t, len(order)), t)):
        folder = layout.folder(ruleset, target)
        prefix = layout.file_prefix(ruleset, target)
        members = sorted(by_target[target], key=lambda item: (item[0].original_path, item[0].raw_path))
        for number, (candidate, made) in enumerate(members, start=1):
            extension = "pdf" if made else (candidate.type_name if candidate.type_name != "lainnya" else "")
            path = names.file(folder, prefix, number, _label(candidate, made), extension)
            planned.append(PlannedFile(candidate, path, (order.get(target, len(order)), target, number), made))
    return tuple(planned)


def _label(candidate: Candidate, made: Converted | None) -> str:
    if made is None or len(made.sources) == 1:
        return file_label(candidate.original_path)
    folder = candidate.original_path.rpartition("/")[0].rsplit("/", 1)[-1]
    return f"Foto {file_label(folder + '.x')}" if folder else file_label(candidate.original_path)
