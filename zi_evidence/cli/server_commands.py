"""``zi-evidence push`` (a unit sends its snapshot) and ``zi-evidence server`` (one PostgreSQL database
for many units: run the web service, register units, issue tokens and accounts, import an archive)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from zi_evidence.cli.options import open_repository, repo_option, state_option
from zi_evidence.cli.users_commands import cli_actor, password_stdin_option, read_password

TOKEN_ENV = "ZI_EVIDENCE_PUSH_TOKEN"
STORE_ENV = "ZI_EVIDENCE_STORE"

db_option = click.option(
    "--db",
    "db_url",
    envvar="ZI_EVIDENCE_DB",
    help="Basis data server: postgresql://pengguna@host/nama (atau ZI_EVIDENCE_DB).",
)
store_option = click.option(
    "--store", "store_dir", envvar=STORE_ENV, type=click.Path(file_okay=False, path_type=Path),
    help="Folder penyimpanan berkas data dukung di server, satu salinan per SHA-256 (atau ZI_EVIDENCE_STORE).",
)  # fmt: skip


def _store(store_dir: Path | None) -> Any:
    from zi_evidence.errors import ServerError
    from zi_evidence.server.blobs import FileBlobStore

    if store_dir is None:
        raise ServerError(f"Folder penyimpanan berkas belum diberikan. Pakai --store FOLDER atau isi {STORE_ENV}.")
    return FileBlobStore(store_dir)


@click.command()
@click.option(
    "--to", "target", required=True, help="Alamat server (https://…) atau berkas .zip untuk unit tanpa jaringan."
)
@click.option("--token-stdin", is_flag=True, help=f"Baca token unit dari stdin (bawaan: variabel {TOKEN_ENV}).")
@repo_option
@state_option
def push(target: str, token_stdin: bool, repo_path: Path | None, state_dir: Path | None) -> None:
    """Kirim snapshot unit (manifest, teks per halaman, temuan, jawaban, status pemeriksaan unit) ke server.

    Hanya berkas yang belum dimiliki server yang dikirim; mengulang kiriman yang terputus aman."""
    from zi_evidence.errors import ServerError
    from zi_evidence.server.collect import collect
    from zi_evidence.server.push import push_http, push_zip

    repo = open_repository(repo_path, state_dir)
    snapshot = collect(repo)
    if target.startswith(("http://", "https://")):
        token = sys.stdin.readline().strip() if token_stdin else os.environ.get(TOKEN_ENV, "")
        if not token:
            raise ServerError(f"Token unit belum diberikan: isi {TOKEN_ENV} atau pakai --token-stdin.")
        result = push_http(repo, snapshot, target, token)
        state = "diperbarui" if result.changed else "sudah sama, tidak ada yang berubah"
        click.echo(f"Snapshot terkirim ke {target}: {result.sent} berkas baru dikirim; data unit di server {state}.")
    else:
        result = push_zip(repo, snapshot, Path(target))
        click.echo(
            f"Snapshot ditulis ke {target} ({result.sent} berkas). "
            f"Muat di server: zi-evidence server import {target} --unit KODE-UNIT"
        )


@click.group(invoke_without_command=True)
@db_option
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat server web (di belakang reverse proxy).")
@click.option("--port", default=8770, show_default=True, type=int, help="Port server web.")
@click.option(
    "--proxy",
    default="127.0.0.1",
    show_default=True,
    help="Alamat reverse proxy yang dipercaya untuk X-Forwarded-Proto/For (beberapa: pisahkan dengan koma).",
)
@click.pass_context
def server(ctx: click.Context, db_url: str | None, store_dir: Path | None, host: str, port: int, proxy: str) -> None:
    """Server kementerian di PostgreSQL: tanpa subperintah, jalankan layanan web (kiriman, halaman dan API)."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from zi_evidence.server.app import create_server_app
    from zi_evidence.server.database import open_server

    app = create_server_app(open_server(db_url), _store(store_dir))
    click.echo(f"Server zi-evidence di http://{host}:{port}/ (hentikan dengan Ctrl+C).", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True, forwarded_allow_ips=proxy)


@server.command("import")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--unit", "code", required=True, help="Kode unit pemilik arsip (seperti terdaftar di server).")
@db_option
@store_option
def import_(archive: Path, code: str, db_url: str | None, store_dir: Path | None) -> None:
    """Muat arsip snapshot dari 'zi-evidence push --to FILE.zip' (unit tanpa jaringan)."""
    from zi_evidence.server.database import open_server
    from zi_evidence.server.service import Ingest

    db = open_server(db_url)
    try:
        answer = Ingest(db, _store(store_dir)).import_zip(archive, code)
    finally:
        db.close()
    click.echo(
        f"Arsip {archive.name} dimuat untuk unit {code}: " + ("diperbarui." if answer.changed else "sudah sama.")
    )


