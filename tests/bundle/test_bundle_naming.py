"""Member names: ASCII, bounded, unique ignoring case, never escaping the archive root."""

import pytest

from zi_evidence.bundle.naming import NameAllocator, check_member, file_label, fold_ascii, is_safe_member, slug
from zi_evidence.errors import BundleError


def test_slug_folds_accents_and_drops_the_rest():
    assert fold_ascii("Lapóran Ŝéçürïtý ﬁle") == "Laporan Security file"
    assert slug("SK Tim Kerja ZI — 2026 (final).PDF") == "sk-tim-kerja-zi-2026-final-pdf"
    assert slug("東京 報告") == "berkas"
    assert slug("--rf ../../etc") == "rf-etc"


def test_slug_is_bounded_at_a_word_boundary():
    text = "laporan pelaksanaan monitoring dan evaluasi pembangunan zona integritas " * 5
    result = slug(text, 40)
    assert len(result) <= 40 and not result.endswith("-") and result.startswith("laporan-pelaksanaan")


@pytest.mark.parametrize(
    "name",
    [
        "../x.pdf",
        "/etc/passwd",
        "a/../b.pdf",
        "a//b.pdf",
        "-rf.pdf",
        "a/./b",
        "C:\\x.pdf",
        "a/b c.pdf",
        "é.pdf",
        "",
        "a/" + "x" * 300,
    ],
)
def test_unsafe_member_names_are_refused(name):
    assert not is_safe_member(name)
    with pytest.raises(BundleError):
        check_member(name)


def test_allocator_resolves_case_and_accent_collisions():
    names = NameAllocator()
    folder = ("DATA-DUKUNG", "1.i.a-tim")
    first = names.file(folder, "1.i.a", 1, "Laporan", "pdf")
    second = names.file(folder, "1.i.a", 1, "LAPORAN", "pdf")
    third = names.file(folder, "1.i.a", 1, "Lapóran", "pdf")
    assert first == "DATA-DUKUNG/1.i.a-tim/1.i.a-01-laporan.pdf"
    assert len({first.casefold(), second.casefold(), third.casefold()}) == 3
    assert all(is_safe_member(n) for n in (first, second, third))


def test_allocator_bounds_very_long_unicode_names():
    names = NameAllocator()
    member = names.file(("A",) * 3, "1.i.a", 7, "Ľaporan ÿang sangat panjang " * 40, "pdf")
    assert is_safe_member(member) and len(member) <= 200 and member.endswith(".pdf")


def test_file_label_drops_the_leading_lke_id():
    assert file_label("x/1.i.a SK TIM ZONA INTEGRITAS.pdf") == "SK TIM ZONA INTEGRITAS"
    assert file_label("REFORM/A.II.5.ii.a Rekap Pengaduan.xlsx") == "Rekap Pengaduan"
    assert file_label("HASIL/B.II.a Laporan Survei.pdf") == "Laporan Survei"
    assert file_label("x/2-i-c Notulen.docx") == "Notulen"
