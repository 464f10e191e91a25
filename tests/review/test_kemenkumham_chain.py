"""A whole Kemenkumham round through the CLI: UPT submits, Kanwil sends back, the UPT replaces a file and
resubmits, Kanwil accepts, Eselon I accepts, the TPI accepts; the log shows every step and stays intact."""

from __future__ import annotations

import json

Q = "A.1.1.a"
SK = "AREA I/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf"


def _ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_full_chain_unit_kanwil_eselon1_tpi(kumham_drive, add_people, as_user, run_cli, fabricate, indexed_repo):
    root = kumham_drive
    add_people(root)

    out = _ok(as_user("ani", "review", "submit", Q, "--jawaban", "ya", "--halaman", f"{SK}:1", "-C", root))
    assert "dikirim (putaran 1, 2 berkas)" in out
    # Eselon I cannot jump the Kanwil
    early = as_user("esa", "review", "decide", Q, "--tingkat", "eselon1", "--status", "diterima", "-C", root)
    assert early.exit_code == 1 and "tingkat kanwil belum meneruskan" in early.output
    out = _ok(
        as_user(
            "kiki", "review", "decide", Q, "--tingkat", "kanwil", "--status", "perlu_perbaikan",
            "--catatan", "SK belum ditandatangani", "-C", root,
        )
    )  # fmt: skip
    assert "Dikembalikan ke unit" in out
    assert "perlu perbaikan" in _ok(run_cli("review", "queue", "-u", "ani", "-C", root))

    fabricate.make_pdf(root / SK, ["KEPUTUSAN KEPALA LAPAS (ditandatangani)", "Lampiran susunan tim"])
    indexed_repo(root)
    out = _ok(as_user("ani", "review", "submit", Q, "--catatan", "SK bertanda tangan diunggah", "-C", root))
    assert "putaran 2" in out
    for name, tier in (("kiki", "kanwil"), ("esa", "eselon1"), ("tari", "tpi")):
        _ok(as_user(name, "review", "decide", Q, "--tingkat", tier, "--status", "diterima", "-C", root))

    chain = json.loads(_ok(run_cli("review", "status", Q, "--json", "-C", root)))[0]
    states = [(t["tier"], t["state"], t["changed_since_review"]) for t in chain["tiers"]]
    assert states == [
        ("unit", "dikirim", False),
        ("kanwil", "diterima", False),
        ("eselon1", "diterima", False),
        ("tpi", "diterima", False),
    ]
    assert chain["round"] == 2
    assert [t["review"]["reviewer"] for t in chain["tiers"]] == ["ani", "kiki", "esa", "tari"]
    assert chain["tiers"][3]["review"]["answer"] == "Ya"  # carried up from the unit when a tier gives none
    assert [t["deadline"] for t in chain["tiers"]] == [None, None, "2026-03-14", "2026-05-31"]

    log = _ok(run_cli("audit", "log", "--question", Q, "-C", root))
    steps = [line.split(" ", 4)[3:] for line in log.splitlines()]
    assert [s[0] for s in steps] == ["ani", "kiki", "ani", "kiki", "esa", "tari"]
    assert "SK belum ditandatangani" in log and "→ perlu perbaikan" in log
    assert "Log audit utuh" in _ok(run_cli("audit", "verify", "-C", root))
    tally = json.loads(_ok(run_cli("review", "rekap", "--json", "-C", root)))
    assert tally == [{"unit": "Lapas Uji", "tier": "kanwil", "perlu_perbaikan": 1, "ditolak": 0, "questions": [Q]}]


def test_a_higher_decision_blocks_revoking_the_lower_one(kumham_drive, add_people, as_user):
    root = kumham_drive
    add_people(root, ["ani", "kiki", "esa"])
    _ok(as_user("ani", "review", "submit", Q, "-C", root))
    _ok(as_user("kiki", "review", "decide", Q, "--tingkat", "kanwil", "--status", "diterima", "-C", root))
    _ok(as_user("esa", "review", "decide", Q, "--tingkat", "eselon1", "--status", "diterima", "-C", root))
    refused = as_user("kiki", "review", "revoke", Q, "--tingkat", "kanwil", "--catatan", "keliru", "-C", root)
    assert refused.exit_code == 1 and "cabut dulu keputusan tingkat eselon1" in refused.output
    _ok(as_user("esa", "review", "revoke", Q, "--tingkat", "eselon1", "--catatan", "tunggu Kanwil", "-C", root))
    _ok(as_user("kiki", "review", "revoke", Q, "--tingkat", "kanwil", "--catatan", "keliru", "-C", root))
    wrong = as_user("esa", "review", "decide", Q, "--tingkat", "eselon1", "--status", "diterima", "-C", root)
    assert wrong.exit_code == 1 and "belum meneruskan (status: dicabut)" in wrong.output
