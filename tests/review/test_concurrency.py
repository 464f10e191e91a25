"""Two reviewers deciding the same question at the same moment, as two real processes: one wins, the other
is told who decided, and nothing is lost (both logins and the one decision are in an intact log)."""

from __future__ import annotations

import json
import subprocess
import sys

Q = "A.1.1.a"


def _decide(root, name, status, note):
    args = [sys.executable, "-m", "zi_evidence", "review", "decide", Q, "--tingkat", "kanwil", "--status", status]
    args += ["--catatan", note, "--user", name, "--password-stdin", "-C", str(root)]
    return subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_decide_at_once(kumham_drive, add_people, as_user, run_cli):
    root = kumham_drive
    add_people(root, ["ani", "kiki"])
    second = run_cli(
        "users", "add", "kurnia", "--role", "verifikator:kanwil", "--password-stdin", "-C", root,
        input="sandi-kurnia-123\n",
    )  # fmt: skip
    assert second.exit_code == 0
    assert as_user("ani", "review", "submit", Q, "-C", root).exit_code == 0

    # both processes start, open the database and wait on stdin; then both get their password together
    racers = {
        "kiki": (_decide(root, "kiki", "diterima", "lengkap"), "sandi-kiki-12345"),
        "kurnia": (_decide(root, "kurnia", "ditolak", "SK kedaluwarsa"), "sandi-kurnia-123"),
    }
    for process, password in racers.values():
        process.stdin.write(password + "\n")
    for process, _ in racers.values():
        process.stdin.close()
    outcomes = {name: (p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for name, (p, _) in racers.items()}

    winners = [name for name, (code, _, _) in outcomes.items() if code == 0]
    assert len(winners) == 1, outcomes
    (winner,) = winners
    (loser,) = set(outcomes) - {winner}
    code, _, err = outcomes[loser]
    assert code == 1 and "Traceback" not in err
    assert "sudah diputus" in err and f"oleh {winner}" in err

    chain = json.loads(run_cli("review", "status", Q, "--json", "-C", root).output)[0]
    kanwil = chain["tiers"][1]["review"]
    expected = {"kiki": ("diterima", "lengkap"), "kurnia": ("ditolak", "SK kedaluwarsa")}[winner]
    assert (kanwil["status"], kanwil["note"], kanwil["reviewer"]) == (*expected, winner)
    events = json.loads(run_cli("audit", "log", "--json", "-C", root).output)
    assert [e["actor"] for e in events if e["action"] == "decide"] == [winner]
    assert {e["actor"] for e in events if e["action"] == "login"} >= {"kiki", "kurnia"}
    assert run_cli("audit", "verify", "-C", root).exit_code == 0


def test_two_processes_creating_the_database_at_once_migrate_it_once(tmp_path):
    code = (
        "import sys; from pathlib import Path; from zi_evidence.review.sqlstore import open_store; "
        "open_store(Path(sys.argv[1])).close()"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "state")], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    errors = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
    assert errors == [(0, ""), (0, "")]
