"""Every page of the web contract on an indexed copy of sample_repo/: selectors, the sample's known facts,
404s, security headers on every answer, escaping of hostile names, and no byte written into the tree."""

from __future__ import annotations

import re

import pytest

HOSTILE_RAW = "<img src=x onerror=alert(1)>"
HOSTILE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
PAGES = ["/", "/lke", "/pertanyaan/A.I.1.iii.b", "/cari?q=zona+integritas", "/belum-terpetakan", "/masalah", "/laporan",
         "/bundel"]  # fmt: skip
NAV = ["/", "/lke", "/cari", "/belum-terpetakan", "/masalah", "/laporan", "/bundel"]


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    return response


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_main_h1_and_the_nav(client, selectors, url):
    html = _get(client, url).text
    assert '<main id="content">' in html and "<h1>" in html
    nav = html.split('<nav id="nav"', 1)[1].split("</nav>", 1)[0]
    assert [href for href in re.findall(r'href="([^"]*)"', nav)] == NAV
    assert 'lang="id"' in html


def test_dashboard_sections(client, selectors):
    html = _get(client, "/").text
    for name in ("verdicts", "areas", "completeness", "findings-summary", "deadline", "gaps"):
        assert selectors.has_id(html, name), name
    assert selectors.classes(html, "gap") > 0
    assert 'data-predicate="WBK"' in html and 'data-predicate="WBBM"' in html
    assert "<meter" in html  # the per-area bars need no script and no inline style
    assert "Belum siap." in html  # the sample does not reach WBK on its evidence


def test_lke_lists_every_question_with_a_status(client, selectors):
    html = _get(client, "/lke").text
    assert selectors.has_id(html, "lke-filter") and selectors.has_id(html, "lke")
    questions = selectors.rows(html, "data-question")
    assert "A.I.1.iii.b" in questions and len(questions) == len(set(questions)) > 100
    statuses = set(re.findall(r'<td class="status">([^<]*)</td>', html))
    assert statuses <= {"lengkap", "kurang", "tidak ada"} and "kurang" in statuses
    assert 'class="question-link" href="/pertanyaan/A.I.1.iii.b"' in html


def test_lke_filters_narrow_the_rows(client, selectors):
    every = selectors.rows(_get(client, "/lke").text, "data-question")
    area = selectors.rows(_get(client, "/lke?area=1").text, "data-question")
    assert area and set(area) < set(every) and all(q.startswith(("A.I.", "A.II.1.")) for q in area)
    missing = _get(client, "/api/lke?status=tidak%20ada").json()["questions"]
    assert missing and {q["status"] for q in missing} == {"tidak ada"} and all(q["files"] == 0 for q in missing)
    errors = _get(client, "/api/lke?severity=error").json()["questions"]
    assert errors and all(q["findings"]["error"] for q in errors)


@pytest.mark.parametrize("query", ["status=bogus", "area=99", "severity=fatal"])
def test_an_unknown_lke_filter_is_refused_with_the_choices(client, query):
    page = _get(client, f"/lke?{query}", 400)
    value = query.split("=", 1)[1]
    assert f"&#39;{value}&#39; tidak dikenal" in page.text and "Pilih salah satu dari" in page.text
    api = _get(client, f"/api/lke?{query}", 400).json()["error"]
    assert value in api["message"] and "kosongkan" in api["message"]


def test_question_page_shows_the_missing_july_report(client, selectors):
    html = _get(client, "/pertanyaan/A.I.1.iii.b").text
    for name in ("question-meta", "answer", "expected-kinds", "files", "findings", "improve"):
        assert selectors.has_id(html, name), name
    findings = html.split('id="findings"', 1)[1].split("</section>", 1)[0]
    assert "Juli" in findings and selectors.classes(findings, "finding") >= 1
    assert len(selectors.rows(html, "data-file-id")) >= 12  # the monthly monev reports
    assert re.search(r'class="file-link" href="/berkas/\d+"', html)


