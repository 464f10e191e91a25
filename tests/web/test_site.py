"""The site's snapshot: built once per catalog generation and shared, never stale after an index run."""

from __future__ import annotations

import threading

QUESTION_DIR = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"


def test_an_index_run_shows_on_the_next_request(make_repo, pdf, indexed_repo):
    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    root = make_repo()
    pdf(root, f"{QUESTION_DIR}/1.i.a SK Tim Kerja.pdf", "KEPUTUSAN\nDitetapkan di Jakarta\npada tanggal 5 Januari 2026")
    indexed_repo(root)
    with TestClient(create_app(root)) as client:
        first = client.get("/api/pertanyaan/A.I.1.i.a").json()
        assert [f["date"] for f in first["files"]] == ["2026-01-05"]
        assert client.get("/api/pertanyaan/A.I.1.i.b").json()["files"] == []
        before = client.app.state.site.snapshot()
        assert client.app.state.site.snapshot() is before  # nothing changed: the same snapshot is shared

        pdf(root, f"{QUESTION_DIR}/1.i.b Kriteria Anggota Tim.pdf", "Laporan\nJakarta, 9 Februari 2026")
        indexed_repo(root)
        files = client.get("/api/pertanyaan/A.I.1.i.b").json()["files"]
        expected = [(f"{QUESTION_DIR}/1.i.b Kriteria Anggota Tim.pdf", "2026-02-09")]
        assert [(f["path"], f["date"]) for f in files] == expected
        assert client.app.state.site.snapshot() is not before
        dashboard = client.get("/api/").json()
        assert dashboard["completeness"]["files"] == 2


def test_concurrent_first_requests_build_one_snapshot(make_repo, pdf, indexed_repo):
    from zi_evidence.web import create_app

    root = make_repo()
    pdf(root, f"{QUESTION_DIR}/1.i.a SK Tim Kerja.pdf")
    indexed_repo(root)
    site = create_app(root).state.site
    start = threading.Barrier(4)
    seen: list[object] = []

    def load() -> None:
        start.wait()
        seen.append(site.snapshot())

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4 and all(found is seen[0] for found in seen)
