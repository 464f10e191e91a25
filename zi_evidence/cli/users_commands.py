"""``zi-evidence users``: the accounts of the review chain (add, list, disable, enable, reset, roles).

Whoever can run these on the machine can read the state folder anyway, so they ask for no login; the audit
log records them as ``cli:<system user>``. Passwords are prompted twice without echo, or read from stdin.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from zi_evidence.cli.options import json_option, open_repository, repo_option, state_option

password_stdin_option = click.option(
    "--password-stdin",
    is_flag=True,
    help="Baca kata sandi dari baris pertama stdin (untuk skrip) alih-alih menanyakannya.",
)


def cli_actor() -> str:
    """Who ran an admin command, for the audit log."""
    try:
        import getpass  # imports termios and pwd: only commands that record who acted need it

        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (containers)
        return "cli"


def read_password(from_stdin: bool, prompt: str = "Kata sandi", confirm: bool = False) -> str:
    """A password from stdin's first line or a prompt that never echoes; never printed or logged."""
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    # asked twice here, not with click's confirmation_prompt, whose messages are English
    while True:
        password = str(click.prompt(prompt, hide_input=True))
        if not confirm or str(click.prompt("Ulangi kata sandi", hide_input=True)) == password:
            return password
        click.echo("Kedua kata sandi tidak sama; ketik ulang.", err=True)


def _open(repo_path: Path | None, state_dir: Path | None) -> tuple[Any, Any]:
    from zi_evidence.review.session import repository_accounts

    repo = open_repository(repo_path, state_dir)
    return repo, repository_accounts(repo)


def _roles(repo: Any, specs: tuple[str, ...]) -> list[Any]:
    from zi_evidence.review.accounts import parse_role

    verifier_tiers = [t.key for t in repo.ruleset.tiers[1:]]
    return [parse_role(spec, verifier_tiers, repo.config.unit.name) for spec in specs]


role_option = click.option(
    "--role",
    "role_specs",
    multiple=True,
    metavar="PERAN",
    help="tim_unit, admin atau verifikator:TINGKAT, boleh diikuti @UNIT (@* = semua unit; bawaan: unit "
    "repositori). Boleh diulang.",
)


@click.group()
def users() -> None:
    """Akun rantai pemeriksaan: tim unit, verifikator per tingkat, admin."""


@users.command("add")
@click.argument("username")
@click.option("--name", "display_name", default="", help="Nama lengkap yang ditampilkan.")
@role_option
@password_stdin_option
@repo_option
@state_option
def add(username, display_name, role_specs, password_stdin, repo_path, state_dir):
    """Tambah akun USERNAME dengan peran dan kata sandinya."""
    repo, accounts = _open(repo_path, state_dir)
    roles = _roles(repo, role_specs)
    password = read_password(password_stdin, confirm=True)
    user = accounts.add(cli_actor(), username, display_name, password, roles)
    click.echo(f"Akun {user.username} ditambahkan: {', '.join(r.label for r in user.roles)}.")


@users.command("list")
@json_option
@repo_option
@state_option
def list_users(as_json, repo_path, state_dir):
    """Daftar akun, perannya dan apakah aktif."""
    _, accounts = _open(repo_path, state_dir)
    found = accounts.users()
    if as_json:
        rows = [
            {
                "username": u.username,
                "name": u.display_name,
                "active": u.active,
                "created_at": u.created_at,
                "roles": [{"role": r.role, "unit": r.unit, "tier": r.tier} for r in u.roles],
            }
            for u in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("Belum ada akun. Tambahkan: zi-evidence users add NAMA --role tim_unit")
    for user in found:
        state = "aktif" if user.active else "nonaktif"
        click.echo(f"{user.username}  ({user.display_name}; {state})  {', '.join(r.label for r in user.roles)}")


@users.command("disable")
@click.argument("username")
@repo_option
@state_option
def disable(username, repo_path, state_dir):
    """Nonaktifkan akun USERNAME (riwayatnya tetap)."""
    _, accounts = _open(repo_path, state_dir)
    accounts.set_active(cli_actor(), username, False)
    click.echo(f"Akun {username} dinonaktifkan.")


@users.command("enable")
@click.argument("username")
@repo_option
@state_option
def enable(username, repo_path, state_dir):
    """Aktifkan kembali akun USERNAME."""
    _, accounts = _open(repo_path, state_dir)
    accounts.set_active(cli_actor(), username, True)
    click.echo(f"Akun {username} diaktifkan.")


@users.command("reset")
@click.argument("username")
@password_stdin_option
@repo_option
@state_option
def reset(username, password_stdin, repo_path, state_dir):
    """Atur ulang kata sandi USERNAME (juga membuka kunci percobaan masuk)."""
    _, accounts = _open(repo_path, state_dir)
    password = read_password(password_stdin, "Kata sandi baru", confirm=True)
    accounts.reset(cli_actor(), username, password)
    click.echo(f"Kata sandi {username} diatur ulang.")


@users.command("roles")
@click.argument("username")
@role_option
@repo_option
@state_option
def set_roles(username, role_specs, repo_path, state_dir):
    """Ganti semua peran USERNAME dengan --role yang diberikan."""
    repo, accounts = _open(repo_path, state_dir)
    roles = _roles(repo, role_specs)
    accounts.set_roles(cli_actor(), username, roles)
    click.echo(f"Peran {username}: {', '.join(r.label for r in roles) or 'tidak ada'}.")