def test_question_page_content(client):
    data = _get(client, "/api/pertanyaan/A.I.1.iii.b").json()
    assert data["meta"]["label"] and data["meta"]["criteria"]["A"]
    answer = data["answer"]
    assert answer["type_label"] == "A/B/C/D" and answer["answer"] == "A" and answer["claimed"] is not None
    assert {e["kind"] for e in data["expected"]} >= {"laporan"}
    monthly = [f for f in data["files"] if "Laporan Monev" in f["path"]]
    assert monthly and all(f["kinds"] and f["pages"] >= 1 for f in monthly)
    august = next(f for f in monthly if "Agustus 2026" in f["path"])
    assert august["date"] == "2026-08-31" and august["date_source"] == "signing"
    assert all(f["hint"] for f in data["findings"])
    html = _get(client, "/pertanyaan/A.I.1.iii.b").text
    assert "berkala (bulanan)" in html and "monthly" not in html  # rule-set keys are shown in Bahasa Indonesia
    assert 'title="tanggal penandatanganan">31 Agustus 2026' in html
    improve = html.split('id="improve"', 1)[1].split("</section>", 1)[0]
    assert "Juli" in improve  # the missing report's hint is what would raise the score


def test_every_gap_about_a_question_links_to_its_page_which_says_what_raises_the_score(client):
    gaps = [g for g in _get(client, "/api/").json()["gaps"] if g["question"]]
    assert any(g["target"] != g["ref"] for g in gaps)  # a hasil component: answers key -> LKE id
    for gap in gaps:
        data = _get(client, f"/api/pertanyaan/{gap['target']}").json()
        assert gap["action"] in [i["action"] for i in data["improve"]]
    html = _get(client, "/").text
    assert all(f'href="/pertanyaan/{g["target"]}"' in html for g in gaps)


def test_question_page_shows_the_unsigned_sk(client):
    data = _get(client, "/api/pertanyaan/A.I.1.ii.b").json()
    unsigned = [f for f in data["findings"] if f["code"] == "unsigned_sk"]
    assert unsigned and unsigned[0]["file_id"] in {f["id"] for f in data["files"]}
    assert "ditandatangani" in _get(client, "/pertanyaan/A.I.1.ii.b").text


def test_file_page(client, selectors, file_ids):
    path = next(p for p in file_ids if p.endswith("1.ii.b SK Penetapan Target Prioritas ZI 2026.pdf"))
    file_id = file_ids[path]
    html = _get(client, f"/berkas/{file_id}").text
    assert selectors.has_id(html, "file-meta") and selectors.has_id(html, "problems")
    assert f'id="open-original" class="button" href="/berkas/{file_id}/asli"' in html
    pages = re.findall(r'<section class="page[^"]*" data-page="(\d+)" id="halaman-(\d+)"', html)
    assert pages and all(a == b for a, b in pages) and [int(a) for a, _ in pages] == list(range(1, len(pages) + 1))
    assert f'href="/berkas/{file_id}/asli#page=1"' in html
    assert "<dt>Status</dt><dd>terbaca</dd>" in html
    data = _get(client, f"/api/berkas/{file_id}").json()
    assert data["meta"]["question"] == "A.I.1.ii.b" and len(data["meta"]["sha256"]) == 64
    assert data["meta"]["parser"] and "sk" in data["meta"]["kinds"]


def test_ocr_pages_are_marked(client, file_ids):
    photo = file_ids["Lain-lain/Foto Gedung Kantor.jpg"]
    data = _get(client, f"/api/berkas/{photo}").json()
    if not any(p["ocr"] for p in data["pages"]):
        pytest.skip("the OCR plugin is not available here (tesseract missing)")
    assert 'class="page ocr"' in _get(client, f"/berkas/{photo}").text


def test_search_hits_link_to_the_best_page(client, selectors):
    html = _get(client, "/cari?q=zona+integritas").text
    assert selectors.has_id(html, "search") and 'name="q"' in html and selectors.has_id(html, "hits")
    assert selectors.classes(html, "hit") > 0 and "<mark>" in html
    assert re.search(r'class="hit-link" href="/berkas/\d+#halaman-\d+"', html)
    assert selectors.classes(html, "page") > 0 and selectors.classes(html, "snippet") > 0
    # every matching page of a hit opens the file at that page, not only the best one
    for hit in _get(client, "/api/cari?q=zona+integritas").json()["hits"]:
        for match in hit["pages"]:
            n = match["page"]
            assert f'class="page" href="/berkas/{hit["file_id"]}#halaman-{n}">hlm {n}</a>' in html
    none = _get(client, "/cari?q=xyzzyplugh").text
    assert selectors.has_id(none, "no-hits") and not selectors.has_id(none, "hits")


