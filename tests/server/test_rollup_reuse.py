"""Across units: the live roll-up of a node's units and reuse findings (the same file in several units,
last year's file filed again, the same text under different bytes), each limited to the reader's reach."""

from __future__ import annotations

from datetime import date

from zi_evidence.review.model import Role, User

KIKI = User("kiki", "Kiki", True, (Role("verifikator", "KW-JATIM", "kanwil"),))
JAJA = User("jaja", "Jaja", True, (Role("verifikator", "KW-JABAR", "kanwil"),))
SK_TEXT = "Keputusan Kepala tentang Pembentukan Tim Kerja Pembangunan Zona Integritas menuju WBK " * 4


def _view(db, fn, user, **params):
    with db.engine.connect() as connection:
        return fn(connection, user, params, {}, date(2026, 6, 1))


def test_rollup_lists_the_nodes_units_with_their_last_snapshot(org, pushed):
    from zi_evidence.server.views import rollup_view

    pushed("UPT-A", {"a.txt": ("A.1.1.a", ["satu"]), "b.txt": ("A.1.2.a", ["dua"])})
    rows = {r["unit"]: r for r in _view(org, rollup_view, KIKI)["units"]}
    assert sorted(rows) == ["KW-JATIM", "UPT-A", "UPT-B"]
    assert rows["UPT-A"]["summary"]["supported"] == 2 and rows["UPT-A"]["year"] == 2026
    assert set(rows["UPT-A"]["deadlines"]) == {"unit", "kanwil", "eselon1", "tpi"}
    assert rows["UPT-B"]["summary"] is None  # registered, never pushed: shown, not hidden
    only_a = _view(org, rollup_view, KIKI, unit="UPT-A")["units"]
    assert [r["unit"] for r in only_a] == ["UPT-A"]


def test_the_same_file_in_two_units_and_again_next_year_are_findings(org, pushed):
    from zi_evidence.server.views import duplicates_view

    pushed("UPT-A", {"sk.txt": ("A.1.1.a", [SK_TEXT])}, year=2025)
    pushed("UPT-A", {"sk.txt": ("A.1.1.a", [SK_TEXT])}, year=2026)
    pushed("UPT-B", {"sk-salinan.txt": ("A.1.1.a", [SK_TEXT])})
    pushed("UPT-C", {"sk-c.txt": ("A.1.1.a", [SK_TEXT])})
    found = {f["code"]: f for f in _view(org, duplicates_view, KIKI)["findings"]}
    assert set(found) == {"reuse_same_file", "reuse_last_year"}
    same = found["reuse_same_file"]
    assert sorted({u["unit"] for u in same["uses"]}) == ["UPT-A", "UPT-B"]
    assert same["outside"] == 1  # UPT-C also filed it: counted, not named to a Jatim reader
    assert sorted(u["year"] for u in found["reuse_last_year"]["uses"] if u["unit"] == "UPT-A") == [2025, 2026]


def test_the_same_text_under_different_bytes_is_a_finding(org, pushed):
    from zi_evidence.server.views import duplicates_view

    pushed("UPT-A", {"sk.txt": ("A.1.1.a", [SK_TEXT])})
    pushed("UPT-B", {"sk.txt": ("A.1.1.a", [SK_TEXT.upper().replace(" ", "  ")])})  # re-saved, re-spaced
    pushed("UPT-C", {"lain.txt": ("A.1.1.a", ["Teks yang lain sama sekali " * 20])})
    found = _view(org, duplicates_view, KIKI)["findings"]
    assert [f["code"] for f in found] == ["reuse_near_text"]
    assert sorted(u["unit"] for u in found[0]["uses"]) == ["UPT-A", "UPT-B"]
    assert _view(org, duplicates_view, JAJA)["findings"] == []
