"""``bounded_document``: the page and text limits every parser applies, each cut a warning."""

from zi_evidence import bounded_document
from zi_evidence.parsing import ParseLimits


def test_pages_over_the_limit_are_cut_and_counted():
    document = bounded_document(["satu", "dua", "tiga"], ParseLimits(pages=2), {"title": "T"}, unit="slide")
    assert document.pages == ("satu", "dua") and document.page_count == 3
    assert [p.code for p in document.problems] == ["page_limit"]
    assert "3 slide" in document.problems[0].message and document.metadata == {"title": "T"}


def test_a_caller_that_read_only_the_first_pages_gives_the_total():
    document = bounded_document(["satu"], ParseLimits(pages=1), total=40, unit="lembar")
    assert document.page_count == 40 and "40 lembar" in document.problems[0].message


def test_text_over_the_limit_is_cut_on_a_character_boundary():
    document = bounded_document(["é" * 400_000, "tidak sampai"], ParseLimits(text_mb=0))
    assert document.pages == ("",)
    assert [p.code for p in document.problems] == ["text_limit", "empty"]
    document = bounded_document(["é" * 600_000, "tidak sampai"], ParseLimits(text_mb=1))
    assert len(document.pages) == 1 and len(document.pages[0].encode()) <= 1024 * 1024
    assert document.pages[0].strip("é") == ""
    assert [p.code for p in document.problems] == ["text_limit"]


def test_no_text_at_all_is_an_empty_warning():
    document = bounded_document(["", "  "], ParseLimits(), empty="Presentasi tidak berisi teks.")
    assert [(p.code, p.severity, p.message) for p in document.problems] == [
        ("empty", "warning", "Presentasi tidak berisi teks.")
    ]