def test_search_uses_the_cli_filters(client):
    every = _get(client, "/api/cari?q=laporan&limit=100").json()
    area5 = _get(client, "/api/cari?q=laporan&area=5&limit=100").json()
    assert 0 < area5["total"] < every["total"]
    assert all(h["question"].startswith(("A.I.5", "A.II.5")) for h in area5["hits"])
    pdfs = _get(client, "/api/cari?q=laporan&kind=pdf&limit=100").json()["hits"]
    assert pdfs and {h["kind"] for h in pdfs} == {"pdf"}
    sk = _get(client, "/api/cari?q=sk&question=A.I.1.i.a").json()
    assert sk["total"] > 0 and {h["question"] for h in sk["hits"]} == {"A.I.1.i.a"}
    assert _get(client, "/api/cari?q=sk&question=a.i.1.i.a").json()["hits"] == sk["hits"]  # any case, as typed
    typo = _get(client, "/api/cari?q=sk&question=A.I.1.x").json()
    assert typo["hits"] == [] and "'A.I.1.x' tidak ada di aturan penilaian" in typo["error"]


def test_search_snippets_are_escaped_before_they_are_marked(client):
    html = _get(client, "/cari?q=zona").text
    snippets = re.findall(r'<span class="snippet">(.*?)</span>', html, re.S)
    assert snippets
    for snippet in snippets:
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_unmapped_page_gives_reasons(client, selectors, file_ids):
    html = _get(client, "/belum-terpetakan").text
    assert selectors.has_id(html, "unmapped")
    ids = {int(i) for i in selectors.rows(html, "data-file-id")}
    assert file_ids["Lain-lain/Foto Gedung Kantor.jpg"] in ids and file_ids["Lain-lain/catatan rapat lama.docx"] in ids
    assert re.search(r'<td class="reason">[^<]*tidak ada id LKE', html)
    assert selectors.classes(html, "todo") == len(ids)


def test_problems_page(client, selectors):
    html = _get(client, "/masalah").text
    assert selectors.has_id(html, "problems") and selectors.rows(html, "data-file-id")
    assert selectors.classes(html, "severity") > 0 and selectors.classes(html, "todo") > 0
    data = _get(client, "/api/masalah").json()
    assert any(s["path"] == "Lain-lain/tautan-keluar.txt" for s in data["skipped"])  # the link, skipped with a reason


