"""One drive with citizens' numbers, every place that shows them: CLI output, the four report formats, the
bundle's messages and manifest, the web pages and their API twins. Not one number appears in full."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zipfile

import openpyxl

DAFTAR = "PEMENUHAN/AREA I - Manajemen Perubahan/ii. Rencana Pembangunan Zona Integritas/1.ii.c Daftar Hadir Warga.pdf"
REKAP = "Scan/rekap0001.xlsx"
NIK, NIK_2, NIK_3 = "3204124108850001", "1971011203990042", "6471055512000317"
KK, NPWP, NIP = "3204120305190007", "01.234.567.8-901.000", "197805122001121002"
PHONE, PHONE_2, MAIL = "0812-3456-7890", "081398765432", "budi.santoso77@gmail.com"
#: Each number as written and bare; the last four digits alone may show.
FULL = (NIK, NIK_2, NIK_3, KK, NPWP, "012345678901000", NIP, PHONE, "081234567890", PHONE_2, MAIL, "santoso77@")


def _drive(make_repo, fabricate, indexed_repo):
    root = make_repo()
    fabricate.make_pdf(
        root / DAFTAR,
        [
            "DAFTAR HADIR SOSIALISASI ZONA INTEGRITAS KEPADA MASYARAKAT",
            f"1. Siti NIK {NIK} HP {PHONE}\n2. Budi NIK {NIK_2} e-mail {MAIL}\n3. No. KK: {KK}",
            f"NPWP peserta: {NPWP}\nMengetahui, Kepala Kantor NIP {NIP}",
        ],
    )
    rows = [["No", "Nama", "NIK", "No HP"], [1, "Warga A", NIK_3, PHONE_2], [2, "Warga B", "-", "-"]]
    fabricate.make_xlsx(root / REKAP, {"Rekap": rows}, title="Rekap survei")
    indexed_repo(root)
    return root


def _xlsx_text(data: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row)


def _leaks(where: str, text: str) -> list[str]:
    return [f"{number} in {where}" for number in FULL if number in text]


def test_no_number_in_full_anywhere_it_is_shown(make_repo, fabricate, indexed_repo, run_cli, tmp_path):
    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    root = _drive(make_repo, fabricate, indexed_repo)
    shown: dict[str, str] = {}
    for args in (
        ("status",), ("status", "--json"), ("check",), ("files",), ("files", "--json"),
        ("search", "NIK"), ("search", NIK), ("search", "HP"), ("search", "budi"), ("search", "NIK", "--json"),
    ):  # fmt: skip
        shown[" ".join(args)] = run_cli(*args, "-C", root).output
    for suffix in ("json", "html", "md", "xlsx"):
        out = tmp_path / f"laporan.{suffix}"
        shown[f"report {suffix}"] = run_cli("report", "-C", root, "-o", out).output
        data = out.read_bytes()
        shown[f"laporan.{suffix}"] = _xlsx_text(data) if suffix == "xlsx" else data.decode("utf-8")
    refused = run_cli("bundle", root, "-o", tmp_path / "a.zip")
    assert refused.exit_code == 1 and DAFTAR in refused.output and "halaman 2" in refused.output
    shown["bundle"] = refused.output
    allowed = run_cli("bundle", root, "-o", tmp_path / "b.zip", "--izinkan-data-pribadi")
    assert allowed.exit_code == 0, allowed.output
    shown["bundle --izinkan-data-pribadi"] = allowed.output
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        for name in (n for n in archive.namelist() if n.endswith(".json")):  # the manifest and its kin
            shown[name] = archive.read(name).decode("utf-8")

    client = TestClient(create_app(root))
    with sqlite3.connect(root / ".zi-evidence" / "catalog.sqlite") as db:
        ids = [row[0] for row in db.execute("SELECT id FROM files")]
    pages = ["/", "/belum-terpetakan", "/masalah", "/lke", "/bundel", "/laporan", "/antrean"]
    pages += [f"/berkas/{i}" for i in ids] + ["/cari?q=NIK", "/cari?q=HP", "/cari?q=budi", "/pertanyaan/A.I.1.ii.c"]
    for page in pages:
        for url in (page, "/api" + page if page != "/" else "/api/"):
            answer = client.get(url)
            assert answer.status_code == 200, url
            shown[url] = answer.text
    for name in ("json", "html", "md", "xlsx"):
        answer = client.get(f"/laporan/{name}")
        assert answer.status_code == 200, name
        shown[f"/laporan/{name}"] = _xlsx_text(answer.content) if name == "xlsx" else answer.text

    # the scan found them (so the check below can fail), each on its page, masked
    report = json.loads(shown["laporan.json"])
    found = {(f["code"], f["path"], f["page"]) for f in report["findings"] if f["code"].startswith("personal_")}
    assert {("personal_nik", DAFTAR, 2), ("personal_kk", DAFTAR, 2), ("personal_phone", DAFTAR, 2)} <= found
    assert {("personal_email", DAFTAR, 2), ("personal_npwp", DAFTAR, 3), ("personal_nip", DAFTAR, 3)} <= found
    assert {("personal_nik", REKAP, 1), ("personal_phone", REKAP, 1)} <= found
    assert "************0001" in shown["/cari?q=NIK"], shown["/cari?q=NIK"][-3000:]
    assert "************0317" in shown["laporan.json"] and r"\*\*\*\*0317" in shown["laporan.md"]
    leaks = [leak for where, text in shown.items() for leak in _leaks(where, text)]
    assert leaks == []
    assert not re.search(r"(?<!\d)3204\s?1241\s?0885\s?0001(?!\d)", "\n".join(shown.values()))
