"""``zi-evidence answers``: write, check, import and export the team's self-assessment (jawaban-lke.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from zi_evidence.cli.options import json_option, open_repository, plugin_host, repo_option
from zi_evidence.config import ANSWERS_NAME
from zi_evidence.errors import ConfigError
from zi_evidence.repository import Repository

answers_file_option = click.option(
    "--answers",
    "answers_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Berkas jawaban (bawaan: {ANSWERS_NAME} di akar repositori).",
)
force_option = click.option("--force", is_flag=True, help="Timpa berkas tujuan yang sudah ada.")


def _open(repo_path: Path | None) -> Repository:
    return open_repository(repo_path)


def _refuse_inside_a_tree(output: Path) -> None:
    """Without a repository named, the file may still land in one: the evidence tree around it is kept clean."""
    from zi_evidence.config import find_root

    try:
        root = find_root(output.absolute().parent)
    except ConfigError:
        return  # no repository above it: nothing to protect
    _open(root).refuse_output(output, allowed=(root / ANSWERS_NAME,))


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise ConfigError(f"{path} sudah ada. Pakai --force untuk menimpanya, atau pilih berkas lain dengan -o.")


@click.group()
def answers() -> None:
    """Jawaban penilaian mandiri LKE dan masukan hasil (jawaban-lke.yaml)."""


@answers.command()
@repo_option
@click.option(
    "--ruleset",
    "ruleset_id",
    default=None,
    help="Id aturan LKE (bawaan: aturan repositori; tanpa repositori perlu -o).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Berkas tujuan; '-' untuk layar (bawaan: {ANSWERS_NAME} di akar repositori).",
)
@force_option
def template(repo_path, ruleset_id, output, force):
    """Tulis berkas jawaban kosong: semua pertanyaan dengan pilihan jawabannya sebagai komentar."""
    from zi_evidence.answers.template import template as render

    if ruleset_id and output is not None:
        from zi_evidence.rulesets import RulesetRegistry

        ruleset = RulesetRegistry.from_host(plugin_host()).get(ruleset_id)
        if str(output) != "-":
            _refuse_inside_a_tree(output)
    else:
        repo = _open(repo_path)
        ruleset = repo.ruleset
        if ruleset_id and ruleset_id != ruleset.id:
            from zi_evidence.rulesets import RulesetRegistry

            ruleset = RulesetRegistry.from_host(repo.host).get(ruleset_id)
        output = output or repo.root / ANSWERS_NAME
        if str(output) != "-":
            repo.refuse_output(output, allowed=(repo.root / ANSWERS_NAME,))
    text = render(ruleset)
    if str(output) == "-":
        click.echo(text, nl=False)
        return
    _refuse_overwrite(output, force)
    output.write_text(text, encoding="utf-8")
    click.echo(f"Templat jawaban ({ruleset.id}, {len(ruleset.questions)} pertanyaan) ditulis ke {output}.")
    click.echo("Isi jawabannya, lalu periksa dengan: zi-evidence answers check")


@answers.command()
@repo_option
@answers_file_option
@json_option
def check(repo_path, answers_path, as_json):
    """Periksa berkas jawaban terhadap aturan LKE dan tampilkan nilai sesuai jawaban."""
    from zi_evidence.answers.model import load_answers
    from zi_evidence.scoring import format_number, score

    repo = _open(repo_path)
    path = answers_path or repo.root / ANSWERS_NAME
    loaded = load_answers(path, repo.ruleset)
    report = score(repo.ruleset, loaded)
    view = report.claimed
    answered = sum(1 for q in view.questions() if q.status != "unanswered")
    if as_json:
        summary = {
            "berkas": str(path),
            "ruleset": repo.ruleset.id,
            "dijawab": answered,
            "pertanyaan": len(repo.ruleset.questions),
            "belum_dijawab": list(report.unanswered),
            "pengungkit": view.pengungkit,
            "hasil": view.hasil,
            "total": view.total,
            "catatan_perhitungan": list(report.remarks),
        }
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"{path}: valid ({repo.ruleset.id}); {answered} dari {len(repo.ruleset.questions)} pertanyaan dijawab.")
    if report.unanswered:
        shown = ", ".join(report.unanswered[:12]) + (" …" if len(report.unanswered) > 12 else "")
        click.echo(f"Belum dijawab (dihitung 0): {shown}")
    for remark in report.remarks:
        click.echo(f"Catatan: {remark}")
    click.echo(
        f"Nilai sesuai jawaban: pengungkit {format_number(view.pengungkit)} + hasil {format_number(view.hasil)} "
        f"= {format_number(view.total)}"
    )


@answers.command(name="import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@repo_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Berkas jawaban tujuan (bawaan: {ANSWERS_NAME} di akar repositori).",
)
@force_option
def import_(workbook, repo_path, output, force):
    """Baca LKE berformat XLSX (hasil 'answers export' yang sudah diisi) ke berkas jawaban."""
    from zi_evidence.answers.template import template as render
    from zi_evidence.answers.workbook import import_xlsx

    repo = _open(repo_path)
    output = output or repo.root / ANSWERS_NAME
    repo.refuse_output(output, allowed=(repo.root / ANSWERS_NAME,))
    _refuse_overwrite(output, force)
    loaded = import_xlsx(workbook, repo.ruleset)
    output.write_text(render(repo.ruleset, loaded), encoding="utf-8")
    answered = sum(1 for a in loaded.answers.values() if a.choice is not None or a.inputs or a.value is not None)
    click.echo(f"{answered} jawaban dari {workbook} ditulis ke {output}.")


@answers.command()
@repo_option
@answers_file_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Berkas XLSX tujuan (bentuk LKE: area, indikator, pertanyaan, bobot, jawaban, nilai).",
)
@force_option
def export(repo_path, answers_path, output, force):
    """Tulis jawaban sebagai LKE berformat XLSX untuk diisi atau dibaca di Excel."""
    from zi_evidence.answers.model import Answers, load_answers
    from zi_evidence.answers.workbook import export_xlsx

    repo = _open(repo_path)
    path = answers_path or repo.root / ANSWERS_NAME
    repo.refuse_output(output)
    loaded = load_answers(path, repo.ruleset) if path.exists() else Answers()
    _refuse_overwrite(output, force)
    export_xlsx(repo.ruleset, loaded, output)
    click.echo(f"LKE ({repo.ruleset.id}) ditulis ke {output}.")
