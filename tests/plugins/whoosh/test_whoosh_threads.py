"""One backend object shared by the web server's threads: each thread searches on its own searcher."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from zi_evidence.search.backend import IndexDoc
from zi_evidence_whoosh import WhooshBackend


def docs(n: int, start: int = 0) -> list[IndexDoc]:
    words = ("pelayanan", "integritas", "pengaduan")
    return [
        IndexDoc(key=f"k{i}", stamp="s", path=f"Area/f{i}.pdf", text=f"{words[i % 3]} dokumen nomor{i}")
        for i in range(start, start + n)
    ]


def test_parallel_searches_match_serial_ones(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    backend.update(docs(300), [])
    queries = ["pelayanan", "integritas", "pengaduan", "dokumen", "nomor7*", "pelayanan OR pengaduan"]
    expected = {q: backend.search(q, {}, 50) for q in queries}

    def run(i: int) -> tuple[str, tuple]:
        q = queries[i % len(queries)]
        return q, backend.search(q, {}, 50)

    with ThreadPoolExecutor(max_workers=8) as pool:
        for query, got in pool.map(run, range(400)):
            assert got == expected[query], query
    backend.close()


def test_threads_see_a_commit_and_never_fail_meanwhile(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    backend.update(docs(100), [])
    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                totals.append(backend.search("dokumen", {}, 5)[1])
        except BaseException as exc:  # any failure of a reader is the bug this test looks for
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for round_ in range(5):
        backend.update(docs(20, start=100 + 20 * round_), [])
    stop.set()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert set(totals) <= {100 + 20 * r for r in range(6)}
    # every thread opens a fresh searcher once the last commit is visible
    assert backend.search("dokumen", {}, 5)[1] == 200
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert set(pool.map(lambda _: backend.search("dokumen", {}, 5)[1], range(8))) == {200}
    backend.close()
