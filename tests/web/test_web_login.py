"""Login, logout and password change in the web app: sessions, cookie flags, fixation, CSRF, throttling."""

from __future__ import annotations

import sqlite3


def _cookie_header(response, name: str) -> str:
    found = [v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith(f"{name}=")]
    assert found, f"no Set-Cookie for {name}"
    return found[0]


def test_with_accounts_every_page_asks_for_a_login(https_client, web_auth):
    client = https_client()
    page = client.get("/lke", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/masuk?lanjut=%2Flke"
    assert client.get("/api/lke").status_code == 401
    assert client.get("/api/lke").json()["error"]["title"] == "Belum masuk"
    assert client.get("/static/style.css").status_code == 200
    assert 'id="login-form"' in client.get("/masuk").text


def test_login_sets_a_secure_httponly_samesite_cookie_and_opens_the_pages(https_client, web_auth):
    client = https_client()
    response = web_auth.login(client, "ani")
    assert response.status_code == 303
    cookie = _cookie_header(response, "zi_sesi").lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie
    page = client.get("/lke")
    assert page.status_code == 200 and 'id="account-name"' in page.text


def test_a_wrong_password_is_refused_and_the_next_page_still_asks(https_client, web_auth):
    client = https_client()
    response = web_auth.login(client, "ani", "salah-sekali-12345")
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah" in response.text
    assert client.get("/lke", follow_redirects=False).status_code == 303


def test_login_rotates_the_session_id_against_fixation(https_client, web_auth):
    client = https_client()
    planted = "sesi-yang-ditanam-penyerang"
    client.cookies.set("zi_sesi", planted, domain="testserver.local")
    first = web_auth.login(client, "kiki")
    token = first.cookies.get("zi_sesi")
    assert token and token != planted
    # logging in again (e.g. another person at the same browser) makes yet another id; the old one is dead
    again = web_auth.login(client, "kiki")
    assert again.status_code == 303, again.headers
    newer = again.cookies.get("zi_sesi")
    assert newer and newer != token
    stale = https_client()
    stale.cookies.set("zi_sesi", token)
    assert stale.get("/lke", follow_redirects=False).status_code == 303


def test_the_login_form_needs_its_csrf_token(https_client, web_auth):
    client = https_client()
    client.get("/masuk")
    response = client.post(
        "/masuk", data={"csrf": "palsu", "nama": "ani", "sandi": web_auth.people["ani"][0]}, follow_redirects=False
    )
    assert response.status_code == 403 and "zi_sesi" not in response.cookies


def test_logout_ends_the_session_on_the_server(https_client, web_auth):
    client = https_client()
    web_auth.login(client, "ani")
    token = client.cookies.get("zi_sesi")
    page = client.get("/lke")
    assert client.post("/keluar", data={}, follow_redirects=False).status_code == 403  # no CSRF token: refused
    response = client.post("/keluar", data={"csrf": web_auth.csrf_of(page.text)}, follow_redirects=False)
    assert response.status_code == 303
    replay = https_client()
    replay.cookies.set("zi_sesi", token)
    assert replay.get("/lke", follow_redirects=False).status_code == 303


def test_password_change_ends_other_sessions_and_needs_the_old_password(https_client, kumham_site, web_auth):
    laptop, phone = https_client(), https_client()
    web_auth.login(laptop, "tari")
    web_auth.login(phone, "tari")
    form = laptop.get("/sandi")
    wrong = laptop.post(
        "/sandi",
        data={"csrf": web_auth.csrf_of(form.text), "lama": "bukan-ini-12345", "baru": "x" * 12, "ulang": "x" * 12},
    )
    assert wrong.status_code == 403 and "Kata sandi lama salah" in wrong.text
    new = "sandi-baru-tari-123"
    done = laptop.post(
        "/sandi",
        data={"csrf": web_auth.csrf_of(form.text), "lama": web_auth.people["tari"][0], "baru": new, "ulang": new},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert 'id="notice"' in laptop.get(done.headers["location"]).text
    assert 'id="notice"' not in laptop.get("/sandi").text  # shown once, not again on a reload
    assert laptop.get("/lke").status_code == 200  # this browser got a fresh session
    assert phone.get("/lke", follow_redirects=False).status_code == 303  # the other one is logged out
    assert web_auth.login(https_client(), "tari", web_auth.people["tari"][0]).status_code == 401
    assert web_auth.login(https_client(), "tari", new).status_code == 303
    # put it back for the other tests of the module
    back = laptop.get("/sandi")
    laptop.post(
        "/sandi",
        data={
            "csrf": web_auth.csrf_of(back.text),
            "lama": new,
            "baru": web_auth.people["tari"][0],
            "ulang": web_auth.people["tari"][0],
        },
    )


def test_login_throttling_engages_per_name(https_client, web_auth):
    client = https_client()
    for _ in range(5):
        assert web_auth.login(client, "luar", "salah-sekali-12345").status_code == 401
    locked = web_auth.login(client, "luar")  # the right password, but too late
    assert locked.status_code == 429 and "Terlalu banyak percobaan" in locked.text


def test_passwords_and_tokens_never_stored_in_clear(https_client, kumham_site, web_auth):
    client = https_client()
    web_auth.login(client, "esa")
    token = client.cookies.get("zi_sesi")
    raw = (kumham_site / ".zi-evidence" / "review.sqlite").read_bytes()
    wal = kumham_site / ".zi-evidence" / "review.sqlite-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    for password, _ in web_auth.people.values():
        assert password.encode() not in raw
    assert token.encode() not in raw
    with sqlite3.connect(kumham_site / ".zi-evidence" / "review.sqlite") as db:
        hashes = [row[0] for row in db.execute("SELECT password_hash FROM users")]
        details = " ".join(row[0] for row in db.execute("SELECT detail FROM events"))
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(password in details for password, _ in web_auth.people.values())


def test_without_accounts_the_app_stays_open_and_read_only(client, web_auth):
    assert client.get("/lke").status_code == 200
    assert 'id="no-accounts"' in client.get("/masuk").text
    assert client.post("/keluar", data={}, follow_redirects=False).status_code in (303, 403)


def test_a_second_visit_to_the_login_form_keeps_the_first_forms_token(https_client, web_auth):
    """The browser's favicon request detours via /masuk: it must not invalidate the form already shown."""
    client = https_client()
    first = web_auth.csrf_of(client.get("/masuk").text, "login-form")
    assert client.get("/favicon.ico").status_code == 404
    assert web_auth.csrf_of(client.get("/masuk").text, "login-form") == first
    data = {"csrf": first, "nama": "esa", "sandi": web_auth.people["esa"][0]}
    assert client.post("/masuk", data=data, follow_redirects=False).status_code == 303
