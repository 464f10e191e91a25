"""The core's query parser gives the very tree Whoosh's parser gives (converted by the Whoosh plugin's
``plain``), so both engines answer one query language alike: on the CLI's search test-set, on hand-made
corners of the syntax, and on thousands of random queries built from the language's parts."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("whoosh")

from zi_evidence.errors import QueryError  # noqa: E402
from zi_evidence.search.parse import parse_query  # noqa: E402
from zi_evidence_whoosh.plain import plain  # noqa: E402
from zi_evidence_whoosh.querying import make_parser  # noqa: E402
from zi_evidence_whoosh.querying import parse_query as whoosh_parse  # noqa: E402
from zi_evidence_whoosh.schema import build_schema  # noqa: E402

ATOMS = [
    "pelayanan",
    "yang",
    "zona",
    "integritas",
    "W.11",
    "SÉMARANG",
    "layan*",
    "peng*an",
    "pel?yan",
    '"zona integritas"',
    '"zona"',
    '"yang dan"',
    "'zona integritas'",
    "e-government",
    "title:zona",
    "area:6",
    "kinds:pdf",
    "http://x.id",
    "zona^2",
    '"a b"~2',
    "*",
    "x:",
    "2026",
    "melayani",
    "text_exact:pelay*",
    "kelayang",
    "sk",
    "a*b",
    "dan*",
    "title:layan*",
    'path:"sk tim"',
    "a*b*c*d*e*f",
]
OPERATORS = [" ", " ", " AND ", " OR ", " NOT ", " ANDNOT ", " ANDMAYBE ", " REQUIRE "]
#: The queries of the CLI's search test-set (tests/search/test_engines_agree.py), as one string each.
CLI_SET = [
    "pelayanan",
    "layanan",
    "melayani",
    "pengaduan masyarakat",
    '"zona integritas"',
    '"integritas zona"',
    "gratifikasi OR korupsi",
    "pelayanan NOT maklumat",
    "pelayanan ANDNOT publik",
    "tim ANDMAYBE keputusan",
    "(survei OR kepuasan) AND masyarakat",
    "layan*",
    "pelay*",
    "peng*an",
    "integri*",
    "SÉMARANG",
    "W.11",
    "kelayang",
    "rapat",
    "yang dan di",
    '"zona integritas',
    "layanan OR OR publik",
    "x NOT",
]
CORNERS = [
    "a OR b AND c",
    "a b OR c",
    "(a b) OR c",
    "(a OR b) OR c",
    "zona^2 OR x",
    "(zona^2 ANDMAYBE x) AND y",
    "NOT x y",
    "x NOT y",
    "(yang ANDNOT pelayanan)",
    "yang ANDMAYBE kelayang",
    "pelayanan REQUIRE yang",
    "*:*",
    "* OR zona",
    "a(b",
    'a"b c"',
    "pelayanan:publik",
    "zona ^2",
    "^2 zona",
    "(zona ^2)",
]


@pytest.fixture(scope="module")
def whoosh_parser():
    return make_parser(build_schema())


def _answer(parse, *args):
    try:
        return parse(*args)
    except QueryError as exc:
        return ("QueryError", str(exc))


def _random_queries(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 4)):
            atom = rng.choice(ATOMS)
            if rng.random() < 0.15:
                atom = f"({atom}{rng.choice(OPERATORS)}{rng.choice(ATOMS)})"
            if rng.random() < 0.1:
                atom = "NOT " + atom
            parts.append(atom)
        query = parts[0]
        for part in parts[1:]:
            query += rng.choice(OPERATORS) + part
        made.append(query)
    return made


@pytest.mark.parametrize("seed", [1, 2])
def test_core_parser_gives_whoosh_trees(whoosh_parser, seed: int) -> None:
    queries = (CLI_SET + CORNERS if seed == 1 else []) + _random_queries(seed, 1500)
    differ = []
    for query in queries:
        ours = _answer(parse_query, query)
        theirs = _answer(lambda text: plain(whoosh_parse(whoosh_parser, text)), query)
        if ours != theirs:
            differ.append((query, ours, theirs))
    assert not differ, differ[:3]
    refused = [q for q in queries if isinstance(_answer(parse_query, q), tuple)]
    assert refused and len(refused) < len(queries) // 2  # both refusals and trees were compared
