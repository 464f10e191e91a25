"""The fast index path against Whoosh's own: same terms, same positions, same phrase and word results.

The fast path analyses each distinct word once, stores posting blocks with positions apart
(``SplitBlockCodec``) and checks phrases on integer sets (``FastPhrase``). A reference index built
with Whoosh's analyzer pipeline, its default codec and its span-based ``Phrase`` must agree with it
on every query, over enough documents that each frequent word spans several posting blocks.
"""

from __future__ import annotations

import random
import re

import pytest
from whoosh import index as windex
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, TEXT, Schema

from zi_evidence.search.backend import IndexDoc
from zi_evidence_whoosh import WhooshBackend
from zi_evidence_whoosh.analysis import (
    TOKEN_PATTERN,
    affixed_analyzer,
    affixed_counts,
    index_terms,
    indonesian_analyzer,
    split_words,
)
from zi_evidence_whoosh.codec import SplitBlockCodec
from zi_evidence_whoosh.phrases import FastPhrase, _AdjacentMatcher
from zi_evidence_whoosh.schema import AffixedWords, BodyText

VOCABULARY = (
    "pelayanan layanan melayani publik zona integritas wilayah bebas korupsi yang dan di Sémarang "
    "SK_Tim W.11 2026 pengaduan masyarakat MENINGKATKAN peningkatan kinerja laporan bulanan"
).split()


def _texts(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(0, 60))) for _ in range(count)]


def test_fast_analysis_gives_the_analyzers_terms_and_positions():
    odd = ["", "yang dan di", "Se\u0301marang pelayanan_publik W.11", "Rp1.500,- (x²) naïve—café\tTAB_2026"]
    for text in _texts(200) + odd:
        tokens = [(t.text, t.pos) for t in indonesian_analyzer()(text, positions=True, mode="index")]
        assert [(term, pos) for pos, term in enumerate(index_terms(text))] == tokens
        assert split_words(text) == re.findall(TOKEN_PATTERN, text)  # the ASCII fast path included
        affixed = [t.text for t in affixed_analyzer()(text, mode="index")]
        assert affixed_counts(text) == {word: affixed.count(word) for word in set(affixed)}


_TEXTS = _texts(400)


@pytest.fixture(scope="module")
def twin_indexes(tmp_path_factory):
    """The same 400 documents in the fast index and in a plain Whoosh reference index."""
    texts = _TEXTS
    fast_dir, ref_dir = tmp_path_factory.mktemp("fast"), tmp_path_factory.mktemp("reference")
    fast = windex.create_in(str(fast_dir), Schema(key=ID(stored=True), text=BodyText(), text_exact=AffixedWords()))
    ref = windex.create_in(
        str(ref_dir),
        Schema(key=ID(stored=True), text=TEXT(analyzer=indonesian_analyzer()), text_exact=TEXT(affixed_analyzer())),
    )
    # two commits each: queries also cross a segment boundary
    for first, last in ((0, 250), (250, len(texts))):
        with fast.writer(codec=SplitBlockCodec()) as w:
            for i in range(first, last):
                w.add_document(key=str(i), text=texts[i], text_exact=(texts[i],))
        with ref.writer(codec=W3Codec()) as w:
            for i in range(first, last):
                w.add_document(key=str(i), text=texts[i], text_exact=texts[i])
    yield fast, ref


def _found(ix, q) -> tuple[list[str], list[float]]:
    with ix.searcher() as s:
        hits = s.search(q, limit=None)
        return sorted(h["key"] for h in hits), sorted(round(h.score, 4) for h in hits)


@pytest.mark.parametrize(
    "words",
    [
        ["zona", "integritas"],
        ["layan", "publik"],
        ["layan", "layan"],
        ["zona", "integritas", "wilayah"],
        ["bebas", "korupsi", "zona"],
        ["semarang", "sk"],
        ["korupsi", "tidakada"],
    ],
)
def test_fast_phrase_finds_what_whoosh_phrase_finds(twin_indexes, words):
    fast, ref = twin_indexes
    expected_keys, expected_scores = _found(ref, wq.Phrase("text", words))
    keys, scores = _found(fast, FastPhrase("text", words))
    assert keys == expected_keys and scores == expected_scores
    if words[0] == "zona" and len(words) == 2:
        assert len(keys) > 20  # the test means something only if phrases occur


@pytest.mark.parametrize(
    "q",
    [
        wq.Term("text", "layan"),
        wq.And([wq.Term("text", "zona"), wq.Term("text", "kinerja")]),
        wq.Or([wq.Term("text", "korupsi"), wq.Term("text", "2026")]),
        wq.Prefix("text_exact", "pela"),
        wq.Not(wq.Term("text", "publik")),
    ],
)
def test_words_find_and_score_as_in_whoosh(twin_indexes, q):
    fast, ref = twin_indexes
    assert _found(fast, q) == _found(ref, q)


