"""Wildcard expansion is bounded: a pattern matching thousands of words is refused with advice."""

from __future__ import annotations

import pytest

from zi_evidence.errors import QueryError
from zi_evidence.search.backend import IndexDoc
from zi_evidence_whoosh import WhooshBackend
from zi_evidence_whoosh.querying import MAX_EXPANSION


@pytest.fixture
def many_words(tmp_path):
    words = " ".join(f"nomor{n:05d}x" for n in range(MAX_EXPANSION + 500))
    backend = WhooshBackend(tmp_path / "index")
    backend.update([IndexDoc(key="a", stamp="1", path="a.txt", text=words, title="Daftar")], [])
    yield backend
    backend.close()


def test_a_prefix_matching_too_many_words_is_refused(many_words):
    with pytest.raises(QueryError, match="awalan yang lebih panjang"):
        many_words.search("nomor*", {}, 10)
    with pytest.raises(QueryError, match="pola yang lebih khas"):
        many_words.search("nom?r*", {}, 10)


def test_a_narrower_prefix_still_finds(many_words):
    hits, total = many_words.search("nomor0001*", {}, 10)
    assert total == 1 and hits[0].key == "a"


def test_too_many_wildcards_in_one_pattern(many_words):
    with pytest.raises(QueryError, match=r"lebih dari 4 tanda"):
        many_words.search("n*m*o*r*0*", {}, 10)
