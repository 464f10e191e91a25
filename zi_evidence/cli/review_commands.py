"""``zi-evidence review`` and ``zi-evidence audit``: the review chain from the command line, acting as a
named user who gives their password, so the whole chain runs before (and besides) the web app."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import click

from zi_evidence.cli.options import json_option, open_repository, repo_option, state_option
from zi_evidence.cli.users_commands import password_stdin_option, read_password
from zi_evidence.errors import ReviewRefused

user_option = click.option("--user", "-u", "username", required=True, help="Nama pengguna yang bertindak.")
note_option = click.option("--catatan", "note", default="", help="Catatan untuk tingkat lain dan riwayat.")
answer_option = click.option("--jawaban", "answer", default=None, help="Jawaban tingkat ini (mis. A, Ya, 80).")
pages_option = click.option(
    "--halaman",
    "pages",
    multiple=True,
    metavar="BERKAS:HAL",
    help="Rujukan halaman: jalur berkas (relatif ke akar) atau sha256-nya, titik dua, nomor halaman. Boleh diulang.",
)
revision_option = click.option(
    "--revisi",
    "revision",
    type=int,
    default=None,
    help="Hanya simpan bila pemeriksaan ini masih pada revisi itu (lihat 'review status --json').",
)

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _open(repo_path: Path | None, state_dir: Path | None) -> tuple[Any, Any]:
    from zi_evidence.review.session import repository_service

    repo = open_repository(repo_path, state_dir)
    return repo, repository_service(repo)


def _login(service: Any, username: str, password_stdin: bool) -> Any:
    from zi_evidence.review.accounts import Accounts

    password = read_password(password_stdin)
    return Accounts(service.store).authenticate(username, password, channel="cli")


def _page_refs(repo: Any, pages: tuple[str, ...]) -> list[Any]:
    from zi_evidence.review.model import PageRef

    refs = []
    with repo.catalog() as catalog:
        for text in pages:
            target, _, page = text.rpartition(":")
            if not target or not page.isdigit():
                raise ReviewRefused(f"Rujukan halaman '{text}' harus berbentuk BERKAS:HAL, mis. 'SK Tim.pdf:2'.")
            sha256 = target.lower() if SHA256.match(target.lower()) else None
            if sha256 is None:
                record = catalog.record_by_path(os.fsencode(target))
                if record is None:
                    raise ReviewRefused(
                        f"Berkas '{target}' tidak ada di katalog. Tulis jalurnya relatif ke akar repositori, "
                        "atau jalankan 'zi-evidence index' bila berkasnya baru."
                    )
                sha256 = record.sha256
            refs.append(PageRef(sha256, int(page)))
    return refs


@click.group()
def review() -> None:
    """Rantai pemeriksaan per pertanyaan: kirim, putus, cabut, dan keadaannya."""


@review.command()
@click.argument("question_id")
@user_option
@answer_option
@note_option
@pages_option
@revision_option
@password_stdin_option
@repo_option
@state_option
def submit(question_id, username, answer, note, pages, revision, password_stdin, repo_path, state_dir):
    """Unit mengirim QUESTION_ID (jawaban dan data dukungnya kini) ke tingkat berikutnya."""
    repo, service = _open(repo_path, state_dir)
    user = _login(service, username, password_stdin)
    stored = service.submit(user, question_id, answer, note, _page_refs(repo, pages), revision)
    click.echo(f"{question_id} dikirim (putaran {stored.round}, {len(service.evidence.of(question_id).files)} berkas).")


@review.command()
@click.argument("question_id")
@click.option("--tingkat", "tier", required=True, help="Tingkat yang menyimpan draf (mis. unit, kanwil, tpi).")
@user_option
@answer_option
@note_option
@pages_option
@password_stdin_option
@repo_option
@state_option
def save(question_id, tier, username, answer, note, pages, password_stdin, repo_path, state_dir):
    """Simpan draf jawaban dan catatan tingkat ini tanpa mengirim atau memutus."""
    repo, service = _open(repo_path, state_dir)
    user = _login(service, username, password_stdin)
    service.save_draft(user, question_id, tier, answer, note, _page_refs(repo, pages))
    click.echo(f"Draf {question_id} tingkat {tier} disimpan.")


@review.command()
@click.argument("question_id")
@click.option("--tingkat", "tier", required=True, help="Tingkat yang memutus (mis. kanwil, eselon1, tpi).")
@click.option(
    "--status",
    "status",
    required=True,
    type=click.Choice(["diterima", "perlu_perbaikan", "ditolak"]),
    help="Keputusan; perlu_perbaikan mengembalikan pertanyaan ke unit.",
)
@user_option
@answer_option
@note_option
@pages_option
@revision_option
@password_stdin_option
@repo_option
@state_option
def decide(question_id, tier, status, username, answer, note, pages, revision, password_stdin, repo_path, state_dir):
    """Putuskan QUESTION_ID di satu tingkat, terikat pada data dukung saat ini."""
    repo, service = _open(repo_path, state_dir)
    user = _login(service, username, password_stdin)
    stored = service.decide(user, question_id, tier, status, answer, note, _page_refs(repo, pages), revision)
    back = " Dikembalikan ke unit." if status == "perlu_perbaikan" else ""
    click.echo(f"{question_id} tingkat {tier}: {status.replace('_', ' ')} (putaran {stored.round}).{back}")


@review.command()
@click.argument("question_id")
@click.option("--tingkat", "tier", required=True, help="Tingkat yang mencabut penerimaannya.")
@user_option
@note_option
@revision_option
@password_stdin_option
@repo_option
@state_option
def revoke(question_id, tier, username, note, revision, password_stdin, repo_path, state_dir):
    """Cabut keputusan diterima QUESTION_ID di satu tingkat (lalu tingkat itu dapat memutus lagi)."""
    _, service = _open(repo_path, state_dir)
    user = _login(service, username, password_stdin)
    service.revoke(user, question_id, tier, note, revision)
    click.echo(f"Penerimaan {question_id} tingkat {tier} dicabut.")


def _chain_json(chain: Any) -> dict[str, Any]:
    from zi_evidence.review.render import chain_dict

    return chain_dict(chain)


@review.command()
@click.argument("question_id", required=False)
@json_option
@repo_option
@state_option
def status(question_id, as_json, repo_path, state_dir):
    """Keadaan rantai per tingkat: satu pertanyaan, atau semua yang sudah diperiksa."""
    from zi_evidence.review.render import chain_lines

    _, service = _open(repo_path, state_dir)
    chains = [service.chain(question_id)] if question_id else service.chains()
    if as_json:
        click.echo(json.dumps([_chain_json(c) for c in chains], ensure_ascii=False, indent=2))
        return
    if not chains:
        click.echo("Belum ada pertanyaan yang dikirim. Mulai: zi-evidence review submit ID --user NAMA")
    for chain in chains:
        for line in chain_lines(chain):
            click.echo(line)


@review.command()
@user_option
@json_option
@repo_option
@state_option
def queue(username, as_json, repo_path, state_dir):
    """Antrean USER: yang dikembalikan ke unitnya, yang siap diperiksa di tingkatnya, dan keputusannya yang
    data dukungnya berubah sejak diperiksa."""
    from zi_evidence.errors import AccountError

    _, service = _open(repo_path, state_dir)
    with service.store.transaction() as session:
        found = session.account(username)
    if found is None:
        raise AccountError(f"Akun '{username}' tidak ada. Lihat daftarnya: zi-evidence users list")
    items = service.queue(found[0])
    if as_json:
        rows = [{"question": i.question_id, "tier": i.tier, "reason": i.reason} for i in items]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo(f"Antrean {username} kosong.")
    for item in items:
        click.echo(f"{item.question_id}  tingkat {item.tier}: {item.reason}")


@review.command("rekap")
@json_option
@repo_option
@state_option
def rekap_command(as_json, repo_path, state_dir):
    """Rekap penolakan dan perbaikan per unit dan tingkat (semua putaran, dari log audit)."""
    from zi_evidence.review.rekap import rekap

    _, service = _open(repo_path, state_dir)
    rows = rekap(service.history(), [t.key for t in service.tiers])
    if as_json:
        data = [
            {"unit": r.unit, "tier": r.tier, "perlu_perbaikan": r.needs_fix, "ditolak": r.rejected,
             "questions": list(r.questions)}
            for r in rows
        ]  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Belum ada pertanyaan yang ditolak atau dikembalikan untuk perbaikan.")
    for row in rows:
        click.echo(
            f"{row.unit} — tingkat {row.tier}: {row.needs_fix} perlu perbaikan, {row.rejected} ditolak "
            f"({len(row.questions)} pertanyaan: {', '.join(row.questions)})"
        )


@click.group()
def audit() -> None:
    """Log audit berantai hash: periksa keutuhannya, lihat riwayat."""


@audit.command()
@repo_option
@state_option
def verify(repo_path, state_dir):
    """Buktikan log audit utuh: tidak ada baris yang diubah, disisipkan atau dihapus."""
    from zi_evidence.review import audit as chain
    from zi_evidence.review.session import repository_store

    store = repository_store(open_repository(repo_path, state_dir))
    with store.transaction() as session:
        result = chain.verify(session.events(), session.audit_head())
    if not result.ok:
        raise click.ClickException(
            f"Log audit RUSAK pada baris {result.broken_seq}: {result.reason}. {result.rows} baris pertama utuh. "
            "Jangan ubah basis data pemeriksaan; laporkan ke admin dan simpan salinan berkas review.sqlite."
        )
    click.echo(f"Log audit utuh: {result.rows} baris, rantai hash tidak terputus.")


@audit.command("log")
@click.option("--question", "question_id", default=None, help="Hanya riwayat satu pertanyaan.")
@json_option
@repo_option
@state_option
def log(question_id, as_json, repo_path, state_dir):
    """Riwayat tindakan: siapa, apa, kapan, atas sidik data dukung yang mana."""
    from zi_evidence.review.render import event_line
    from zi_evidence.review.session import repository_store

    store = repository_store(open_repository(repo_path, state_dir))
    with store.transaction() as session:
        events = list(session.events(question_id))
    if as_json:
        rows = [{**e.__dict__, "detail": json.loads(e.detail)} for e in events]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not events:
        click.echo("Belum ada riwayat.")
    for event in events:
        click.echo(event_line(event))