def test_split_blocks_survive_updates_deletes_and_merges(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    docs = [IndexDoc(key=str(i), stamp="1", path=f"d{i}.pdf", text=t) for i, t in enumerate(_texts(300))]
    backend.rebuild(docs[:200])
    for start in range(200, 300, 20):  # many small commits: Whoosh merges the small segments
        backend.update(docs[start : start + 20], [str(k) for k in range(start - 200, start - 180)])
    hits, total = backend.search('"zona integritas"', {}, 500)
    expected = {d.key for d in docs[100:] if _adjacent(d.text, "zona", "integritas")}
    assert {h.key for h in hits} == expected and total == len(expected) > 0
    backend.close()


def _adjacent(text: str, first: str, second: str) -> bool:
    terms = index_terms(text)
    return any(a == first and b == second for a, b in zip(terms, terms[1:], strict=False))


def test_fast_phrase_spans_are_the_occurrences(twin_indexes):
    fast, _ = twin_indexes
    checked = 0
    with fast.searcher() as s:
        for leaf, _offset in s.leaf_searchers():  # matchers count documents within their segment
            # the general matcher (the one used across segments); a segment's own path reads whole lists
            words = [wq.Term("text", w).matcher(leaf) for w in ("zona", "integritas")]
            matcher = _AdjacentMatcher(words)
            while matcher.is_active():
                terms = index_terms(_TEXTS[int(leaf.stored_fields(matcher.id())["key"])])
                pairs = zip(terms, terms[1:], strict=False)
                starts = [i for i, pair in enumerate(pairs) if pair == ("zona", "integritas")]
                assert [span.start for span in matcher.spans()] == starts != []
                matcher.next()
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("query", ["korupsi OR 2026", "zona OR wilayah", '"zona integritas" OR kinerja', "layan*"])
def test_totals_count_every_matching_document(tmp_path, query):
    """Totals come from Whoosh's counting pass; its single-pass mode miscounts ORs of two words."""
    backend = WhooshBackend(tmp_path / "index")
    texts = _texts(700, seed=11)
    backend.rebuild(IndexDoc(key=str(i), stamp="1", path=f"d{i}.pdf", text=t) for i, t in enumerate(texts))
    hits, total = backend.search(query, {}, 5)
    expected = sum(1 for t in texts if _holds(t, query))
    assert len(hits) == 5 and total == expected
    backend.close()


def _holds(text: str, query: str) -> bool:
    terms = index_terms(text)
    pairs = set(zip(terms, terms[1:], strict=False))
    return {
        "korupsi OR 2026": "korupsi" in terms or "2026" in terms,
        "zona OR wilayah": "zona" in terms or "wilayah" in terms,
        '"zona integritas" OR kinerja': ("zona", "integritas") in pairs or "kinerja" in terms,
        "layan*": any(t.startswith("layan") for t in terms),
    }[query]


def test_updates_merge_only_their_own_small_segments(tmp_path):
    """One changed file must not make Whoosh rewrite the rebuild's segments (66 s at 10,000 files)."""
    from zi_evidence_whoosh.segments import MERGE_AT

    backend = WhooshBackend(tmp_path / "index")
    backend.rebuild_chunk_chars = 2_000  # several rebuild segments, as a large drive gets
    docs = [IndexDoc(key=str(i), stamp="1", path=f"d{i}.pdf", text=t) for i, t in enumerate(_texts(1200, seed=5))]
    backend.rebuild(docs[:1000])

    def segments() -> dict[str, int]:
        ix = backend._open()
        return {seg.segment_id(): seg.doc_count_all() for seg in ix._segments()}

    built = segments()
    assert len(built) > 2
    for n in range(MERGE_AT):
        backend.update([docs[1000 + n]], [str(n)])
    now = segments()
    assert {k: v for k, v in now.items() if k in built} == built, "the rebuild's segments are left as built"
    assert len(now) == len(built) + MERGE_AT
    backend.update([docs[1100]], [])
    merged = segments()
    assert {k: v for k, v in merged.items() if k in built} == built
    assert len(merged) == len(built) + 1, "the updates' small segments went into the new one"
    hits, total = backend.search("korupsi OR 2026", {}, 3000)
    assert {h.key for h in hits} == {
        d.key
        for d in docs[MERGE_AT:1000] + docs[1000 : 1000 + MERGE_AT] + [docs[1100]]
        if {"korupsi", "2026"} & set(index_terms(d.text))
    }
    backend.close()


def test_an_index_from_before_keeps_its_segments_on_the_first_update(tmp_path):
    from zi_evidence_whoosh.segments import BUILT

    backend = WhooshBackend(tmp_path / "index")
    backend.rebuild_chunk_chars = 2_000
    docs = [IndexDoc(key=str(i), stamp="1", path=f"d{i}.pdf", text=t) for i, t in enumerate(_texts(300, seed=8))]
    backend.rebuild(docs[:250])
    folder = tmp_path / "index" / (tmp_path / "index" / "CURRENT").read_text().strip()
    (folder / BUILT).unlink()  # as an index built before the file existed
    before = {seg.segment_id() for seg in backend._open()._segments()}
    for doc in docs[250:262]:
        backend.update([doc], [])
    after = {seg.segment_id() for seg in backend._open()._segments()}
    assert before <= after and set((folder / BUILT).read_text().split()) == before
    backend.close()
