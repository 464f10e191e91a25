"""The Indonesian analyzer on its own: tokens, folding, stop words, stems."""

from __future__ import annotations

import pickle

from zi_evidence_whoosh.analysis import STOP_WORDS, affixed_analyzer, exact_analyzer, indonesian_analyzer, stem
from zi_evidence_whoosh.schema import build_schema


def texts(analyzer, value: str) -> list[str]:
    return [t.text for t in analyzer(value)]


def test_pelayanan_layanan_melayani_share_a_stem():
    assert {stem("pelayanan"), stem("layanan"), stem("melayani")} == {"layan"}


def test_codes_numbers_and_short_words_survive():
    assert texts(exact_analyzer(), "SK 2026 Kanwil W.11") == ["sk", "2026", "kanwil", "w", "11"]


def test_file_names_split_on_underscores():
    assert texts(exact_analyzer(), "SK_Tim_2026.pdf") == ["sk", "tim", "2026", "pdf"]


def test_accents_folded_also_when_decomposed():
    assert texts(exact_analyzer(), "Sémarang Se\u0301marang") == ["semarang", "semarang"]


def test_stop_words_dropped_and_positions_renumbered():
    # Whoosh reuses one Token object, so read each one as it comes.
    tokens = [(t.text, t.pos) for t in indonesian_analyzer()("pelayanan yang di kantor", positions=True)]
    assert tokens == [("layan", 0), ("kantor", 1)]
    assert {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada"} <= STOP_WORDS


def test_numbers_not_stemmed():
    assert stem("2026") == "2026"


def test_schema_pickles_small():
    # The schema is pickled into every TOC file; folding tables would bloat each commit.
    assert len(pickle.dumps(build_schema(), 2)) < 20_000


def test_prefix_field_indexes_only_words_the_stemmer_changes():
    assert texts_in_mode(affixed_analyzer(), "pelayanan integritas melayani 2026", "index") == ["pelayanan", "melayani"]
    # At query time nothing is dropped: the pattern "integri*" must survive.
    assert texts_in_mode(affixed_analyzer(), "integri*", "query", tokenize=False) == ["integri*"]


def texts_in_mode(analyzer, value: str, mode: str, **kwargs) -> list[str]:
    return [t.text for t in analyzer(value, mode=mode, **kwargs)]


def test_one_pass_tokenizer_equals_the_filter_chain():
    """The fast single-pass tokenizer must index exactly what the composed filter chain would."""
    from zi_evidence_whoosh.analysis import IndonesianStemFilter, IndonesianTokenizer, exact_analyzer

    text = "Pelayanan publik dan layanan yang MELAYANI masyarakat; SK W.11 tahun 2026, Sémarang."
    chain = exact_analyzer() | IndonesianStemFilter()
    expected = [(t.text, t.pos, t.startchar, t.endchar) for t in chain(text, positions=True, chars=True)]
    fast = [(t.text, t.pos, t.startchar, t.endchar) for t in IndonesianTokenizer()(text, positions=True, chars=True)]
    assert fast == expected and ("layan", 0, 0, 9) in fast
