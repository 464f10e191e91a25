"""``zi-evidence search``: full-text search with filters, for people and for programs."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict

import click

from zi_evidence.cli.options import json_option, open_repository, repo_option, state_option
from zi_evidence.search.backend import Snippet


def render_snippet(snippet: Snippet, color: bool) -> str:
    out = []
    for text, is_match in snippet:
        text = re.sub(r"\s+", " ", text)
        if is_match:
            out.append(click.style(text, bold=True, fg="yellow") if color else f"[{text}]")
        else:
            out.append(text)
    return "".join(out)


@click.command()
@click.argument("query", nargs=-1, required=True)
@repo_option
@state_option
@click.option("--area", default="", help="Hanya area ini (1–6).")
@click.option("--question", default="", help="Hanya pertanyaan/indikator ini, mis. A.I.1.i.a.")
@click.option("--kind", default="", help="Hanya jenis berkas ini, mis. pdf, docx, xlsx, image.")
@click.option("--year", default="", help="Hanya tahun ini (dari nama folder).")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Jumlah hasil paling banyak."
)
@json_option
def search(query, repo_path, state_dir, area, question, kind, year, limit, as_json):
    """Cari QUERY di seluruh data dukung: kata, "frasa", AND/OR/NOT, awalan*."""
    from zi_evidence.search.query import search as run_search

    repo = open_repository(repo_path, state_dir)
    text = " ".join(query)
    filters = {"area": area, "question": question, "kind": kind, "year": year}
    results = run_search(repo, text, filters, limit)
    if as_json:
        click.echo(json.dumps(asdict(results), ensure_ascii=False, indent=2))
        return
    if not results.hits:
        click.echo(f"Tidak ada hasil untuk: {results.query}")
        return
    click.echo(f"{results.total} berkas cocok untuk: {results.query} (menampilkan {len(results.hits)})")
    color = sys.stdout.isatty()
    for rank, hit in enumerate(results.hits, start=1):
        where = hit.question or "belum terpetakan"
        click.echo(f"\n{rank}. {hit.path}")
        click.echo(f"   {where} · {hit.kind} · {hit.page_count} hlm · skor {hit.score:.2f}")
        for page in hit.pages:
            ocr = " (teks hasil OCR)" if page.page in hit.ocr_pages else ""
            click.echo(f"   hlm {page.page}{ocr}: {render_snippet(page.snippet, color)}")
        if not hit.pages:
            click.echo("   (cocok pada nama atau judul berkas)")
