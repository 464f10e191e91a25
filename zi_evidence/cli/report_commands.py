"""``zi-evidence check``, ``report`` and ``rollup``: readiness for the TPI review, for one unit or many.

All three read one :class:`~zi_evidence.readiness.Readiness` per unit; formats come from the
``register_report_formats`` hook, so a ministry's own format is used exactly like the built-in ones.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from zi_evidence.cli.options import (
    BarProgress,
    json_option,
    open_repository,
    plugin_host,
    quiet_option,
    repo_option,
    state_option,
)
from zi_evidence.config import CONFIG_NAME, DEFAULT_STATE_DIR, STATE_DIR_ENV, load_config
from zi_evidence.errors import ConfigError, ZiError
from zi_evidence.outputs import refuse_protected

today_option = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Tanggal acuan YYYY-MM-DD untuk tenggat dan laporan berkala (bawaan: hari ini).",
)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def report_formats(host: Any) -> dict[str, Any]:
    """``name -> format class`` of every active plugin (duplicates are an error naming both plugins)."""
    return host.report_formats()


@click.command()
@repo_option
@state_option
@json_option
@today_option
@quiet_option
def check(repo_path, state_dir, as_json, today, quiet):
    """Ringkasan kesiapan penilaian TPI di terminal.

    Kode keluar 0 bila ambang predikat target terpenuhi menurut nilai yang didukung data dukung DAN
    tidak ada temuan galat; 1 bila tidak (alasannya dicetak). Cocok untuk skrip.
    """
    from zi_evidence.readiness import build_readiness

    repo = open_repository(repo_path, state_dir)
    progress = BarProgress(quiet=quiet or as_json)
    readiness = build_readiness(repo, _day(today), progress)
    progress.finish()
    click.echo(
        json.dumps(summary_json(readiness), ensure_ascii=False, indent=2) if as_json else render_check(readiness)
    )
    sys.exit(0 if readiness.verdict.ok else 1)


@click.command()
@click.option(
    "--format", "-f", "format_name", default=None, help="html, md, json atau xlsx (bawaan: dari akhiran berkas -o)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Berkas laporan tujuan; hanya berkas ini yang ditulis.",
)
@repo_option
@state_option
@today_option
@click.option("--force", is_flag=True, hidden=True, help="Tidak berlaku lagi: laporan tidak ditulis ke data dukung.")
@quiet_option
def report(format_name, output, repo_path, state_dir, today, force, quiet):
    """Tulis laporan kesiapan (HTML, Markdown, JSON atau XLSX berbentuk LKE) ke satu berkas."""
    from zi_evidence.readiness import build_readiness
    from zi_evidence.readiness.formats import choose_format

    repo = open_repository(repo_path, state_dir)
    fmt = choose_format(report_formats(repo.host), format_name, output)
    repo.refuse_output(output)
    progress = BarProgress(quiet=quiet)
    readiness = build_readiness(repo, _day(today), progress)
    progress.finish()
    fmt().render(readiness, output)
    click.echo(f"{fmt.label} ditulis ke {output}.")
    if readiness.answers.status != "ok":
        click.echo(readiness.answers.note)


@click.command()
@click.argument("dirs", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Berkas rekap tujuan (bawaan: tabel di layar).",
)
@click.option(
    "--format", "-f", "format_name", default=None, help="html, xlsx, md atau json (bawaan: dari akhiran berkas -o)."
)
@today_option
@quiet_option
def rollup(dirs, output, format_name, today, quiet):
    """Rekap banyak unit (satu folder data dukung per unit): nilai per area, predikat dan kelengkapan.

    Untuk Kanwil / Eselon I. Unit yang belum punya katalog ditandai dengan saran 'zi-evidence index DIR'.
    """
    from zi_evidence.readiness import build_rollup
    from zi_evidence.readiness.formats import choose_format

    if os.environ.get(STATE_DIR_ENV) and len(dirs) > 1:
        raise ConfigError(
            f"{STATE_DIR_ENV} menunjuk satu folder status untuk semua unit, sehingga rekap akan salah. "
            f"Hapus variabel itu untuk perintah rollup (tiap unit memakai folder statusnya sendiri)."
        )
    fmt = None
    if output is not None or format_name is not None:
        formats = {n: f for n, f in report_formats(plugin_host()).items() if hasattr(f, "render_rollup")}
        fmt = choose_format(formats, format_name, output or Path("-"))
        if output is None and fmt.suffix == ".xlsx":
            raise ConfigError("Rekap XLSX tidak dapat dicetak ke layar; beri berkas tujuan dengan -o.")
    _refuse_non_repositories(dirs)
    if output is not None:
        for unit in dirs:
            refuse_protected(output, unit, _state_dir_of(unit))
    progress = BarProgress(quiet=quiet)
    result = build_rollup(dirs, _day(today), progress)
    progress.finish()
    if output is None:
        click.echo(fmt().render_rollup(result).decode("utf-8") if fmt else render_rollup(result), nl=False)
        return
    fmt().render_rollup(result, output)
    click.echo(f"Rekap {len(result.units)} unit ditulis ke {output}.")


def _state_dir_of(unit: Path) -> Path:
    try:
        return load_config(unit.resolve()).state_dir
    except ZiError:  # a broken config is that unit's row in the rollup; its default state folder still counts
        return unit / DEFAULT_STATE_DIR


def _refuse_non_repositories(dirs: tuple[Path, ...]) -> None:
    """A unit folder that is not a repository is a typo or an unmounted share: say so, write nothing."""
    missing = [str(d) for d in dirs if not (d / CONFIG_NAME).is_file()]
    if missing:
        raise ConfigError(
            f"Bukan folder repositori data dukung (tidak ada {CONFIG_NAME}): {', '.join(missing)}. "
            "Periksa ejaan jalurnya dan sambungan berbagi jaringan, atau siapkan dengan 'zi-evidence init DIR'; "
            "tidak ada rekap yang ditulis."
        )


# -- terminal text -----------------------------------------------------------------------------------


def _n(value: float | None) -> str:
    from zi_evidence.scoring import format_number

    return "—" if value is None else format_number(value)


def _passed(value: bool | None) -> str:
    return "belum dinilai" if value is None else ("MEMENUHI" if value else "BELUM MEMENUHI")


def render_check(r: Any) -> str:
    """The summary a ZI team reads before the TPI review; the last lines say why the exit code is what it is."""
    from zi_evidence.readiness import SEVERITY_LABELS, format_date

    counts = r.severity_counts()
    whole = r.completeness()
    lines = [f"{r.unit} — {r.ruleset_id}, tahun {r.year}, target {r.target} (per {format_date(r.today)})"]
    if r.deadline:
        d = r.deadline
        lines.append(f"Tenggat berikutnya: {format_date(d.date)} ({d.days_left} hari lagi) — {d.label}")
    lines += [
        f"Kelengkapan: {whole.supported} dari {whole.targets} pertanyaan/komponen hasil punya data dukung yang layak "
        f"({r.files} berkas).",
        "Temuan: " + ", ".join(f"{counts[k]} {v}" for k, v in SEVERITY_LABELS.items()) + ".",
        "",
    ]
    if r.scores is None:
        lines += [r.answers.note, *(f"  - {p}" for p in r.answers.problems[:10]), ""]
        lines.append(f"{'Area':<46} {'berkas':>7} {'berbukti layak':>16}")
        lines += [f"{a.number}. {a.name:<43} {a.files:>7} {a.supported:>9} / {a.questions:<4}" for a in r.areas]
    else:
        s = r.scores
        lines.append(f"{'Nilai':<46} {'jawaban':>9} {'bukti':>9} {'bobot':>7}")
        for a in r.areas:
            lines.append(f"{a.number}. {a.name:<43} {_n(a.claimed):>9} {_n(a.backed):>9} {_n(a.weight):>7}")
        for label, c, b, w in (
            ("Pengungkit", s.claimed.pengungkit, s.backed.pengungkit, s.backed.pengungkit_weight),
            ("Hasil", s.claimed.hasil, s.backed.hasil, s.backed.hasil_weight),
            ("Total", s.claimed.total, s.backed.total, 100.0),
        ):
            lines.append(f"{label:<46} {_n(c):>9} {_n(b):>9} {_n(w):>7}")
        lines.append("(jawaban = sesuai jawaban tim; bukti = hanya jawaban yang didukung data dukung)")
        lines.append("")
        for name in ("WBK", "WBBM"):
            claimed, backed = s.predicate(name, "claimed"), s.predicate(name, "backed")
            if claimed is None or backed is None:
                continue
            lines.append(
                f"{name}: sesuai jawaban {_passed(claimed.passed)}; didukung data dukung {_passed(backed.passed)}"
            )
            lines += [f"  - kurang: {c.label} {_n(c.value)} < {_n(c.minimum)}" for c in backed.failed]
        if s.gap.items:
            lines += ["", f"Rencana perbaikan teratas menuju {s.gap.target} (lengkapnya di 'zi-evidence report'):"]
            lines += [f"  {i}. [{g.ref}] {g.action}" for i, g in enumerate(s.gap.items[:5], start=1)]
    errors = [f for f in r.findings if f.severity == "error"]
    if errors:
        lines += ["", f"Temuan galat ({len(errors)}):"]
        lines += [f"  - {f.question or f.path or ''}: {f.message}" for f in errors[:10]]
        if len(errors) > 10:
            lines.append(f"  … dan {len(errors) - 10} lainnya (lihat 'zi-evidence report').")
    lines.append("")
    if r.verdict.ok:
        lines.append(
            f"SIAP (kode keluar 0): ambang {r.target} terpenuhi dengan data dukung dan tidak ada temuan galat."
        )
    else:
        lines.append("BELUM SIAP (kode keluar 1):")
        lines += [f"  - {reason}" for reason in r.verdict.reasons]
    lines += [f"  Catatan: {note}" for note in r.verdict.notes]
    return "\n".join(lines)


def summary_json(r: Any) -> dict[str, Any]:
    """``check --json``: the verdict and the headline numbers (the full data is ``report --format json``)."""
    scores = r.scores
    predicates = {}
    for name in ("WBK", "WBBM"):
        claimed = scores.predicate(name, "claimed") if scores else None
        backed = scores.predicate(name, "backed") if scores else None
        if claimed is not None and backed is not None:
            predicates[name] = {"sesuai_jawaban": claimed.passed, "didukung_data_dukung": backed.passed}
    return {
        "siap": r.verdict.ok,
        "kode_keluar": 0 if r.verdict.ok else 1,
        "alasan": list(r.verdict.reasons),
        "catatan": list(r.verdict.notes),
        "unit": r.unit,
        "ruleset": r.ruleset_id,
        "tahun": r.year,
        "target": r.target,
        "per_tanggal": r.today.isoformat(),
        "tenggat": None
        if r.deadline is None
        else {"kunci": r.deadline.key, "tanggal": r.deadline.date.isoformat(), "hari_lagi": r.deadline.days_left},
        "jawaban": r.answers.status,
        "nilai": None
        if scores is None
        else {"sesuai_jawaban": scores.claimed.total, "didukung_data_dukung": scores.backed.total},
        "predikat": predicates,
        "kelengkapan": {"berbukti_layak": r.completeness().supported, "jumlah": r.completeness().targets},
        "temuan": r.severity_counts(),
    }


def render_rollup(rollup: Any) -> str:
    from zi_evidence.readiness import format_date

    lines = [f"Rekap {len(rollup.units)} unit (per {format_date(rollup.today)}); area: didukung data dukung / bobot"]
    for u in rollup.units:
        lines.append("")
        if u.status != "ok":
            lines.append(f"{u.unit} ({u.path}): {u.message}")
            continue
        predicates = (
            ", ".join(
                f"{name} {'ya' if v['claimed'] else 'belum'}/{'ya' if v['backed'] else 'belum'}"
                for name, v in u.predicates.items()
            )
            or "belum dinilai (jawaban belum ada)"
        )
        total = f"{_n(u.claimed.total)} → {_n(u.backed.total)}" if u.backed else "—"
        lines.append(f"{u.unit} ({u.path}) — {u.ruleset_id}, target {u.target}: {'SIAP' if u.ready else 'belum siap'}")
        lines.append(f"  total {total}; predikat (jawaban/bukti): {predicates}")
        lines.append(f"  kelengkapan {u.supported}/{u.questions}; {u.errors} galat, {u.warnings} peringatan")
        areas = "  ".join(
            f"A{a.number} {_n(a.backed)}/{_n(a.weight)}"
            if a.backed is not None
            else f"A{a.number} {a.supported}/{a.questions}"
            for a in u.areas
        )
        lines.append(f"  {areas}")
    return "\n".join(lines) + "\n"
