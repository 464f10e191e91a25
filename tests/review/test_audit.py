"""The audit log is append-only and hash-chained: an edited, removed or cut-off row is found and named."""

from __future__ import annotations

import sqlite3

import pytest

Q = "A.1.1.a"


@pytest.fixture
def logged(kumham_drive, add_people, as_user):
    """A drive whose log holds account changes, logins, a submit and a decision (12 rows)."""
    add_people(kumham_drive, ["ani", "kiki"])
    assert as_user("ani", "review", "submit", Q, "--catatan", "SK terlampir", "-C", kumham_drive).exit_code == 0
    result = as_user("kiki", "review", "decide", Q, "--tingkat", "kanwil", "--status", "diterima", "-C", kumham_drive)
    assert result.exit_code == 0
    return kumham_drive


def _db(root):
    return sqlite3.connect(root / ".zi-evidence" / "review.sqlite", isolation_level=None)


def test_an_intact_log_verifies(logged, run_cli):
    result = run_cli("audit", "verify", "-C", logged)
    assert result.exit_code == 0 and "Log audit utuh: 6 baris" in result.output


def test_the_database_refuses_edits_and_deletes_of_events(logged):
    with _db(logged) as db:
        for statement in ("UPDATE events SET actor = 'x' WHERE seq = 1", "DELETE FROM events WHERE seq = 1"):
            with pytest.raises(sqlite3.IntegrityError, match="hanya boleh ditambah"):
                db.execute(statement)


def test_an_edited_row_fails_verify_and_is_named(logged, run_cli):
    with _db(logged) as db:
        seq = db.execute("SELECT seq FROM events WHERE action = 'submit'").fetchone()[0]
        db.execute("DROP TRIGGER events_no_update")  # what someone with the file can do
        db.execute("UPDATE events SET detail = replace(detail, 'SK terlampir', 'SK lengkap') WHERE seq = ?", (seq,))
    result = run_cli("audit", "verify", "-C", logged)
    assert result.exit_code == 1
    assert f"RUSAK pada baris {seq}" in result.output and "diubah" in result.output
    assert f"{seq - 1} baris pertama utuh" in result.output


def test_a_rehashed_edit_still_breaks_the_link_of_the_next_row(logged, run_cli):
    from zi_evidence.review import audit

    with _db(logged) as db:
        db.execute("DROP TRIGGER events_no_update")
        # columns: seq, at, actor, action, unit, question_id, tier, status, fingerprint, detail, prev_hash, hash
        row = db.execute("SELECT * FROM events WHERE seq = 2").fetchone()
        forged = audit.row_hash(2, (row[1], "palsu", *row[3:9]), row[9], row[10])  # as a forger would
        db.execute("UPDATE events SET actor = 'palsu', hash = ? WHERE seq = 2", (forged,))
    result = run_cli("audit", "verify", "-C", logged)
    assert result.exit_code == 1 and "RUSAK pada baris 3" in result.output and "tautan" in result.output


def test_removed_rows_are_found(logged, run_cli):
    with _db(logged) as db:
        db.execute("DROP TRIGGER events_no_delete")
        db.execute("DELETE FROM events WHERE seq = 3")
    result = run_cli("audit", "verify", "-C", logged)
    assert result.exit_code == 1 and "RUSAK pada baris 3" in result.output and "hilang" in result.output


def test_cutting_off_the_last_row_is_found(logged, run_cli):
    with _db(logged) as db:
        db.execute("DROP TRIGGER events_no_delete")
        last = db.execute("SELECT max(seq) FROM events").fetchone()[0]
        db.execute("DELETE FROM events WHERE seq = ?", (last,))
    result = run_cli("audit", "verify", "-C", logged)
    assert result.exit_code == 1 and f"RUSAK pada baris {last}" in result.output


def test_history_of_one_question(logged, run_cli):
    out = run_cli("audit", "log", "--question", Q, "-C", logged).output.splitlines()
    assert len(out) == 2
    assert "ani mengirim A.1.1.a tingkat unit: SK terlampir [sidik" in out[0]
    assert "kiki memutus A.1.1.a tingkat kanwil → diterima" in out[1]
