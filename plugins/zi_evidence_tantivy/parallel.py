"""Our analysis of many documents on every core, for a rebuild: the tantivy writer only takes strings.

A rebuild after a first index analyses every document (tokenise, fold, stem), which is pure Python and
ran on one core while the other waited. Past ``SERIAL_UP_TO`` documents the work goes to a pool of
forked processes (started before the writer, so no writer thread is copied), with a bounded number
of batches in flight so memory stays flat, and results come back in order.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from itertools import chain, islice

from zi_evidence import IndexDoc
from zi_evidence_tantivy.fields import Analysed, analysed

#: A rebuild of fewer documents than this is analysed in the calling process (a pool costs ~0.3 s).
SERIAL_UP_TO = 400
BATCH = 32
IN_FLIGHT = 3  # batches per worker


def analyse_all(docs: Iterable[IndexDoc], workers: int | None = None) -> Iterator[Analysed]:
    """``analysed(doc)`` for each document, in order. The pool starts with the first ``next()``: take
    it before the tantivy writer exists."""
    workers = workers or min(os.cpu_count() or 1, 2)
    docs = iter(docs)
    head = list(islice(docs, SERIAL_UP_TO))
    if workers < 2 or len(head) < SERIAL_UP_TO:
        yield from map(analysed, head)
        yield from map(analysed, docs)
        return
    yield from _pooled(chain(head, docs), workers)


def _pooled(source: Iterator[IndexDoc], workers: int) -> Iterator[Analysed]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pending: deque[tuple[list[IndexDoc], Future[list[Analysed]]]] = deque()
    try:
        method = "fork" if sys.platform.startswith("linux") else "spawn"  # as the parse workers
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))
    except (OSError, ValueError):  # no processes to be had here: one core it is
        yield from map(analysed, source)
        return
    broken = False
    with pool:
        while True:
            while not broken and len(pending) < workers * IN_FLIGHT:
                batch = list(islice(source, BATCH))
                if not batch:
                    break
                pending.append((batch, pool.submit(_batch, batch)))
            if not pending:
                break
            batch, future = pending.popleft()
            try:
                yield from future.result()
            except Exception:  # noqa: BLE001 - a worker lost (killed, out of memory): this process goes on
                broken = True
                yield from _batch(batch)
    yield from map(analysed, source)  # what was not sent before the pool broke


def _batch(docs: list[IndexDoc]) -> list[Analysed]:
    return [analysed(doc) for doc in docs]
