"""Web processes are stateless: two ``zi-evidence server`` processes on one database and one store, as
behind a reverse proxy; a unit pushes to one, a reader reads the result from the other, and a browser
session made on one is honoured by the other."""

from __future__ import annotations

import base64
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            urllib.request.urlopen(url + "/api/units", timeout=2)
        except urllib.error.HTTPError:
            return  # answering (401 without a login): up
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 303 and its Set-Cookie are what the test reads


def _cookie(headers, name: str) -> str:
    found = next(v for v in headers.get_all("set-cookie") if v.startswith(name + "="))
    return found.split(";", 1)[0]


def _login(url: str, name: str, password: str) -> str:
    """The session cookie (``zi_sesi=…``) after logging in through the form; sent by hand, since the
    cookie is Secure on loopback and urllib keeps Secure cookies for https."""
    with urllib.request.urlopen(url + "/masuk", timeout=30) as form:
        login_cookie = _cookie(form.headers, "zi_masuk")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.read().decode()).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "nama": name, "sandi": password, "lanjut": "/"}).encode()
    request = urllib.request.Request(url + "/masuk", data=body, headers={"Cookie": login_cookie})
    with pytest.raises(urllib.error.HTTPError) as redirected:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
    assert redirected.value.code == 303
    return _cookie(redirected.value.headers, "zi_sesi")


def test_push_to_one_process_and_read_from_the_other(org, postgres_db, tmp_path, unit_drive, issue_token, accounts_on):
    from zi_evidence.repository import Repository
    from zi_evidence.server.collect import collect
    from zi_evidence.server.push import push_http

    processes, urls = [], []
    for _ in range(2):
        port = _free_port()
        args = [sys.executable, "-m", "zi_evidence", "server", "--db", postgres_db, "--store", str(tmp_path / "store")]
        processes.append(subprocess.Popen([*args, "--port", str(port)], stderr=subprocess.PIPE, text=True))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, processes, strict=True):
            _wait(url, process)
        root = unit_drive("UPT-A")
        repo = Repository.open(root)
        assert push_http(repo, collect(repo), urls[0], issue_token("UPT-A")).changed is True
        secret = base64.b64encode(f"kiki:{accounts_on['kiki']}".encode()).decode()
        request = urllib.request.Request(urls[1] + "/api/rollup", headers={"Authorization": f"Basic {secret}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            rows = {r["unit"]: r for r in json.loads(answer.read())["units"]}
        assert rows["UPT-A"]["summary"]["files"] == 2 and rows["UPT-B"]["summary"] is None

        # a browser logs in through the form on one process; the other serves it the unit's page
        session = _login(urls[0], "kiki", accounts_on["kiki"])
        request = urllib.request.Request(urls[1] + "/unit/UPT-A/", headers={"Cookie": session})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 200 and "Kesiapan penilaian Zona Integritas" in answer.read().decode()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