@server.group()
def unit() -> None:
    """Pohon organisasi: daftarkan, pindahkan dan lihat unit."""


@unit.command("add")
@click.argument("code")
@click.option("--name", required=True, help="Nama unit.")
@click.option("--kind", default="upt", show_default=True, help="Jenis: instansi, eselon1, kanwil, upt, satker.")
@click.option("--parent", default=None, help="Kode unit induk.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Berlaku sejak (bawaan: hari ini).")
@db_option
def unit_add(code: str, name: str, kind: str, parent: str | None, since: Any, db_url: str | None) -> None:
    """Daftarkan unit di bawah induknya."""
    from zi_evidence.server.database import open_server
    from zi_evidence.server.org import add_unit

    db = open_server(db_url)
    with db.engine.begin() as connection:
        add_unit(connection, code, name, kind, parent, since.date() if since else date.today())
    db.close()
    click.echo(f"Unit {code} terdaftar" + (f" di bawah {parent}." if parent else "."))


@unit.command("move")
@click.argument("code")
@click.option("--parent", required=True, help="Kode induk baru.")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Berlaku sejak (bawaan: hari ini).")
@db_option
def unit_move(code: str, parent: str, on: Any, db_url: str | None) -> None:
    """Pindahkan unit ke induk lain; riwayatnya tetap."""
    from zi_evidence.server.database import open_server
    from zi_evidence.server.org import move_unit

    db = open_server(db_url)
    with db.engine.begin() as connection:
        move_unit(connection, code, parent, on.date() if on else date.today())
    db.close()
    click.echo(f"Unit {code} kini di bawah {parent}.")


@unit.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Keluaran JSON mentah untuk diproses program lain.")
def unit_list(db_url: str | None, as_json: bool) -> None:
    """Daftar unit dengan induknya hari ini: kode, nama, jenis, induk dan sejak kapan penempatannya berlaku."""
    from zi_evidence.server.database import open_server
    from zi_evidence.server.org import history, tree

    today = date.today()
    db = open_server(db_url)
    with db.engine.connect() as connection:
        units = tree(connection, today)
        current = {} if as_json else {u.code: _in_force(history(connection, u.code), today) for u in units}
    db.close()
    if as_json:
        click.echo(json.dumps([u.__dict__ for u in units], ensure_ascii=False, indent=2))
        return
    if not units:
        click.echo("Belum ada unit terdaftar. Daftarkan dengan: zi-evidence server unit add KODE --name NAMA")
        return
    rows = [("Kode", "Nama", "Jenis", "Induk", "Berlaku sejak", "Sampai")]
    for u in units:
        placed = current[u.code]
        since = placed.valid_from.isoformat() if placed else "-"
        until = placed.valid_to.isoformat() if placed and placed.valid_to else "-"
        rows.append((u.code, u.name, u.kind, u.parent or "-", since, until))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _in_force(placements: list[Any], today: date) -> Any:
    """The placement valid today (a unit never placed has none): it gives the list its dates."""
    return next((p for p in placements if p.valid_from <= today and (p.valid_to is None or p.valid_to > today)), None)


@server.command("token")
@click.argument("code")
@db_option
def token(code: str, db_url: str | None) -> None:
    """Terbitkan token kiriman untuk unit (ditampilkan sekali; simpan di unit sebagai ZI_EVIDENCE_PUSH_TOKEN)."""
    from zi_evidence.server.database import open_server
    from zi_evidence.server.tokens import issue

    db = open_server(db_url)
    with db.engine.begin() as connection:
        click.echo(issue(connection, code, cli_actor()))
    db.close()


@server.command("user")
@click.argument("username")
@click.option("--role", "roles", multiple=True, required=True, help="Peran, mis. verifikator:kanwil@KODE-KANWIL.")
@click.option("--name", "display_name", default=None, help="Nama tampilan (bawaan: nama pengguna).")
@password_stdin_option
@db_option
def user(
    username: str, roles: tuple[str, ...], display_name: str | None, password_stdin: bool, db_url: str | None
) -> None:
    """Buat akun pemeriksa server; peran pada satu unit berlaku untuk semua unit di bawahnya."""
    from zi_evidence.plugins import make_plugin_manager
    from zi_evidence.review.accounts import Accounts, parse_role
    from zi_evidence.rulesets import RulesetRegistry
    from zi_evidence.server.database import open_server

    registry = RulesetRegistry.from_host(make_plugin_manager())
    # a server holds units of every rule set: any verifying tier of any of them may be granted
    tiers = sorted({t.key for ruleset_id in registry.ids() for t in registry.get(ruleset_id).tiers[1:]})
    db = open_server(db_url)
    parsed = [parse_role(text, tiers, "*") for text in roles]
    password = read_password(password_stdin, confirm=not password_stdin)
    Accounts(db.reviews).add(cli_actor(), username, display_name or username, password, parsed)
    db.close()
    click.echo(f"Akun {username} dibuat.")
