"""``zi-evidence serve`` as a real process: the address line, HTTP answers, Ctrl-C, --watch, a first index."""

from __future__ import annotations

import queue
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time

import httpx2 as httpx
import pytest

LINE = re.compile(r"^Server berjalan di (http://127\.0\.0\.1:(\d+)/)$")
QUESTION_DIR = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"


class Served:
    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zi_evidence", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr = ""

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def address(self, timeout: float = 120) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            pytest.fail(f"no address line; stderr: {self.stderr}")
        match = LINE.match(line)
        assert match, line
        assert int(match.group(2)) > 0
        return match.group(1)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()
        return self.process.returncode


@pytest.fixture
def small_indexed(make_repo, pdf, indexed_repo):
    root = make_repo()
    pdf(root, f"{QUESTION_DIR}/1.i.a SK Tim Kerja Zona Integritas.pdf", "KEPUTUSAN KEPALA\nNOMOR 1 TAHUN 2026")
    indexed_repo(root)
    return root


def test_serve_port_0_prints_the_address_answers_and_stops_on_ctrl_c(small_indexed, tree_fingerprint):
    before = tree_fingerprint(small_indexed)
    served = Served(str(small_indexed), "--port", "0")
    try:
        url = served.address()
        response = httpx.get(url, timeout=30)
        assert response.status_code == 200 and '<main id="content">' in response.text
        assert response.headers["x-content-type-options"] == "nosniff"
        assert httpx.get(url + "api/lke", timeout=30).json()["questions"]
    finally:
        code = served.stop()
    assert code == 0, served.stderr
    assert "Traceback" not in served.stderr
    assert served.lines.empty()  # exactly one line on stdout
    assert tree_fingerprint(small_indexed) == before


def test_serve_without_a_catalog_indexes_first(make_repo, pdf, tree_fingerprint):
    root = make_repo()
    pdf(root, f"{QUESTION_DIR}/1.i.a SK Tim Kerja.pdf")
    before = tree_fingerprint(root)
    served = Served(str(root), "--port", "0")
    try:
        url = served.address()
        files = httpx.get(url + "api/pertanyaan/A.I.1.i.a", timeout=30).json()["files"]
        assert [f["path"] for f in files] == [f"{QUESTION_DIR}/1.i.a SK Tim Kerja.pdf"]
    finally:
        served.stop()
    assert "Katalog belum ada; mengindeks" in served.stderr
    assert "Selesai: 1 berkas dikatalogkan" in served.stderr
    assert tree_fingerprint(root) == before  # the catalog went to the state folder, nothing into the tree


def test_serve_on_the_network_warns_there_are_no_accounts(small_indexed):
    served = Served(str(small_indexed), "--host", "0.0.0.0", "--port", "0")
    try:
        line = served.lines.get(timeout=120)
        assert line.startswith("Server berjalan di http://0.0.0.0:")
    finally:
        served.stop()
    assert "Belum ada akun" in served.stderr and "siapa pun di jaringan" in served.stderr
    # '0.0.0.0' opens nothing on another computer: the names it can type are printed
    port = line.rsplit(":", 1)[1].rstrip("/")
    assert f"Dari komputer lain di jaringan kantor, buka http://{socket.gethostname()}:{port}/" in served.stderr


def test_serve_on_the_network_with_accounts_does_not_warn_and_asks_for_a_login(small_indexed, run_cli):
    added = run_cli(
        "users", "add", "ani", "--role", "tim_unit", "--password-stdin", "-C", small_indexed, input="sandi-ani-12345\n"
    )
    assert added.exit_code == 0, added.output
    served = Served(str(small_indexed), "--host", "0.0.0.0", "--port", "0")
    try:
        line = served.lines.get(timeout=120)
        port = line.rsplit(":", 1)[1].rstrip("/")
        page = httpx.get(f"http://127.0.0.1:{port}/api/lke", timeout=30)
        assert page.status_code == 401
    finally:
        served.stop()
    assert "Belum ada akun" not in served.stderr
    assert "tanpa HTTPS" in served.stderr, "passwords over plain HTTP on a network are worth a warning"


