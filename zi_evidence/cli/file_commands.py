"""``zi-evidence files``: one line (or JSON record) per catalogued file, the listing the web app shows too."""

from __future__ import annotations

import json
from pathlib import Path

import click

from zi_evidence.cli.options import json_option, open_repository, state_option


def _size(value: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if value >= factor:
            return f"{value / factor:.1f} {unit}".replace(".", ",")
    return f"{value} B"


#: A file's catalog status as a team reads it (the same words as the web app's file page).
STATUS_LABELS = {
    "ok": "terbaca",
    "problem": "bermasalah",
    "unsupported": "format tidak dibaca",
    "pending": "belum dibaca",
}


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@state_option
@click.option(
    "--question", default=None, help="Hanya berkas pertanyaan/indikator ini (dan yang di bawahnya), mis. A.I.1."
)
@click.option("--problems", is_flag=True, help="Hanya berkas bermasalah (status bukan ok, atau ada galat/peringatan).")
@click.option("--unmapped", is_flag=True, help="Hanya berkas yang belum terpetakan atau ambigu.")
@json_option
def files(directory, state_dir, question, problems, unmapped, as_json):
    """Daftar berkas dalam katalog: jalur, pertanyaan, pemetaan dan alasannya, tipe, ukuran, SHA-256, halaman,
    jenis dokumen, tahun, status dan masalah."""
    from zi_evidence.errors import CatalogMissing
    from zi_evidence.problems import SEVERITY_LABELS
    from zi_evidence.readiness.listing import MAPPING_LABELS, file_rows

    repo = open_repository(directory, state_dir)
    if not repo.has_catalog():
        raise CatalogMissing(f"Katalog {repo.root} belum ada. Jalankan dulu: zi-evidence index {repo.root}")
    rows = file_rows(repo, question=question, problems=problems, unmapped=unmapped)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Tidak ada berkas yang cocok.")
        return
    for row in rows:
        label = MAPPING_LABELS.get(row.mapping, row.mapping)
        where = f"{row.question} ({label}: {row.reason})" if row.question else f"{label} ({row.reason})"
        kinds = ", ".join(row.kinds) or "-"
        status = STATUS_LABELS.get(row.status, row.status)
        click.echo(f"{row.path}")
        click.echo(
            f"   {where} · {row.mime} · "
            f"{_size(row.size)} · {row.pages} hlm · jenis {kinds} · tahun {row.year or '-'} · {status} · "
            f"sha256 {row.sha256[:12]}…"
        )
        for problem in row.problems:
            hint = f" → {problem.hint}" if problem.hint else ""
            click.echo(f"   [{SEVERITY_LABELS.get(problem.severity, problem.severity)}] {problem.message}{hint}")
    click.echo(f"\n{len(rows)} berkas.")
