"""The tantivy schema and the mapping from ``IndexDoc`` to a tantivy document.

Text fields hold the terms our analysis made, joined by spaces, under tantivy's whitespace tokenizer
(no lower-casing, no length limit): a term's place in the list is its position, as in the Whoosh index.
"""

from __future__ import annotations

from typing import Any

from zi_evidence import IndexDoc, affixed_counts, index_terms
from zi_evidence_tantivy.common import pair_tokens

#: The fields the query language names (``zi_evidence.search.tree``).
TEXT = ("title", "path", "text")
EXACT = "text_exact"
#: Two adjacent terms of the body text as one token (``zona_integritas``) when both are on the index's
#: list of frequent terms (``common``): such a two-word phrase is then one term lookup, where a phrase
#: query checks positions in every document holding both words.
PAIRS = "text_pairs"
KEYWORDS = ("question", "indicator", "area", "year", "kinds")


def build_schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("stamp", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    builder.add_text_field(EXACT, tokenizer_name="whitespace", index_option="freq")  # prefixes need no positions
    builder.add_text_field(PAIRS, tokenizer_name="whitespace", index_option="freq")
    for name in KEYWORDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    return builder.build()


#: One document's fields after our analysis, as plain strings (picklable: made in analysis workers).
Analysed = tuple[str, str, tuple[tuple[str, str], ...], tuple[str, ...]]


def analysed(doc: IndexDoc, common: frozenset[str]) -> Analysed:
    """``(key, stamp, ((field, value), ...), kinds)``: everything but the tantivy object; pairs of
    adjacent body terms where both are in ``common``."""
    values: list[tuple[str, str]] = []
    for name, value in (("title", doc.title), ("path", doc.path), ("text", doc.text)):
        terms = index_terms(value)
        if terms:
            values.append((name, " ".join(terms)))
        pairs = pair_tokens(terms, common) if name == "text" else ""
        if pairs:
            values.append((PAIRS, pairs))
    affixed = affixed_counts(doc.title, doc.path, doc.text)
    if affixed:
        values.append((EXACT, " ".join(affixed)))
    for name, value in (("question", doc.question), ("indicator", doc.indicator), ("area", doc.area)):
        if value.strip():
            values.append((name, value.strip()))
    if doc.year.strip():
        values.append(("year", doc.year.strip()))
    kinds = tuple(kind.strip() for kind in doc.kinds if kind.strip())
    return doc.key, doc.stamp, tuple(values), kinds


def made(tantivy: Any, fields: Analysed) -> Any:
    key, stamp, values, kinds = fields
    out = tantivy.Document()
    out.add_text("key", key)
    out.add_text("stamp", stamp)
    for name, value in values:
        out.add_text(name, value)
    for kind in kinds:
        out.add_text("kinds", kind)
    return out


def document(doc: IndexDoc, common: frozenset[str]) -> Any:
    import tantivy

    return made(tantivy, analysed(doc, common))