def _self_signed(folder):
    """A real certificate for 127.0.0.1, as an office would make with openssl."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "satker.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.crt", folder / "server.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_serve_over_https_with_a_certificate_sets_secure_cookies(small_indexed, run_cli, tmp_path):
    cert, key = _self_signed(tmp_path)
    added = run_cli(
        "users", "add", "ani", "--role", "tim_unit", "--password-stdin", "-C", small_indexed, input="sandi-ani-12345\n"
    )
    assert added.exit_code == 0, added.output
    served = Served(
        str(small_indexed), "--host", "0.0.0.0", "--port", "0", "--tls-cert", str(cert), "--tls-key", str(key)
    )
    try:
        line = served.lines.get(timeout=120)
        assert line.startswith("Server berjalan di https://0.0.0.0:"), line
        port = line.rsplit(":", 1)[1].rstrip("/")
        with httpx.Client(
            base_url=f"https://127.0.0.1:{port}", verify=ssl.create_default_context(cafile=str(cert)), timeout=30
        ) as client:
            form = client.get("/masuk")
            assert form.status_code == 200
            token = re.search(r'name="csrf" value="([^"]+)"', form.text)
            assert token, form.text[:500]
            signed_in = client.post("/masuk", data={"nama": "ani", "sandi": "sandi-ani-12345", "csrf": token.group(1)})
            assert signed_in.status_code == 303, signed_in.text[:500]
            cookies = [c for c in signed_in.headers.get_list("set-cookie") if "Max-Age=0" not in c]
            assert cookies and all("Secure" in c for c in cookies), cookies
            assert client.get("/").status_code == 200, "signed in over HTTPS"
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"https://127.0.0.1:{port}/masuk", timeout=30)  # not trusted without that certificate
    finally:
        served.stop()
    assert "tanpa HTTPS" not in served.stderr and "Traceback" not in served.stderr


def test_serve_refuses_half_a_certificate_and_a_broken_one(small_indexed, tmp_path, run_cli):
    cert, key = _self_signed(tmp_path)
    half = run_cli("serve", str(small_indexed), "--tls-cert", str(cert))
    assert half.exit_code != 0 and "--tls-key" in half.output
    (tmp_path / "rusak.key").write_text("bukan kunci", encoding="utf-8")
    broken = run_cli("serve", str(small_indexed), "--tls-cert", str(cert), "--tls-key", str(tmp_path / "rusak.key"))
    assert broken.exit_code != 0 and "rusak.key" in broken.output and "PEM" in broken.output
    assert "Traceback" not in broken.output


def test_serve_watch_shows_a_new_file_within_seconds(small_indexed, pdf):
    served = Served(str(small_indexed), "--port", "0", "--watch")
    try:
        url = served.address()
        api = url + "api/pertanyaan/A.I.1.i.b"
        assert httpx.get(api, timeout=30).json()["files"] == []
        pdf(small_indexed, f"{QUESTION_DIR}/1.i.b Kriteria Anggota Tim.pdf")
        deadline = time.monotonic() + 90  # bounded: stability wait + one incremental index run
        files: list = []
        while time.monotonic() < deadline and not files:
            files = httpx.get(api, timeout=30).json()["files"]
            if not files:
                time.sleep(0.5)
        assert [f["path"] for f in files] == [f"{QUESTION_DIR}/1.i.b Kriteria Anggota Tim.pdf"]
    finally:
        code = served.stop()
    assert code == 0, served.stderr


def test_serve_watch_applies_an_accepted_suggestion_by_itself(small_indexed, pdf, indexed_repo, run_cli):
    """The acceptance's answer says the watcher applies the rule, and the file page follows within seconds."""
    import sqlite3

    root = small_indexed
    sk = "KEPUTUSAN KEPALA KANTOR\nTENTANG\nPEMBENTUKAN TIM KERJA PEMBANGUNAN ZONA INTEGRITAS\n\nMenimbang"
    pdf(root, "Scan/scan0001.pdf", sk)
    indexed_repo(root)
    added = run_cli(
        "users", "add", "ani", "--role", "tim_unit", "--password-stdin", "-C", root, input="sandi-ani-12345\n"
    )
    assert added.exit_code == 0, added.output
    with sqlite3.connect(root / ".zi-evidence" / "catalog.sqlite") as db:
        (file_id,) = db.execute("SELECT id FROM files WHERE display = 'Scan/scan0001.pdf'").fetchone()
    served = Served(str(root), "--port", "0", "--watch")
    try:
        url = served.address()
        # Secure cookies over plain loopback HTTP: a browser sends them, httpx does not, so carried by hand
        form = httpx.get(url + "masuk", timeout=30)
        login_token = _cookie(form, "zi_masuk")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        data = {"csrf": csrf, "nama": "ani", "sandi": "sandi-ani-12345", "lanjut": "/"}
        login = httpx.post(url + "masuk", data=data, headers={"cookie": f"zi_masuk={login_token}"}, timeout=30)
        session = {"cookie": f"zi_sesi={_cookie(login, 'zi_sesi')}"}
        token = httpx.get(url + "api/sesi", headers=session, timeout=30).json()["csrf"]
        accepted = httpx.post(
            url + f"api/berkas/{file_id}/petakan",
            json={"pertanyaan": "A.I.1.i.a"},
            headers={**session, "x-csrf-token": token},
            timeout=30,
        )
        assert accepted.status_code == 200, accepted.text
        assert "serve --watch" in accepted.json()["accepted"]["next_step"]
        deadline = time.monotonic() + 90  # bounded: the watcher's config check and one full run
        question = None
        while time.monotonic() < deadline and question != "A.I.1.i.a":
            question = httpx.get(url + f"api/berkas/{file_id}", headers=session, timeout=30).json()["meta"]["question"]
            time.sleep(0.5)
        assert question == "A.I.1.i.a"
    finally:
        code = served.stop()
    assert code == 0, served.stderr


def _cookie(response, name: str) -> str:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(name + "="):
            return header.split(";", 1)[0].split("=", 1)[1]
    raise AssertionError(f"no {name} cookie in {response.headers}")


def test_serve_on_a_folder_that_is_no_repository_says_what_to_do(tmp_path, run_cli):
    result = run_cli("serve", tmp_path, "--port", "0")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "zi-evidence.yaml" in result.output and f"zi-evidence init {tmp_path.resolve()}" in result.output
    assert "Server berjalan" not in result.output
