"""The evidence fingerprint: a decision is tied to the files it was made on, and shows when they change."""

from __future__ import annotations

import json

from zi_evidence.review.fingerprint import fingerprint

Q = "A.1.1.a"
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"


def test_fingerprint_is_over_sorted_path_and_hash_pairs():
    a, b = ("b.pdf", "1" * 64), ("a.pdf", "2" * 64)
    assert fingerprint([a, b]) == fingerprint([b, a])
    assert fingerprint([a, b]).files == (b, a)
    assert fingerprint([a]).fingerprint != fingerprint([("b.pdf", "3" * 64)]).fingerprint
    assert fingerprint([a]).fingerprint != fingerprint([("c.pdf", "1" * 64)]).fingerprint  # a move counts


def test_replacing_a_mapped_file_marks_the_decision_changed_and_requeues_it(
    kumham_drive, add_people, as_user, run_cli, fabricate, indexed_repo, service_of
):
    add_people(kumham_drive, ["ani", "kiki"])
    assert as_user("ani", "review", "submit", Q, "-C", kumham_drive).exit_code == 0
    result = as_user("kiki", "review", "decide", Q, "--tingkat", "kanwil", "--status", "diterima", "-C", kumham_drive)
    assert result.exit_code == 0, result.output
    before = json.loads(run_cli("review", "status", Q, "--json", "-C", kumham_drive).output)[0]
    assert before["tiers"][1]["review"]["fingerprint"] == before["fingerprint"]
    assert not before["tiers"][1]["changed_since_review"]
    assert json.loads(run_cli("review", "queue", "-u", "kiki", "--json", "-C", kumham_drive).output) == []

    fabricate.make_pdf(kumham_drive / SK, ["KEPUTUSAN KEPALA LAPAS", "versi baru, sudah ditandatangani"])
    indexed_repo(kumham_drive)

    after = json.loads(run_cli("review", "status", Q, "--json", "-C", kumham_drive).output)[0]
    assert after["fingerprint"] != before["fingerprint"]
    kanwil = after["tiers"][1]
    assert kanwil["changed_since_review"] and kanwil["review"]["fingerprint"] == before["fingerprint"]
    assert after["tiers"][0]["changed_since_review"]  # the unit's submission is older than its files too
    shown = run_cli("review", "status", Q, "-C", kumham_drive).output
    assert "diterima (berubah sejak diperiksa)" in shown
    queue = json.loads(run_cli("review", "queue", "-u", "kiki", "--json", "-C", kumham_drive).output)
    assert queue == [{"question": Q, "tier": "kanwil", "reason": "berubah sejak diperiksa"}]
    # the decision record itself is unchanged: what kiki accepted stays provable
    events = json.loads(run_cli("audit", "log", "--question", Q, "--json", "-C", kumham_drive).output)
    decided = [e for e in events if e["action"] == "decide"]
    assert decided[0]["fingerprint"] == before["fingerprint"]


def test_review_status_writes_each_tiers_deadline_as_a_date_and_says_when_it_is_past(kumham_drive, run_cli):
    from datetime import date

    from zi_evidence.dates import format_date

    chain = json.loads(run_cli("review", "status", Q, "--json", "-C", kumham_drive).output)[0]
    text = run_cli("review", "status", Q, "-C", kumham_drive).output
    dated = [t for t in chain["tiers"] if t["deadline"]]
    assert dated, "the Kemenkumham chain gives every tier a deadline"
    for tier in dated:
        when = date.fromisoformat(tier["deadline"])
        shown = format_date(when) + (", sudah lewat" if when < date.today() else "")
        assert f"[batas {shown}]" in text, text
