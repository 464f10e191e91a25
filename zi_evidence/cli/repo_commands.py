"""Commands that create and update a repository: ``init``, ``index``, ``status``."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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
from zi_evidence.errors import ZiError

if TYPE_CHECKING:
    from zi_evidence.index.summary import IndexSummary
    from zi_evidence.readiness.status import StatusReport


def ocr_option(command):
    return click.option(
        "--ocr/--no-ocr",
        default=True,
        show_default=True,
        help="Baca teks pindaian dengan OCR (bila plugin OCR terpasang); --no-ocr lebih cepat.",
    )(command)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--ruleset", default="permenpanrb-90-2021", show_default=True, help="Id aturan penilaian (LKE).")
@click.option("--unit", "unit_name", required=True, help="Nama unit kerja/satker yang dinilai.")
@click.option("--institution", default="", help="Nama instansi (kementerian/lembaga/pemda).")
@click.option(
    "--year",
    type=click.IntRange(2010, 2100),
    default=date.today().year,
    show_default="tahun ini",
    help="Tahun penilaian (periode data dukung).",
)
@click.option(
    "--target", type=click.Choice(["WBK", "WBBM"]), default="WBK", show_default=True, help="Predikat yang dituju."
)
@click.option("--skeleton", is_flag=True, help="Buat satu folder per area/indikator/pertanyaan.")
@click.option("--force", is_flag=True, help="Timpa zi-evidence.yaml yang sudah ada.")
def init(
    directory: Path, ruleset: str, unit_name: str, institution: str, year: int, target: str, skeleton: bool, force: bool
):
    """Siapkan folder DIRECTORY sebagai repositori data dukung."""
    from zi_evidence.scaffold import init_repository

    result = init_repository(
        directory, ruleset, unit_name, year, target, institution, skeleton=skeleton, force=force, host=plugin_host()
    )
    rules, created = result.ruleset, result.folders_created
    click.echo(f"Repositori disiapkan: {result.config_path} (aturan {rules.id}, {unit_name}, {year}, target {target}).")
    if created is not None:
        click.echo(f"{created} folder pertanyaan dibuat. Simpan data dukung di folder pertanyaannya masing-masing.")
    click.echo(f"Langkah berikutnya: zi-evidence index {directory}")


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@state_option
@click.option(
    "--rebuild", is_flag=True, help="Bangun ulang indeks pencarian dari katalog (tanpa membaca ulang berkas)."
)
@click.option(
    "--processes", type=click.IntRange(1, 64), default=None, help="Jumlah proses pembaca (bawaan: semua inti)."
)
@click.option("--no-wait", is_flag=True, help="Gagal segera bila proses lain sedang memperbarui katalog.")
@quiet_option
@click.option(
    "--verify", is_flag=True, help="Hitung ulang hash semua berkas (menangkap suntingan yang tak mengubah waktu)."
)
@ocr_option
@click.option(
    "--ocr-pages",
    type=click.IntRange(0),
    default=None,
    help="Batas halaman yang di-OCR dalam satu putaran (sisanya dilanjutkan pada putaran berikut).",
)
@json_option
def index(directory, state_dir, rebuild, processes, no_wait, quiet, verify, ocr, ocr_pages, as_json):
    """Katalogkan dan indeks data dukung di DIRECTORY (bawaan: repositori saat ini)."""
    summary = None if rebuild or verify else _settled(directory, state_dir, without_expensive=not ocr)
    if summary is None:
        summary = _run(directory, state_dir, rebuild, processes, no_wait, quiet or as_json, verify, ocr, ocr_pages)
    if summary is None:
        return
    if as_json:
        click.echo(json.dumps(asdict(summary), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"Selesai dalam {summary.seconds:.1f} dtk: {summary.new} baru, {summary.changed} berubah, "
        f"{summary.moved} dipindah, {summary.removed} dihapus, {summary.unchanged} tidak berubah; "
        f"{summary.parsed} dibaca, {summary.pages} halaman, {summary.problems} bermasalah, "
        f"{summary.skipped} dilewati."
    )
    for note in summary.notes:
        click.echo(note)
    if summary.problems or summary.skipped:
        click.echo("Lihat rinciannya dengan: zi-evidence status")


def _settled(directory: Path | None, state_dir: Path | None, without_expensive: bool) -> IndexSummary | None:
    """The answer of a run that would change nothing, proven without loading plugins; None: run in full."""
    from zi_evidence.config import find_root, load_config
    from zi_evidence.index.settled import reuse

    try:
        config = load_config(find_root(directory or Path.cwd()), state_dir.absolute() if state_dir else None)
    except (ZiError, OSError):
        return None  # the full run says what is wrong, as it always has
    return reuse(config, without_expensive)


def _run(directory, state_dir, rebuild, processes, no_wait, quiet, verify, ocr, ocr_pages) -> IndexSummary | None:
    """The full run (or ``--rebuild``, which reports itself and returns None)."""
    from zi_evidence.index.run import IndexOptions, run_index
    from zi_evidence.index.search_index import rebuild as rebuild_index
    from zi_evidence.state.lock import writer_lock

    repo = open_repository(directory, state_dir)
    progress = BarProgress(quiet)
    if rebuild:
        with writer_lock(repo.state_dir, wait=not no_wait, on_wait=progress.message), repo.catalog() as catalog:
            count = rebuild_index(catalog, repo.search_backend(), lambda: repo.ruleset, progress)
        progress.finish()
        click.echo(f"Indeks pencarian dibangun ulang dari katalog: {count} dokumen.")
        return None
    options = IndexOptions(
        processes=processes,
        wait=not no_wait,
        exclude_parsers=frozenset() if ocr else repo.expensive_parsers(),
        verify=verify,
        expensive_pages=ocr_pages,
    )
    summary = run_index(repo, options, progress)
    progress.finish()
    return summary


@click.command()
@repo_option
@state_option
@json_option
def status(repo_path, state_dir, as_json):
    """Ringkasan katalog: berkas per area dan pertanyaan, berkas belum terpetakan, masalah."""
    from zi_evidence.readiness.status import collect_status

    repo = open_repository(repo_path, state_dir)
    report = collect_status(repo)
    with repo.catalog() as catalog:  # which journal SQLite uses here, and why (WAL is unsafe on shares)
        journal = {"mode": catalog.journal_mode, "reason": catalog.journal_reason, "state_dir": str(repo.state_dir)}
    if as_json:
        click.echo(json.dumps({**asdict(report), "catalog": journal}, ensure_ascii=False, indent=2))
    else:
        click.echo(render_status(report))
        click.echo(
            f"\nKatalog: {journal['state_dir']} — jurnal SQLite {journal['mode'].upper()} ({journal['reason']})."
        )


def render_status(report: StatusReport) -> str:
    """The ``status`` command's text: areas, questions without evidence, then every file that needs a look."""
    lines = [
        f"{report.unit} — {report.ruleset}, tahun {report.year}, target {report.target}",
        f"{report.files} berkas, {report.pages} halaman dalam katalog.",
        "",
        f"{'Area':<48} {'berkas':>7} {'pertanyaan berbukti':>20}",
    ]
    for area in report.areas:
        lines.append(
            f"{area.number}. {area.name:<45} {area.files:>7} {area.questions_with_evidence:>12} / {area.questions:<5}"
        )
    empty = [qid for qid, count in report.per_question.items() if count == 0]
    lines += ["", f"Pertanyaan tanpa data dukung: {len(empty)} dari {len(report.per_question)}"]
    if report.indicator_level:
        lines.append(
            "Berkas di tingkat indikator (belum per pertanyaan): "
            + ", ".join(f"{k} ({v})" for k, v in sorted(report.indicator_level.items()))
        )
    for title, notes in (
        ("Berkas belum terpetakan ke pertanyaan", report.unmapped),
        ("Masalah berkas", report.problems),
        ("Dilewati (tidak dibaca)", report.skipped),
    ):
        if notes:
            lines += ["", f"{title} ({len(notes)}):"]
            for note in notes:
                hint = f" → {note.hint}" if note.hint else ""
                lines.append(f"  - {note.path}: {note.message}{hint}")
    if report.suggestions:
        lines += ["", f"Saran pemetaan dari isi berkas ({len(report.suggestions)}):"]
        for suggestion in report.suggestions:
            lines.append(f"  - {suggestion.path}")
            for guess in suggestion.guesses:
                lines.append(f"      {guess.question} ({guess.score:.2f}) {guess.label}")
            lines.append(f"      alasan: {'; '.join(suggestion.guesses[0].reasons)}")
            lines.append(f"      terima: {suggestion.command}")
    if not report.files:
        lines += ["", "Katalog masih kosong. Jalankan: zi-evidence index"]
    return "\n".join(lines)
