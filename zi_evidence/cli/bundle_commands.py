"""``zi-evidence bundle`` (build), ``bundle verify`` and ``bundle diff``.

``bundle`` is a group whose default subcommand is ``build``: ``bundle [DIR] -o OUT.zip`` and
``bundle build [DIR] -o OUT.zip`` are the same; ``verify`` and ``diff`` are ordinary subcommands.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from zi_evidence.cli.options import BarProgress, json_option, open_repository, quiet_option, state_option


class BundleGroup(click.Group):
    """Arguments that do not start with a known subcommand go to ``build``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["build", *args]
        return super().parse_args(ctx, args)


@click.group(cls=BundleGroup)
def bundle() -> None:
    """Bundel unggah PMPZI: 'bundle [DIR] -o OUT.zip' membuat, 'bundle verify' memeriksa, 'bundle diff' membandingkan.

    Bundel dibuat dari katalog (jalankan 'zi-evidence index' lebih dulu): data dukung per
    area/indikator/pertanyaan, manifest.json dengan SHA-256, DAFTAR-ISI.html, surat pengajuan
    dan SPTJM (DOCX). Hasilnya sama persis bila bukti tidak berubah.
    """


def _mb(value: float | None, setting: float | None) -> int | None:
    from zi_evidence.bundle.limits import mb_to_bytes

    return mb_to_bytes(value if value is not None else setting)


