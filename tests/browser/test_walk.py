"""A new user's walk through the app on sample_repo/, in a real browser: the dashboard, the LKE tree, a
question, a file, its original at a page, the search, and the pages listing what still needs work.

Each page is photographed (see the ``shoot`` fixture); ``ZI_SCREENSHOTS=docs/img`` refreshes the README's set.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

STATUSES = {"lengkap", "kurang", "tidak ada"}
NAV_TARGETS = ["/", "/lke", "/cari", "/belum-terpetakan", "/masalah", "/laporan", "/bundel"]
MONTHLY = "A.I.1.iii.b"
UNSIGNED = "A.I.1.ii.b"


def _path(url: str, base: str) -> str:
    return "/" + url.removeprefix(base)


def test_dashboard_shows_verdicts_areas_and_the_gap_plan(server, page, shoot):
    response = page.goto(server.url)
    assert response is not None and response.status == 200
    expect(page.locator("main#content h1")).to_be_visible()
    for block in ("#verdicts", "#areas", "#completeness", "#findings-summary", "#deadline", "#gaps"):
        expect(page.locator(block)).to_be_visible()
    # the sample unit claims WBK: the verdicts name the predicate
    expect(page.locator("#verdicts")).to_contain_text("WBK")
    assert page.locator("#gaps li.gap").count() > 0
    links = {_path(href, server.url) for href in page.locator("nav#nav a").evaluate_all("as => as.map(a => a.href)")}
    assert set(NAV_TARGETS) <= {link.split("?")[0] for link in links}
    assert page.watched.dialogs == [] and page.watched.csp_violations == []
    shoot(page, "beranda")


def test_every_page_of_the_nav_renders(server, page, shoot):
    page.goto(server.url)
    for target in NAV_TARGETS[1:]:
        page.locator(f'nav#nav a[href="{target}"]').first.click()
        expect(page).to_have_url(server.url + target.lstrip("/"))
        expect(page.locator("main#content h1")).to_be_visible()
        if target in ("/masalah", "/laporan", "/bundel"):  # the others are photographed by their own walk
            shoot(page, target.strip("/"))
    assert page.watched.csp_violations == []


def test_lke_to_the_monthly_question_shows_the_missing_july_report(server, page, shoot):
    page.goto(server.url)
    page.locator('nav#nav a[href="/lke"]').first.click()
    rows = page.locator("table#lke tr.question")
    assert rows.count() > 100  # the 90/2021 LKE has 110 questions
    statuses = {text.strip() for text in page.locator("table#lke tr.question td.status").all_inner_texts()}
    assert statuses <= STATUSES and "tidak ada" in statuses
    shoot(page, "lke")

    page.locator(f'tr.question[data-question="{MONTHLY}"] a.question-link').click()
    expect(page).to_have_url(server.url + f"pertanyaan/{MONTHLY}")
    for block in ("#question-meta", "#answer", "#expected-kinds", "table#files", "#findings", "#improve"):
        expect(page.locator(block)).to_be_attached()
    july = page.locator("#findings li.finding").filter(has_text="Juli")
    expect(july).to_have_count(1)
    expect(july).to_contain_text("bulanan")
    assert page.locator("table#files tr[data-file-id]").count() >= 11
    july.scroll_into_view_if_needed()
    shoot(page, "pertanyaan-monev")


def test_a_question_leads_to_a_file_and_its_original_at_a_page(server, page, shoot):
    page.goto(server.url + f"pertanyaan/{MONTHLY}")
    row = page.locator("table#files tr[data-file-id]").filter(has_text="Laporan Monev Juni 2026")
    file_id = row.get_attribute("data-file-id")
    row.locator("a.file-link").click()
    expect(page).to_have_url(server.url + f"berkas/{file_id}")
    meta = page.locator("#file-meta")
    expect(meta).to_contain_text("1.iii.b Laporan Monev Juni 2026.pdf")
    expect(meta).to_contain_text(MONTHLY)
    expect(meta).to_contain_text(re.compile(r"[0-9a-f]{64}"))  # the sha256
    first = page.locator('#pages section.page[data-page="1"]')
    expect(first).to_have_attribute("id", "halaman-1")
    expect(first).to_contain_text("BULAN JUNI 2026")
    original = page.locator("a#open-original")
    expect(original).to_have_attribute("href", f"/berkas/{file_id}/asli")
    at_page = first.locator("a.open-page")
    expect(at_page).to_have_attribute("href", f"/berkas/{file_id}/asli#page=1")
    shoot(page, "berkas")

    # the browser opens the original at page 2 (its built-in PDF viewer reads the #page fragment)
    with page.expect_response(lambda response: response.url.startswith(server.url + f"berkas/{file_id}/asli")) as got:
        page.locator('#pages section.page[data-page="2"] a.open-page').click()
    served = got.value
    assert served.status == 200
    assert served.headers["content-type"].startswith("application/pdf")
    assert served.headers["content-disposition"].startswith("inline")
    assert served.headers["x-content-type-options"] == "nosniff"
    expect(page).to_have_url(server.url + f"berkas/{file_id}/asli#page=2")
    page.wait_for_load_state("load")
    page.wait_for_timeout(2000)  # lets the viewer draw the page, for the picture only (nothing is timed)
    shoot(page, "berkas-asli")
    # in ranges too, as a PDF viewer asks for them
    part = page.request.get(server.url + f"berkas/{file_id}/asli", headers={"Range": "bytes=0-3"})
    assert part.status == 206 and part.body() == b"%PDF"
    assert page.watched.dialogs == []


def test_search_zona_integritas_and_click_a_hit_to_its_page(server, page, shoot):
    page.goto(server.url)
    page.locator('nav#nav a[href="/cari"]').first.click()
    page.locator("form#search input[name=q]").fill("zona integritas")
    page.locator("form#search input[name=q]").press("Enter")
    hits = page.locator("ol#hits li.hit")
    expect(hits.first).to_be_visible()
    assert hits.count() > 1
    first = hits.first
    expect(first.locator(".snippet mark").first).to_be_visible()
    expect(first.locator(".page")).to_contain_text(re.compile(r"\d"))
    href = first.locator("a.hit-link").get_attribute("href") or ""
    found = re.fullmatch(r"/berkas/(\d+)#halaman-(\d+)", href)
    assert found, href
    shoot(page, "cari")

    first.locator("a.hit-link").click()
    expect(page).to_have_url(server.url + href.lstrip("/"))
    target = page.locator(f"section.page#halaman-{found.group(2)}")
    expect(target).to_have_attribute("data-page", found.group(2))
    expect(target).to_be_in_viewport()  # the browser scrolled to the hit's page
    assert re.search(r"zona|integritas", target.inner_text(), re.IGNORECASE)
    shoot(page, "berkas-halaman")


def test_search_without_a_match_says_so(server, page):
    page.goto(server.url + "cari?q=kataygtidakadasamasekali")
    expect(page.locator("#no-hits")).to_be_visible()
    expect(page.locator("ol#hits li.hit")).to_have_count(0)


def test_the_unmapped_page_gives_each_file_its_reason(server, page, shoot):
    page.goto(server.url)
    page.locator('nav#nav a[href="/belum-terpetakan"]').first.click()
    row = page.locator("table#unmapped tr[data-file-id]").filter(has_text="catatan rapat lama.docx")
    expect(row).to_have_count(1)
    assert row.locator("td.reason").inner_text().strip()
    assert row.locator("td.todo").inner_text().strip()
    shoot(page, "belum-terpetakan")


def test_the_unsigned_sk_is_a_finding_of_its_question(server, page, shoot):
    page.goto(server.url)
    page.locator('nav#nav a[href="/lke"]').first.click()
    page.locator(f'tr.question[data-question="{UNSIGNED}"] a.question-link').click()
    expect(page).to_have_url(server.url + f"pertanyaan/{UNSIGNED}")
    unsigned = page.locator("#findings li.finding").filter(has_text="belum ditandatangani")
    expect(unsigned).to_have_count(1)
    expect(unsigned).to_contain_text("SK Penetapan Target Prioritas ZI 2026")
    unsigned.scroll_into_view_if_needed()
    shoot(page, "pertanyaan-sk")


def test_the_problems_page_lists_the_empty_and_the_encrypted_file(server, page):
    page.goto(server.url + "masalah")
    rows = page.locator("table#problems tr[data-file-id]")
    for name in ("5.iii.b Bukti Tindak Lanjut Pengaduan.pdf", "5.ii.a Laporan Penyelenggaraan SPIP 2026.pdf"):
        row = rows.filter(has_text=name)
        expect(row.first).to_be_visible()
        assert row.first.locator("td.severity").inner_text().strip()
        assert row.first.locator("td.todo").inner_text().strip()


def test_reports_download_in_every_format(server, page):
    page.goto(server.url + "laporan")
    for fmt in ("html", "xlsx", "md", "json"):
        link = page.locator(f'a.report-download[data-format="{fmt}"]')
        expect(link).to_have_attribute("href", f"/laporan/{fmt}")
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith("." + fmt)
