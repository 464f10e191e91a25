"""The query's length and term count are bounded before any backend sees it (a 100,000-character
query took 68 s); the message says how to shorten it."""

from __future__ import annotations

import pytest

from zi_evidence.errors import QueryError
from zi_evidence.search.limits import MAX_QUERY_CHARS, MAX_QUERY_TERMS, check_query_bounds


@pytest.fixture(scope="module")
def drive(tmp_path_factory, new_repo, fabricate, indexed_repo):
    root = new_repo(tmp_path_factory.mktemp("q") / "drive")
    fabricate.make_pdf(root / "PEMENUHAN" / "1.i.a SK Tim.pdf", ["Keputusan tim pembangunan zona integritas"])
    indexed_repo(root)
    return root


def test_a_huge_query_is_refused_at_once(drive, run_limited):
    result = run_limited("search", "-C", drive, "kata " * 20_000, memory_mb=600)
    assert result.returncode == 1 and "TRACEBACK" not in result.stdout
    assert "Kueri terlalu panjang: 100.000 karakter" in result.stdout


def test_too_many_terms(drive, run_cli):
    result = run_cli("search", "-C", drive, *(["tim"] * (MAX_QUERY_TERMS + 1)))
    assert result.exit_code == 1 and f"batas {MAX_QUERY_TERMS}" in result.output


def test_a_query_at_the_bounds_still_searches(drive, run_cli):
    words = " OR ".join(["tim"] * MAX_QUERY_TERMS)
    assert len(words) <= MAX_QUERY_CHARS
    result = run_cli("search", "-C", drive, words)
    assert result.exit_code == 0 and "SK Tim" in result.output


def test_operators_do_not_count_as_terms():
    check_query_bounds(" AND ".join(["a"] * MAX_QUERY_TERMS))
    with pytest.raises(QueryError):
        check_query_bounds("x" * (MAX_QUERY_CHARS + 1))


def test_the_wildcard_bound_is_the_core_s_whatever_the_engine():
    import pytest

    from zi_evidence.errors import QueryError
    from zi_evidence.search.limits import MAX_WILDCARDS, check_query_bounds

    check_query_bounds("a*b*c*d*")  # at the bound
    check_query_bounds('"*a*b*c*d*e*"')  # inside a phrase a star is a character, not a pattern
    with pytest.raises(QueryError, match=f"lebih dari {MAX_WILDCARDS} tanda"):
        check_query_bounds("tim *a*b*c*d*")
