"""``zi-evidence bundle plan``: what a bundle would hold, convert to PDF and leave out, before building it.

Nothing is written and nothing converted: a PDF not yet in the conversion cache shows as *akan diubah*.
Files that need a converter which is not installed are named with what to install.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from zi_evidence.cli.options import json_option, open_repository, state_option


@click.command("plan")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@click.option("--types", default=None, help="Jenis berkas yang dimasukkan, dipisah koma (bawaan: bundle.types, pdf).")
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Batas ukuran per berkas dalam MB (bawaan: bundle.max_file_mb, 10).",
)
@click.option("--include-problems", is_flag=True, help="Hitung berkas bermasalah sebagai ikut masuk.")
@click.option("--no-convert", is_flag=True, help="Tanpa konversi foto dan berkas Office ke PDF.")
@state_option
@json_option
def plan(directory, types, max_file_mb, include_problems, no_convert, state_dir, as_json):
    """Pratinjau bundel: berkas yang masuk, yang diubah ke PDF, dan yang tidak masuk beserta alasannya."""
    from zi_evidence.bundle import BundleOptions
    from zi_evidence.bundle.build import plan_bundle
    from zi_evidence.bundle.limits import mb_to_bytes, parse_types

    repo = open_repository(directory, state_dir)
    settings = repo.config.bundle
    options = BundleOptions(
        layout=settings.layout,
        types=parse_types(types if types is not None else settings.types),
        max_file_bytes=mb_to_bytes(max_file_mb if max_file_mb is not None else settings.max_file_mb),
        include_problems=include_problems,
        convert=settings.convert and not no_convert,
    )
    found = plan_bundle(repo, options)
    converted = [f for f in found.files if f.converted is not None]
    if as_json:
        data = {
            "files": [
                {
                    "bundle_path": f.bundle_path,
                    "original_path": f.candidate.original_path,
                    "target_id": f.candidate.target_id,
                    **({"converted_from": f.converted.as_dict(), "cached": f.converted.path is not None}
                       if f.converted else {}),
                }
                for f in found.files
            ],
            "excluded": [
                {"original_path": e.candidate.original_path, "target_id": e.candidate.target_id, **e.finding.as_dict()}
                for e in found.exclusions
            ],
        }  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(found.files)} berkas akan masuk bundel, {len(converted)} di antaranya diubah ke PDF:")
    for f in converted:
        assert f.converted is not None
        state = "sudah tersimpan" if f.converted.path is not None else "akan diubah"
        sources = ", ".join(c.original_path for c in f.converted.sources)
        click.echo(f"  - {sources} → {f.bundle_path} ({f.converted.converter}, {state})")
    if found.exclusions:
        click.echo(f"{len(found.exclusions)} berkas tidak akan masuk:")
        for e in found.exclusions:
            click.echo(f"  - {e.candidate.original_path}: {e.finding.message}")
            if e.finding.hint:
                click.echo(f"      → {e.finding.hint}")
