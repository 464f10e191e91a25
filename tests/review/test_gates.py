"""The status machine and the gates, on an indexed copy of sample_repo/ (national chain: unit → tpi)."""

from __future__ import annotations

import pytest

from zi_evidence.errors import ReviewConflict, ReviewRefused
from zi_evidence.review.model import Role

Q = "A.II.4.i.a"  # one PDF in sample_repo/ (Laporan Kinerja Tahun 2025)
UNIT = "Kantor Imigrasi Kelas II TPI Tanjung Kelayang"


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_copy):
    return sample_copy(tmp_path_factory.mktemp("review") / "sample")


@pytest.fixture
def chain(sample, review_store):
    """The sample copy with a fresh review store (SQLite or PostgreSQL) and three accounts: ani (unit),
    budi and citra (TPI)."""
    from zi_evidence.repository import Repository
    from zi_evidence.review.accounts import Accounts
    from zi_evidence.review.session import repository_service

    service = repository_service(Repository.open(sample), review_store)
    accounts = Accounts(service.store)
    people = {
        "ani": [Role("tim_unit", UNIT)],
        "budi": [Role("verifikator", "*", "tpi")],
        "citra": [Role("verifikator", UNIT, "tpi"), Role("tim_unit", UNIT)],
    }
    for name, roles in people.items():
        accounts.add("uji", name, name.title(), f"sandi-{name}-12345", roles)
    users = {name: accounts.authenticate(name, f"sandi-{name}-12345") for name in people}
    return service, users


def test_submit_then_accept_then_revoke_then_decide_again(chain):
    service, u = chain
    assert service.chain(Q).tiers[1].state == "belum dikirim"
    submitted = service.submit(u["ani"], Q, note="laporan kinerja terlampir")
    assert (submitted.status, submitted.round, submitted.reviewer) == ("submitted", 1, "ani")
    assert submitted.fingerprint == service.evidence.of(Q).fingerprint
    assert service.chain(Q).tiers[1].state == "siap diperiksa"

    accepted = service.decide(u["budi"], Q, "tpi", "diterima")
    assert accepted.status == "diterima" and accepted.fingerprint == submitted.fingerprint
    with pytest.raises(ReviewRefused, match="cabut dulu"):
        service.decide(u["budi"], Q, "tpi", "ditolak", note="berubah pikiran")
    revoked = service.revoke(u["budi"], Q, "tpi", "perlu dicek ulang")
    assert revoked.status == "dicabut"
    with pytest.raises(ReviewRefused, match="hanya keputusan diterima"):
        service.revoke(u["budi"], Q, "tpi", "lagi")
    rejected = service.decide(u["budi"], Q, "tpi", "ditolak", answer=None, note="laporan tahun lalu")
    assert rejected.status == "ditolak"
    with pytest.raises(ReviewRefused, match="hanya keputusan diterima"):
        service.revoke(u["budi"], Q, "tpi", "ditolak tidak dicabut")


def test_tpi_cannot_decide_before_the_unit_submits(chain):
    service, u = chain
    with pytest.raises(ReviewRefused, match="belum dikirim unit"):
        service.decide(u["budi"], Q, "tpi", "diterima")
    service.save_draft(u["ani"], Q, "unit", note="masih disusun")
    with pytest.raises(ReviewRefused, match="belum dikirim unit"):
        service.decide(u["budi"], Q, "tpi", "diterima")


def test_perlu_perbaikan_sends_it_back_and_the_resubmission_is_a_new_round(chain):
    service, u = chain
    service.submit(u["ani"], Q)
    with pytest.raises(ReviewRefused, match="sudah dikirim"):
        service.submit(u["ani"], Q)
    with pytest.raises(ReviewRefused, match="perlu catatan"):
        service.decide(u["budi"], Q, "tpi", "perlu_perbaikan")
    service.decide(u["budi"], Q, "tpi", "perlu_perbaikan", note="lampirkan IKU")
    chain_now = service.chain(Q)
    assert chain_now.tiers[0].review.status == "perlu_perbaikan" and chain_now.tiers[0].open
    assert [i.reason for i in service.queue(u["ani"])] == ["dikembalikan: perlu perbaikan"]
    with pytest.raises(ReviewRefused, match="sudah diputus perlu perbaikan"):
        service.decide(u["budi"], Q, "tpi", "diterima")
    again = service.submit(u["ani"], Q, note="IKU dilampirkan")
    assert again.round == 2
    tpi = service.chain(Q).tiers[1]
    assert tpi.state == "siap diperiksa" and not tpi.current  # the round-1 decision no longer counts
    assert service.decide(u["budi"], Q, "tpi", "diterima").round == 2


def test_nobody_decides_their_own_submission_unless_allowed(chain):
    service, u = chain
    service.submit(u["citra"], Q)
    assert [i.tier for i in service.queue(u["citra"])] == []  # not offered her own submission
    with pytest.raises(ReviewRefused, match="harus diambil orang lain"):
        service.decide(u["citra"], Q, "tpi", "diterima")
    service.allow_self_approval = True
    assert service.decide(u["citra"], Q, "tpi", "diterima").reviewer == "citra"


def test_roles_are_checked_per_action_tier_and_unit(chain):
    service, u = chain
    with pytest.raises(ReviewRefused, match="tidak berperan tim_unit"):
        service.submit(u["budi"], Q)
    service.submit(u["ani"], Q)
    with pytest.raises(ReviewRefused, match="tidak berperan verifikator tingkat tpi"):
        service.decide(u["ani"], Q, "tpi", "diterima")
    with pytest.raises(ReviewRefused, match="Tingkat 'kanwil' tidak ada"):
        service.decide(u["budi"], Q, "kanwil", "diterima")
    with pytest.raises(ReviewRefused, match="unit sendiri"):
        service.decide(u["budi"], Q, "unit", "diterima")
    with pytest.raises(ReviewRefused, match="tidak ada di rule set"):
        service.submit(u["ani"], "A.9.9.z")


def test_answers_and_page_references_are_checked_against_the_rule_set_and_catalog(chain):
    from zi_evidence.review.model import PageRef

    service, u = chain
    sha = service.evidence.of(Q).files[0][1]
    stored = service.submit(u["ani"], Q, page_refs=[PageRef(sha, 1)])
    assert stored.page_refs == (PageRef(sha, 1),)
    with pytest.raises(ReviewRefused, match="bukan halaman berkas"):
        service.decide(u["budi"], Q, "tpi", "diterima", page_refs=[PageRef("0" * 64, 1)])
    with pytest.raises(ReviewRefused, match="tidak ada untuk A.I.1.i.a"):
        service.submit(u["ani"], "A.I.1.i.a", answer="Mungkin")
    assert service.submit(u["ani"], "A.I.1.i.a", answer="ya").answer == "Ya"


def test_a_stale_revision_is_refused_and_nothing_is_written(chain):
    service, u = chain
    service.submit(u["ani"], Q)
    with pytest.raises(ReviewRefused, match="sudah berubah sejak Anda membukanya"):
        service.decide(u["budi"], Q, "tpi", "diterima", expected_revision=3)
    assert service.chain(Q).tiers[1].review is None
    events = [e.action for e in service.history(Q)]
    assert events == ["submit"]


def test_the_store_refuses_a_write_over_a_moved_row(chain):
    service, u = chain
    stored = service.submit(u["ani"], Q)
    with service.store.transaction() as session, pytest.raises(ReviewConflict):
        session.put_review(stored, expected_revision=stored.revision - 1)
