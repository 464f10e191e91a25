"""The organisation tree: subtrees by date, a move that keeps history, roles spread over a subtree."""

from __future__ import annotations

from datetime import date

import pytest

from zi_evidence.errors import ServerError
from zi_evidence.review.model import Role, User


def _codes(db, ids):
    from zi_evidence.server.org import tree

    return sorted(u.code for u in tree(db, date(2030, 1, 1), ids))


def test_a_kanwil_subtree_and_a_move_that_keeps_history(org):
    from zi_evidence.server.org import history, move_unit, subtree_ids, tree, unit_id

    with org.engine.begin() as db:
        jatim = unit_id(db, "KW-JATIM")
        assert _codes(db, subtree_ids(db, [jatim], date(2026, 6, 1))) == ["KW-JATIM", "UPT-A", "UPT-B"]
        move_unit(db, "UPT-B", "KW-JABAR", date(2026, 10, 1))
        before = subtree_ids(db, [jatim], date(2026, 9, 30))
        after = subtree_ids(db, [jatim], date(2026, 10, 1))
        assert _codes(db, before) == ["KW-JATIM", "UPT-A", "UPT-B"]
        assert _codes(db, after) == ["KW-JATIM", "UPT-A"]
        placed = [(p.parent, p.valid_from, p.valid_to) for p in history(db, "UPT-B")]
        assert placed == [("KW-JATIM", date(2026, 1, 1), date(2026, 10, 1)), ("KW-JABAR", date(2026, 10, 1), None)]
        assert {u.code: u.parent for u in tree(db, date(2026, 9, 1))}["UPT-B"] == "KW-JATIM"


def test_a_unit_cannot_move_under_its_own_subtree_or_to_an_earlier_date(org):
    from zi_evidence.server.org import add_unit, move_unit

    with org.engine.begin() as db:
        with pytest.raises(ServerError, match="bawahannya sendiri"):
            move_unit(db, "KW-JATIM", "UPT-A", date(2026, 5, 1))
        with pytest.raises(ServerError, match="pilih tanggal sesudahnya"):
            move_unit(db, "UPT-A", "KW-JABAR", date(2025, 5, 1))
        with pytest.raises(ServerError, match="sudah dipakai"):
            add_unit(db, "UPT-A", "lagi", "upt", None, date(2026, 1, 1))
        with pytest.raises(ServerError, match="tidak terdaftar"):
            move_unit(db, "UPT-Z", "KW-JABAR", date(2026, 5, 1))


def test_a_role_on_a_kanwil_reaches_its_upts_only(org):
    from zi_evidence.server.org import scoped_user, visible_ids

    kiki = User("kiki", "Kiki", True, (Role("verifikator", "KW-JATIM", "kanwil"),))
    with org.engine.begin() as db:
        assert _codes(db, visible_ids(db, kiki, date(2026, 6, 1))) == ["KW-JATIM", "UPT-A", "UPT-B"]
        spread = scoped_user(db, kiki, date(2026, 6, 1))
    assert spread.has("verifikator", "UPT-A", "kanwil") and spread.has("verifikator", "UPT-B", "kanwil")
    assert not spread.has("verifikator", "UPT-C", "kanwil")
