"""A question with hundreds of files: its page shows them a hundred at a time, its JSON twin says where."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path("PEMENUHAN", "AREA I - Manajemen Perubahan", "i. Penyusunan Tim Kerja")
MANY = 230


@pytest.fixture(scope="module")
def crowded(tmp_path_factory, indexed_repo):
    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    root = tmp_path_factory.mktemp("paging") / "drive"
    shutil.copytree(ROOT / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence"))
    for n in range(MANY):
        (root / FOLDER / f"1.i.a notulen rapat tim {n:03d}.txt").write_text(f"Notulen rapat tim kerja ke-{n}\n")
    indexed_repo(root)
    with TestClient(create_app(root)) as client:
        yield client


def test_pages_of_the_file_table_cover_every_file_once(crowded, selectors):
    client = crowded
    first = client.get("/api/pertanyaan/A.I.1.i.a").json()
    total = first["files_paging"]["total"]
    assert total >= MANY
    assert first["files_paging"] == {"page": 1, "pages": -(-total // 100), "per_page": 100, "total": total}
    seen: list[int] = []
    for page in range(1, first["files_paging"]["pages"] + 1):
        data = client.get(f"/api/pertanyaan/A.I.1.i.a?hal={page}").json()
        assert data["files_paging"]["page"] == page
        seen += [f["id"] for f in data["files"]]
        html = client.get(f"/pertanyaan/A.I.1.i.a?hal={page}").text
        assert selectors.rows(html, "data-file-id") == [str(f["id"]) for f in data["files"]]
    assert len(seen) == total == len(set(seen))


def test_out_of_range_and_garbage_pages_are_clamped(crowded):
    client = crowded
    last = client.get("/api/pertanyaan/A.I.1.i.a?hal=9999").json()["files_paging"]
    assert last["page"] == last["pages"]
    assert client.get("/api/pertanyaan/A.I.1.i.a?hal=0").json()["files_paging"]["page"] == 1
    assert client.get("/api/pertanyaan/A.I.1.i.a?hal=abc").json()["files_paging"]["page"] == 1


def test_the_pager_links_next_and_previous(crowded):
    client = crowded
    html = client.get("/pertanyaan/A.I.1.i.a?hal=2").text
    assert 'rel="prev" href="?hal=1#files"' in html
    assert 'rel="next" href="?hal=3#files"' in html
    assert "dari" in html


def test_findings_about_files_are_shown_on_the_page_of_their_file(crowded):
    """Each page lists the question's own findings and those about its files; together, every finding."""
    client = crowded
    first = client.get("/api/pertanyaan/A.I.1.i.a").json()
    total = first["findings_total"]
    seen = set()
    for page in range(1, first["files_paging"]["pages"] + 1):
        data = client.get(f"/api/pertanyaan/A.I.1.i.a?hal={page}").json()
        assert data["findings_total"] == total
        on_page = {f["path"] for f in data["files"]}
        for finding in data["findings"]:
            assert finding["path"] is None or finding["path"] in on_page
            seen.add((finding["code"], finding["path"], finding["message"]))
    assert len(seen) == total
    assert any(path for _, path, _ in seen)  # there are findings about files to place
