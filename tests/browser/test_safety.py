"""What the browser enforces: a file named like an HTML tag stays text, the Content-Security-Policy is sent
and actually blocks inline script, and the app works with JavaScript disabled."""

from __future__ import annotations

import re

from playwright.sync_api import expect

INJECTED = """() => new Promise(resolve => {
    document.addEventListener('securitypolicyviolation',
        event => resolve({ran: window.__injected === true, directive: event.effectiveDirective}));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.appendChild(script);
    setTimeout(() => resolve({ran: window.__injected === true, directive: null}), 5000);
})"""


def _no_markup_from_the_name(page) -> None:
    assert page.locator('img[src="x"]').count() == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror]').length") == 0


def test_a_hostile_file_name_renders_as_text_everywhere(hostile_server, hostile, page):
    name = hostile["name"]
    page.goto(hostile_server.url + "belum-terpetakan")
    row = page.locator("table#unmapped tr[data-file-id]").filter(has_text=name)
    expect(row).to_have_count(1)
    _no_markup_from_the_name(page)
    file_id = row.get_attribute("data-file-id")

    page.goto(hostile_server.url + f"berkas/{file_id}")
    expect(page.locator("#file-meta")).to_contain_text(name)
    expect(page.locator('#pages section.page[data-page="1"]')).to_contain_text("<script>alert(2)</script>")
    _no_markup_from_the_name(page)

    page.goto(hostile_server.url + "cari")
    page.locator("form#search input[name=q]").fill(hostile["word"])
    page.locator("form#search input[name=q]").press("Enter")
    hit = page.locator("ol#hits li.hit")
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text(name)
    _no_markup_from_the_name(page)
    assert page.watched.dialogs == []


def test_a_hostile_query_is_echoed_as_text(hostile_server, page):
    page.goto(hostile_server.url + "cari?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E")
    expect(page.locator("form#search input[name=q]")).to_have_value("<img src=x onerror=alert(3)>")
    _no_markup_from_the_name(page)
    assert page.watched.dialogs == []


def test_every_page_sends_the_security_headers(server, page):
    for target in ("", "lke", "cari?q=zona", "belum-terpetakan", "masalah", "laporan", "bundel"):
        response = page.goto(server.url + target)
        assert response is not None and response.status == 200, target
        headers = response.headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy, policy
        assert "'unsafe-inline'" not in re.sub(r"style-src[^;]*", "", policy), policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "SAMEORIGIN"


def test_the_browser_blocks_an_injected_inline_script(server, page):
    page.goto(server.url)
    outcome = page.evaluate(INJECTED)
    assert outcome["ran"] is False and str(outcome["directive"]).startswith("script-src"), outcome


def test_unknown_file_is_a_404_page_in_indonesian(server, page):
    response = page.goto(server.url + "berkas/999999")
    assert response is not None and response.status == 404
    expect(page.locator("main#content h1")).to_be_visible()
    expect(page.locator("main#content")).to_contain_text(re.compile(r"tidak ditemukan|tidak ada", re.IGNORECASE))


def test_the_walk_works_without_javascript(server, page_without_js, shoot):
    page = page_without_js
    page.goto(server.url)
    expect(page.locator("#verdicts")).to_be_visible()
    page.locator('nav#nav a[href="/lke"]').first.click()
    page.locator('tr.question[data-question="A.I.1.iii.b"] a.question-link').click()
    expect(page.locator("#findings li.finding").filter(has_text="Juli")).to_have_count(1)
    page.locator("table#files tr[data-file-id] a.file-link").first.click()
    expect(page.locator("#pages section.page").first).to_be_visible()

    page.locator('nav#nav a[href="/cari"]').first.click()
    page.locator("form#search input[name=q]").fill("zona integritas")
    page.locator("form#search input[name=q]").press("Enter")  # a plain GET form submits without script
    expect(page).to_have_url(re.compile(r"/cari\?(.*&)?q=zona(\+|%20)integritas"))
    page.locator("ol#hits li.hit a.hit-link").first.click()
    expect(page).to_have_url(re.compile(r"/berkas/\d+#halaman-\d+$"))

    page.locator('nav#nav a[href="/lke"]').first.click()
    form = page.locator("form#lke-filter")
    form.locator("select[name=status]").select_option(label="tidak ada")
    form.locator("[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/lke\?.*status="))
    statuses = {text.strip() for text in page.locator("table#lke tr.question td.status").all_inner_texts()}
    assert statuses == {"tidak ada"}
    shoot(page, "lke-tanpa-javascript")
