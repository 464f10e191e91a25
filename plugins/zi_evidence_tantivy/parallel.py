"""Our analysis of many documents on every core, for a rebuild: the tantivy writer only takes strings.

A rebuild after a first index analyses every document (tokenise, fold, stem), which is pure Python and
ran on one core while the other waited. Past ``SERIAL_UP_TO`` documents the work goes to a pool of
forked processes (started before the writer, so no writer thread is copied), with a bounded number
of batches in flight so memory stays flat, and results come back in order. The pool first counts
the body terms of the sample the list of frequent terms is chosen from (``common``).
"""

from __future__ import annotations

import os
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from itertools import chain, islice
from typing import Any, cast

from zi_evidence import IndexDoc
from zi_evidence_tantivy.common import choose, document_counts
from zi_evidence_tantivy.fields import Analysed, analysed

#: A rebuild of fewer documents than this is analysed in the calling process (a pool costs ~0.3 s).
#: The first this many documents are also the sample the list of frequent terms is chosen from.
SERIAL_UP_TO = 400
BATCH = 32
IN_FLIGHT = 3  # batches per worker


def analyse_all(docs: Iterable[IndexDoc], workers: int | None = None) -> tuple[tuple[str, ...], Iterator[Analysed]]:
    """The frequent terms of the first ``SERIAL_UP_TO`` documents (``common.choose``), then
    ``analysed(doc, those terms)`` for each document, in order. Any pool is forked by this call:
    make it before the tantivy writer exists."""
    stream = _stream(docs, workers or min(os.cpu_count() or 1, 2))
    ranked = cast(tuple[str, ...], next(stream))
    return ranked, cast(Iterator[Analysed], stream)


def _stream(docs: Iterable[IndexDoc], workers: int) -> Iterator[Any]:
    docs = iter(docs)
    head = list(islice(docs, SERIAL_UP_TO))
    if workers < 2 or len(head) < SERIAL_UP_TO:
        ranked = choose(document_counts(head))
        yield ranked
        common = frozenset(ranked)
        yield from (analysed(doc, common) for doc in chain(head, docs))
        return
    yield from _pooled(head, docs, workers)


def _pooled(head: list[IndexDoc], rest: Iterator[IndexDoc], workers: int) -> Iterator[Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        method = "fork" if sys.platform.startswith("linux") else "spawn"  # as the parse workers
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))
    except (OSError, ValueError):  # no processes to be had here: one core it is
        yield from _stream(chain(head, rest), 1)
        return
    with pool:
        counts: Counter[str] = Counter()
        broken = False
        try:
            for part in pool.map(document_counts, (head[i : i + BATCH] for i in range(0, len(head), BATCH))):
                counts.update(part)
        except Exception:  # noqa: BLE001 - a worker lost (killed, out of memory): count here
            counts, broken = document_counts(head), True
        ranked = choose(counts)
        yield ranked
        yield from _analysed(pool, chain(head, rest), frozenset(ranked), workers, broken)


def _analysed(
    pool: Any, source: Iterator[IndexDoc], common: frozenset[str], workers: int, broken: bool
) -> Iterator[Analysed]:
    pending: deque[tuple[list[IndexDoc], Future[list[Analysed]]]] = deque()
    while True:
        while not broken and len(pending) < workers * IN_FLIGHT:
            batch = list(islice(source, BATCH))
            if not batch:
                break
            pending.append((batch, pool.submit(_batch, batch, common)))
        if not pending:
            break
        batch, future = pending.popleft()
        try:
            yield from future.result()
        except Exception:  # noqa: BLE001 - a worker lost (killed, out of memory): this process goes on
            broken = True
            yield from _batch(batch, common)
    yield from (analysed(doc, common) for doc in source)  # what was not sent before the pool broke


def _batch(docs: list[IndexDoc], common: frozenset[str]) -> list[Analysed]:
    return [analysed(doc, common) for doc in docs]