def test_report_downloads(client, selectors):
    html = _get(client, "/laporan").text
    formats = re.findall(r'class="report-download" data-format="([^"]+)" href="/laporan/\1"', html)
    assert set(formats) >= {"html", "xlsx", "md", "json"}
    expected = {
        "html": "text/html",
        "md": "text/markdown",
        "json": "application/json",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for name, content_type in expected.items():
        response = _get(client, f"/laporan/{name}")
        assert response.headers["content-type"].startswith(content_type)
        disposition = response.headers["content-disposition"]
        assert (
            disposition.startswith("attachment;") and f'.{name}"' in disposition and "filename*=UTF-8''" in disposition
        )
        assert f'filename="laporan-kesiapan-kantor-imigrasi-kelas-ii-tpi-tanjung-kelayang.{name}"' in disposition
    assert _get(client, "/laporan/json").json()["unit"]
    assert _get(client, "/laporan/xlsx").content[:2] == b"PK"
    _get(client, "/laporan/pdf", 404)


def test_bundle_preflight(client, selectors, file_ids):
    html = _get(client, "/bundel").text
    assert selectors.has_id(html, "bundle-in") and selectors.has_id(html, "bundle-out")
    data = _get(client, "/api/bundel").json()
    assert data["included"] and data["excluded"]
    out = {e["path"]: e for e in data["excluded"]}
    assert out["Lain-lain/catatan rapat lama.docx"]["code"] == "unmapped"
    assert all(e["reason"] for e in data["excluded"])
    assert {f["path"] for f in data["included"]}.isdisjoint(out)


@pytest.mark.parametrize(
    "url",
    [
        "/pertanyaan/Z.9.9",
        "/berkas/999999",
        "/berkas/999999/asli",
        "/berkas/abc",
        "/laporan/docx",
        "/tidak-ada",
        "/api/berkas/999999",
        "/api/pertanyaan/Z.9.9",
    ],  # fmt: skip
)
def test_unknown_ids_are_404_in_bahasa_indonesia(client, url):
    response = _get(client, url, 404)
    if url.startswith("/api/"):
        assert response.json()["error"]["status"] == 404
    else:
        assert "Tidak ditemukan" in response.text and '<main id="content">' in response.text


def test_security_headers_on_every_answer(client, file_ids):
    some_file = next(iter(file_ids.values()))
    for url in [*PAGES, "/api/", "/static/style.css", "/tidak-ada", f"/berkas/{some_file}/asli", "/laporan/md"]:
        headers = client.get(url).headers
        assert headers["x-content-type-options"] == "nosniff", url
        assert headers["referrer-policy"] == "no-referrer", url
        assert headers["x-frame-options"] == "SAMEORIGIN", url
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp, url


def test_no_script_and_no_inline_style_on_any_page(client):
    for url in PAGES:
        html = _get(client, url).text
        assert "<script" not in html and " style=" not in html, url
        assert re.search(r"<[^>]+\son\w+=", html) is None, url  # no event-handler attribute anywhere


def test_hostile_file_name_is_text_on_every_page_listing_it(client, file_ids):
    hostile = [i for p, i in file_ids.items() if HOSTILE_RAW in p]
    assert len(hostile) == 2
    urls = ["/pertanyaan/A.I.1.i.a", "/belum-terpetakan", "/bundel", "/cari?q=zona+integritas&limit=200"]
    urls += [f"/berkas/{i}" for i in hostile]
    for url in urls:
        html = _get(client, url).text
        assert HOSTILE_RAW not in html, url
        assert HOSTILE_ESCAPED in html, url


def test_hostile_name_in_a_content_disposition_header(client, file_ids):
    hostile = next(i for p, i in file_ids.items() if p.startswith("Lain-lain/<img"))
    disposition = client.get(f"/berkas/{hostile}/asli").headers["content-disposition"]
    assert "<" not in disposition and '"' not in disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert "filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.pdf" in disposition


def test_a_crawl_of_every_route_writes_nothing_into_the_tree(client, web_tree, tree_fingerprint, file_ids):
    root = web_tree[0]
    before = tree_fingerprint(root)
    urls = [*PAGES, "/api/", "/api/lke", "/api/cari?q=monev", "/api/belum-terpetakan", "/api/masalah", "/api/laporan",
            "/api/bundel", "/laporan/html", "/laporan/xlsx", "/laporan/md", "/laporan/json"]  # fmt: skip
    questions = [q["id"] for q in _get(client, "/api/lke").json()["questions"]]
    urls += [f"/pertanyaan/{q}" for q in questions[:20]]
    for file_id in file_ids.values():
        urls += [f"/berkas/{file_id}", f"/api/berkas/{file_id}", f"/berkas/{file_id}/asli"]
    for url in urls:
        assert client.get(url).status_code < 500, url
    assert tree_fingerprint(root) == before


def test_dashboard_completeness_counts_what_check_counts(client, run_cli):
    """Beranda's headline counts pengungkit questions and hasil components together, as ``check`` does."""
    root = client.app.state.site.repo.root
    check = run_cli("check", "-C", str(root)).output
    said = re.search(r"Kelengkapan: (\d+) dari (\d+) pertanyaan", check)
    assert said is not None, check
    html = _get(client, "/").text
    headline = html.split('class="completeness-total"', 1)[1].split("</p>", 1)[0]
    assert f"<strong>{said[1]}</strong> dari {said[2]} pertanyaan" in headline
    data = client.get("/api/").json()["completeness"]
    assert data["targets"] == data["questions"] + data["hasil"]
    assert data["targets_supported"] == data["supported"] + data["hasil_supported"]


def test_gap_plan_names_criteria_and_prerequisites_by_their_rule_set_label(client):
    import html as html_lib

    gaps = [g for g in _get(client, "/api/").json()["gaps"] if not g["question"]]
    assert gaps, "the sample misses a hasil minimum and a prerequisite"
    page = _get(client, "/").text
    plan = page.split('id="gaps"', 1)[1].split("</section>", 1)[0]
    for gap in gaps:
        assert html_lib.escape(gap["label"]) in plan
        assert f">{gap['ref']}<" not in plan  # the key stays a detail (data-ref, title), never the text


def test_pages_write_dates_as_the_cli_does(client, file_ids):
    from datetime import date

    from zi_evidence.dates import format_date

    monev = file_ids[next(p for p in file_ids if p.endswith("1.iii.b Laporan Monev Juni 2026.pdf"))]
    found = _get(client, f"/api/berkas/{monev}").json()["meta"]["date"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", found), found  # the JSON twin keeps ISO dates
    file_page = _get(client, f"/berkas/{monev}").text
    assert f"<dd>{format_date(date.fromisoformat(found))} (" in file_page and found not in file_page
    data = _get(client, "/api/").json()
    page = _get(client, "/").text
    assert f"per {format_date(date.fromisoformat(data['today']))}" in page
    assert f"per {data['today']}" not in page
    if data["deadline"]:
        assert format_date(date.fromisoformat(data["deadline"]["date"])) in page
