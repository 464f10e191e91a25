"""Two Kanwil verifiers decide the same question at the same moment, each through their own
``zi-evidence serve`` process on the same repository, over real HTTP: one wins, the other is told (409)
who decided, and nothing is lost (one decision, one event, an unbroken audit chain)."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading

import httpx2 as httpx
import pytest

Q = "A.1.1.a"
ADDRESS = re.compile(r"Server berjalan di (http://\S+/)")


class Process:
    def __init__(self, root) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zi_evidence", "serve", str(root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in self.process.stdout], daemon=True).start()
        try:
            found = ADDRESS.search(lines.get(timeout=120))
        except queue.Empty:
            found = None
        if not found:
            self.stop()
            pytest.fail(f"serve printed no address; stderr: {self.stderr}")
        self.url = found.group(1).rstrip("/")
        self.stderr = ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stderr = self.process.stderr.read() if self.process.stderr else ""


class Browser:
    """A user at one server. The session cookie is Secure (loopback counts as secure in browsers, not in
    Python's cookie jar), so it is carried by hand, as a browser would."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.http = httpx.Client(timeout=60)

    def _send(self, method: str, path: str, **options):
        header = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, self.base + path, headers={"cookie": header}, **options)
        for value in response.headers.get_list("set-cookie"):
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def get(self, path: str):
        return self._send("GET", path)

    def post(self, path: str, data: dict):
        return self._send("POST", path, data=data)

    def login(self, web_auth, name: str) -> None:
        form = self.get("/masuk").text
        data = {"csrf": web_auth.csrf_of(form, "login-form"), "nama": name, "sandi": web_auth.people[name][0]}
        assert self.post("/masuk", data).status_code == 303


@pytest.fixture
def two_servers(tmp_path, web_auth, indexed_repo):
    root = web_auth.kumham_copy(tmp_path / "drive")
    indexed_repo(root)
    web_auth.add_people(root, ["ani", "kiki", "kira"])
    servers = [Process(root), Process(root)]
    yield root, servers
    for server in servers:
        server.stop()


def test_two_verifiers_on_two_servers_decide_at_once_one_wins_the_other_is_told(two_servers, web_auth, run_cli):
    root, (one, two) = two_servers
    ani = Browser(one.url)
    ani.login(web_auth, "ani")
    page = ani.get(f"/pertanyaan/{Q}").text
    assert ani.post(f"/pertanyaan/{Q}/kirim", {"csrf": web_auth.csrf_of(page), "revisi": "0"}).status_code == 303
    kiki, kira = Browser(one.url), Browser(two.url)
    kiki.login(web_auth, "kiki")
    kira.login(web_auth, "kira")
    forms = {}
    for name, who in (("kiki", kiki), ("kira", kira)):
        html = who.get(f"/pertanyaan/{Q}").text
        assert 'id="form-decide-kanwil"' in html
        forms[name] = (who, {"csrf": web_auth.csrf_of(html), "tingkat": "kanwil", "revisi": "0"})
    forms["kiki"][1].update(status="diterima", catatan="lengkap")
    forms["kira"][1].update(status="perlu_perbaikan", catatan="lampiran kurang")
    start = threading.Barrier(2)
    answers: dict[str, httpx.Response] = {}

    def decide(name: str) -> None:
        who, data = forms[name]
        start.wait()
        answers[name] = who.post(f"/pertanyaan/{Q}/putus", data)

    threads = [threading.Thread(target=decide, args=(name,)) for name in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    codes = sorted(r.status_code for r in answers.values())
    assert codes == [303, 409], {n: r.status_code for n, r in answers.items()}
    winner = next(n for n, r in answers.items() if r.status_code == 303)
    loser = next(n for n in answers if n != winner)
    told = answers[loser].text
    assert 'id="review-error"' in told and "tindakan Anda tidak disimpan" in told
    kanwil = re.search(r'<tr data-tier="kanwil"[^>]*>(.*?)</tr>', told, re.S)
    assert kanwil and winner in kanwil.group(1)  # the refused page already shows who decided
    # nothing lost: one decision, the winner's, on both servers and in the log, whose chain is unbroken
    for server in (one, two):
        chain = Browser(server.url)
        chain.login(web_auth, "ani")
        tiers = {t["tier"]: t for t in chain.get(f"/api/pertanyaan/{Q}").json()["review"]["chain"]["tiers"]}
        assert tiers["kanwil"]["review"]["reviewer"] == winner
    history = [e for e in ani.get(f"/api/pertanyaan/{Q}").json()["review"]["history"] if e["action"] == "decide"]
    assert [e["actor"] for e in history] == [winner]
    verified = run_cli("audit", "verify", "-C", root)
    assert verified.exit_code == 0, verified.output
    for server in (one, two):
        server.stop()
        assert "Traceback" not in server.stderr
        assert not any(password in server.stderr for password, _ in web_auth.people.values())