@bundle.command("build")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Berkas zip keluaran (di luar repositori). Dengan --split: NAMA-01.zip, NAMA-02.zip, …",
)
@click.option("--layout", default=None, help="Tata letak bundel (bawaan: bundle.layout di konfigurasi, atau pmpzi).")
@click.option("--split", is_flag=True, help="Bagi menjadi beberapa jilid bernomor bila melebihi --max-bundle-mb.")
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Batas ukuran per berkas dalam MB (bawaan: bundle.max_file_mb, 10).",
)
@click.option(
    "--max-bundle-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Batas ukuran per bundel/jilid dalam MB (bawaan: bundle.max_bundle_mb, tanpa batas).",
)
@click.option(
    "--types",
    default=None,
    help="Jenis berkas yang dimasukkan, dipisah koma: pdf,docx,xlsx,jpg,png (bawaan: bundle.types, pdf).",
)
@click.option(
    "--include-problems",
    is_flag=True,
    help="Tetap sertakan berkas bermasalah (terenkripsi, rusak, kosong…); temuannya dicatat di manifes.",
)
@click.option("--strict", is_flag=True, help="Gagal tanpa menulis apa pun bila ada berkas bukti yang tidak bisa masuk.")
@click.option(
    "--no-convert",
    is_flag=True,
    help="Jangan ubah foto dan berkas Office ke PDF (bawaan: diubah bila hanya PDF yang diunggah; bundle.convert).",
)
@click.option(
    "--izinkan-data-pribadi",
    "allow_personal_data",
    is_flag=True,
    help="Tetap sertakan berkas yang memuat data pribadi warga (NIK, KK, NPWP, ponsel, e-mail); dicatat di manifes.",
)
@state_option
@quiet_option
@json_option
def build(
    directory,
    output,
    layout,
    split,
    max_file_mb,
    max_bundle_mb,
    types,
    include_problems,
    strict,
    no_convert,
    allow_personal_data,
    state_dir,
    quiet,
    as_json,
):
    """Buat bundel unggah PMPZI dari repositori DIRECTORY (bawaan: repositori saat ini)."""
    from zi_evidence.bundle import BundleOptions, build_bundle
    from zi_evidence.bundle.limits import parse_types

    repo = open_repository(directory, state_dir)
    settings = repo.config.bundle
    options = BundleOptions(
        layout=layout or settings.layout,
        types=parse_types(types if types is not None else settings.types),
        max_file_bytes=_mb(max_file_mb, settings.max_file_mb),
        max_bundle_bytes=_mb(max_bundle_mb, settings.max_bundle_mb),
        split=split,
        include_problems=include_problems,
        strict=strict,
        convert=settings.convert and not no_convert,
        allow_personal_data=allow_personal_data,
    )
    progress = BarProgress(quiet or as_json)
    result = build_bundle(repo, output, options, progress)
    progress.finish()
    if as_json:
        data = asdict(result)
        data["exclusions"] = [
            {"original_path": e.candidate.original_path, "target_id": e.candidate.target_id, **e.finding.as_dict()}
            for e in result.exclusions
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _summary(result, options)


def _summary(result: Any, options: Any) -> None:
    from zi_evidence.bundle.limits import fmt_mb

    for path, sha in zip(result.outputs, result.manifest_sha256, strict=True):
        click.echo(f"Bundel ditulis: {path}  (SHA-256 manifes {sha})")
    click.echo(f"{result.files} berkas data dukung, {fmt_mb(result.bytes_total)}; waktu bundel {result.build_time}.")
    if result.exclusions:
        click.echo(f"{len(result.exclusions)} berkas tidak dimasukkan:")
        for exclusion in result.exclusions:
            finding = exclusion.finding
            click.echo(f"  - {exclusion.candidate.original_path}: {finding.message}")
            if finding.hint:
                click.echo(f"      → {finding.hint}")
    waiting = [e for e in result.exclusions if e.finding.code == "needs_converter"]
    if waiting:  # one line the user can act on: install the converter, build again
        click.echo(
            f"{len(waiting)} berkas belum dapat diubah ke PDF: {waiting[0].finding.message.split('tetapi ', 1)[-1]} "
            f"{waiting[0].finding.hint}"
        )
    if any(e.finding.code.startswith("problem:") for e in result.exclusions) and not options.include_problems:
        click.echo("Berkas bermasalah dikecualikan; sertakan tetap dengan --include-problems (temuannya dicatat).")
    for status in result.reports:
        if not status.included:
            click.echo(status.message)
    for note in result.notes:
        click.echo(note)
    click.echo(
        "Simpan SHA-256 manifes di atas sebagai bukti isi pengajuan; periksa kapan saja dengan "
        "'zi-evidence bundle verify'."
    )


@bundle.command("verify")
@click.argument("bundles", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
def verify(bundles, as_json):
    """Periksa ulang bundel: SHA-256 setiap berkas terhadap manifes, keutuhan manifes, berkas hilang/lebih/berubah.

    Keluar dengan kode 1 bila ada bundel yang tidak utuh.
    """
    from zi_evidence.bundle import verify_bundle

    reports = [verify_bundle(path) for path in bundles]
    if as_json:
        click.echo(json.dumps([{**asdict(r), "ok": r.ok} for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            _print_verify(report)
    if not all(r.ok for r in reports):
        raise SystemExit(1)


def _print_verify(report: Any) -> None:
    number, count = report.volume
    volume = f" (jilid {number} dari {count})" if count > 1 else ""
    if report.ok:
        click.echo(f"UTUH: {report.path}{volume} — {report.checked} berkas sesuai manifes.")
        return
    click.echo(f"TIDAK UTUH: {report.path}{volume}")
    for label, items in (
        ("Hilang", report.missing),
        ("Tambahan (tidak ada di manifes)", report.extra),
        ("Berubah", report.altered),
        ("Nama tidak aman", report.unsafe),
    ):
        for item in items:
            click.echo(f"  {label}: {item}")
    for problem in report.problems:
        click.echo(f"  {problem}")
    click.echo("  → Jangan unggah bundel ini; buat ulang dengan 'zi-evidence bundle' atau minta kiriman ulang.")


@bundle.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
def diff(old, new, as_json):
    """Bandingkan dua bundel: data dukung yang ditambah, dihapus, berubah isi, dipindah atau dipetakan ulang."""
    from zi_evidence.bundle import diff_bundles

    result = diff_bundles(old, new)
    if as_json:
        click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return
    for note in result.notes:
        click.echo(note)
    if result.empty:
        click.echo(f"Tidak ada perbedaan data dukung ({result.unchanged} berkas sama).")
        return
    for entry in result.added:
        click.echo(f"+ ditambah  {entry.original_path} [{entry.target_id}]")
    for entry in result.removed:
        click.echo(f"- dihapus   {entry.original_path} [{entry.target_id}]")
    for a, _b in result.changed:
        click.echo(f"~ berubah   {a.original_path} [{a.target_id}]")
    for a, b in result.moved:
        click.echo(f"> dipindah  {a.original_path} → {b.original_path}")
    for a, b in result.remapped:
        click.echo(f"> dipetakan ulang {a.original_path}: {a.target_id} → {b.target_id}")
    click.echo(f"{result.unchanged} berkas tidak berubah.")


def _add_plan() -> None:
    from zi_evidence.cli.bundle_plan import plan

    bundle.add_command(plan)


_add_plan()
