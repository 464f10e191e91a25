"""Accounts: argon2 hashes only, passwords never in the database file, the output or the logs; roles;
disabling; resetting; and the login throttle."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from zi_evidence.errors import AccountError, LoginFailed, LoginThrottled
from zi_evidence.review.accounts import Accounts
from zi_evidence.review.throttle import ThrottlePolicy

SECRET = "rahasia-sangat-unik-9137"


def test_passwords_are_never_stored_or_shown_in_clear(make_repo, run_cli, caplog):
    root = make_repo()
    caplog.set_level(logging.DEBUG)
    typed = f"{SECRET}\n{SECRET}\n"  # the prompt asks twice (confirmation) and must not echo either
    added = run_cli("users", "add", "ani", "--role", "tim_unit", "--name", "Ani Lestari", "-C", root, input=typed)
    assert added.exit_code == 0, added.output
    new = "kata-sandi-baru-5521"
    reset = run_cli("users", "reset", "ani", "-C", root, input=f"{new}\n{new}\n")
    assert reset.exit_code == 0, reset.output
    login = run_cli("review", "queue", "-u", "ani", "-C", root)
    listed = run_cli("users", "list", "--json", "-C", root)
    logged = run_cli("audit", "log", "--json", "-C", root)
    for result in (added, reset, login, listed, logged):
        assert SECRET not in result.output and new not in result.output
    assert SECRET not in caplog.text and new not in caplog.text

    for path in (root / ".zi-evidence").glob("review.sqlite*"):  # the database and its WAL
        raw = path.read_bytes()
        assert SECRET.encode() not in raw and new.encode() not in raw
    with sqlite3.connect(root / ".zi-evidence" / "review.sqlite") as db:
        (stored,) = db.execute("SELECT password_hash FROM users WHERE username = 'ani'").fetchone()
    assert stored.startswith("$argon2id$") and new not in stored
    assert json.loads(listed.output)[0]["roles"] == [{"role": "tim_unit", "unit": "Unit Uji", "tier": None}]


def test_prompted_passwords_must_match_and_be_long_enough(make_repo, run_cli):
    root = make_repo()
    add = ("users", "add", "ani", "-C", root)
    mismatch = run_cli(*add, "--role", "tim_unit", input="sandi-satu-123\nsandi-dua-1234\n")
    assert mismatch.exit_code != 0
    assert "Ulangi kata sandi" in mismatch.output and "Kedua kata sandi tidak sama" in mismatch.output
    assert "Repeat" not in mismatch.output and "do not match" not in mismatch.output
    short = run_cli(*add, "--role", "tim_unit", "--password-stdin", input="pendek\n")
    assert short.exit_code == 1 and "paling sedikit 10 karakter" in short.output
    bad_role = run_cli(*add, "--role", "verifikator:kanwil", "--password-stdin", input="x\n")
    assert bad_role.exit_code == 1 and "harus salah satu dari tpi" in bad_role.output
    assert "Belum ada akun" in run_cli("users", "list", "-C", root).output
    # a mismatch asks again rather than giving up
    retyped = run_cli(
        *add, "--role", "tim_unit", input="sandi-satu-123\nsandi-dua-1234\nsandi-tiga-123\nsandi-tiga-123\n"
    )
    assert retyped.exit_code == 0 and "Akun ani ditambahkan" in retyped.output


class Clock:
    """Time the test moves by hand (the throttle counts minutes; nobody waits for them)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def accounts(review_store):
    from zi_evidence.review.model import Role

    clock = Clock()
    service = Accounts(review_store, clock, ThrottlePolicy(max_failures=3, window=timedelta(minutes=15)))
    service.add("uji", "budi", "Budi", "sandi-budi-12345", [Role("verifikator", "*", "tpi")])
    return service, clock


def test_login_throttle_engages_and_lifts(accounts):
    service, clock = accounts
    for _ in range(3):
        with pytest.raises(LoginFailed) as info:
            service.authenticate("budi", "salah-sandi-00")
        assert not isinstance(info.value, LoginThrottled)
    with pytest.raises(LoginThrottled, match="Coba lagi dalam 15 menit"):
        service.authenticate("budi", "sandi-budi-12345")  # even the right password waits
    clock.now += timedelta(minutes=16)
    assert service.authenticate("budi", "sandi-budi-12345").username == "budi"
    with pytest.raises(LoginFailed):
        service.authenticate("budi", "salah-sandi-00")  # the success cleared the count


def test_unknown_names_are_throttled_and_answered_like_wrong_passwords(accounts):
    service, _ = accounts
    with pytest.raises(LoginFailed) as unknown:
        service.authenticate("siapa", "apa-saja-12345")
    with pytest.raises(LoginFailed) as wrong:
        service.authenticate("budi", "apa-saja-12345")
    assert str(unknown.value) == str(wrong.value)


def test_a_disabled_account_cannot_log_in_and_a_reset_lifts_the_lockout(accounts):
    from zi_evidence.review.model import Role

    service, _ = accounts
    service.set_active("uji", "budi", False)
    with pytest.raises(LoginFailed):
        service.authenticate("budi", "sandi-budi-12345")
    service.set_active("uji", "budi", True)
    for _ in range(3):
        with pytest.raises(LoginFailed):
            service.authenticate("budi", "keliru-keliru")
    service.reset("uji", "budi", "sandi-baru-budi-1")
    assert service.authenticate("budi", "sandi-baru-budi-1").active
    with pytest.raises(AccountError, match="sudah dipakai"):
        service.add("uji", "budi", "Budi", "sandi-budi-12345", [Role("admin")])
    with pytest.raises(AccountError, match="tidak ada"):
        service.reset("uji", "tidak-ada", "sandi-sandi-123")


def test_account_changes_and_logins_are_in_the_audit_log(accounts):
    service, _ = accounts
    with pytest.raises(LoginFailed):
        service.authenticate("budi", "salah-sandi-00")
    service.authenticate("budi", "sandi-budi-12345")
    service.set_active("uji", "budi", False)
    with service.store.transaction() as session:
        actions = [(e.actor, e.action) for e in session.events()]
    assert actions == [("uji", "user_add"), ("budi", "login_failed"), ("budi", "login"), ("uji", "user_disable")]
