"""Search finds a file by a citizen's NIK, but its snippet never shows the number in full."""

import json

from zi_evidence import hookimpl
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.redact import mask_snippet, mask_text

NIK = "3204124108850001"
PATH = "Lain-lain/Daftar Hadir Warga.pdf"


class MemberNumbers:
    """A ministry's own number (a member card) that the built-in plugin does not know."""

    @hookimpl
    def find_personal_data(self, text):
        start = text.find("ANGGOTA-")
        return [(start, start + 14), (5, 10_000)] if start >= 0 else []  # the second span is out of range


def test_search_snippets_are_masked(make_repo, fabricate, indexed_repo, run_cli):
    root = make_repo()
    fabricate.make_pdf(root / PATH, [f"DAFTAR HADIR\n1. Warga Satu  NIK {NIK}  hadir"])
    indexed_repo(root)
    text = run_cli("search", "-C", root, NIK)
    assert PATH in text.output and "************0001" in text.output and NIK not in text.output
    as_json = run_cli("search", "-C", root, "--json", "warga")
    assert PATH in as_json.output and NIK not in as_json.output
    assert json.loads(as_json.output)["hits"]


def test_a_plugins_spans_are_masked_keeping_the_last_four():
    host = make_plugin_manager(load_entry_points=False)
    host.register(MemberNumbers(), "kartu")
    assert mask_text(host, "No. ANGGOTA-123456 hadir") == "No. *******-**3456 hadir"  # length and separators kept
    snippet = (("No. ", False), ("ANGGOTA-123456", True), (" hadir", False))
    assert mask_snippet(host, snippet) == (("No. ", False), ("*******-**3456", True), (" hadir", False))
    assert mask_text(host, "tanpa nomor") == "tanpa nomor"


def test_the_web_file_page_shows_page_text_masked(make_repo, fabricate, indexed_repo):
    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    root = make_repo()
    fabricate.make_pdf(root / PATH, [f"DAFTAR HADIR\n1. Warga Satu  NIK {NIK}  hadir"])
    repo = indexed_repo(root)
    with repo.catalog() as catalog:
        file_id = catalog.record_by_path(PATH.encode()).id
    client = TestClient(create_app(root))
    page = client.get(f"/berkas/{file_id}")
    data = client.get(f"/api/berkas/{file_id}").json()
    assert page.status_code == 200 and "Warga Satu" in page.text
    assert NIK not in page.text and "************0001" in page.text
    assert NIK not in str(data["pages"]) and "************0001" in data["pages"][0]["text"]
