"""``zi-evidence files``: one record per catalogued file, for people and (``--json``) for programs."""

from __future__ import annotations

import hashlib
import json

import pytest

TIM = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"
MONEV = "PEMENUHAN/AREA I - Manajemen Perubahan/iii. Monev"


@pytest.fixture
def drive(make_drive, make_repo, indexed_repo):
    root = make_drive(make_repo)
    indexed_repo(root)
    return root


def _records(run_cli, root, *options):
    result = run_cli("files", root, "--json", *options)
    assert result.exit_code == 0, result.output
    return {r["path"]: r for r in json.loads(result.output)}


def test_every_file_with_its_record(run_cli, drive):
    records = _records(run_cli, drive)
    sk = records[f"{TIM}/1.i.a SK Tim Kerja ZI.pdf"]
    assert sk["question"] == "A.I.1.i.a" and sk["mapping"] == "question" and sk["reason"]
    assert sk["sha256"] == hashlib.sha256((drive / sk["path"]).read_bytes()).hexdigest()
    assert sk["mime"] == "application/pdf" and sk["pages"] == 1 and sk["size"] > 0 and "sk" in sk["kinds"]
    assert sk["status"] == "ok" and isinstance(sk["id"], int)
    assert records["Lain-lain/catatan lama.pdf"]["mapping"] == "unmapped"
    assert len(records) == 11


def test_filters(run_cli, drive):
    assert set(_records(run_cli, drive, "--unmapped")) == {"Lain-lain/catatan lama.pdf"}
    tim = _records(run_cli, drive, "--question", "A.I.1.i")  # an indicator lists its questions' files
    assert set(tim) == {f"{TIM}/1.i.a SK Tim Kerja ZI.pdf", f"{TIM}/1.i.b Kriteria Seleksi Anggota.pdf",
                        f"{TIM}/1.i.a Notulen Rapat.docx"}  # fmt: skip
    assert set(_records(run_cli, drive, "--question", "A.I.1.i.b")) == {f"{TIM}/1.i.b Kriteria Seleksi Anggota.pdf"}
    problems = _records(run_cli, drive, "--problems")
    assert {f"{MONEV}/1.iii.c Tindak Lanjut Monev.pdf", f"{MONEV}/1.iii.a Laporan Kosong.pdf"} <= set(problems)
    assert f"{TIM}/1.i.a SK Tim Kerja ZI.pdf" not in problems
    assert all(r["status"] != "ok" or any(p["severity"] != "info" for p in r["problems"]) for r in problems.values())


def test_text_output_says_where_each_file_goes_and_what_is_wrong(run_cli, drive):
    result = run_cli("files", drive, "--unmapped")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Lain-lain/catatan lama.pdf"
    assert lines[1].startswith("   belum terpetakan (tidak ada id LKE")  # the label once, then the reason
    assert lines[-1] == "1 berkas."
    empty = run_cli("files", drive, "--problems", "--question", "A.I.1.i.a")
    assert "Tidak ada berkas yang cocok." in empty.output
    encrypted = run_cli("files", drive, "--question", "A.I.1.iii.c").output
    assert "[galat]" in encrypted or "[peringatan]" in encrypted  # severities in Bahasa Indonesia


def test_without_a_catalog_says_what_to_run(run_cli, make_repo):
    root = make_repo()
    result = run_cli("files", root)
    assert result.exit_code != 0
    assert "Katalog" in result.output and "zi-evidence index" in result.output and "Traceback" not in result.output


def test_question_ids_are_read_as_the_lke_writes_them_and_a_typo_is_said(run_cli, drive):
    exact = _records(run_cli, drive, "--question", "A.I.1.i")
    assert exact and _records(run_cli, drive, "--question", "a.i.1.i") == exact  # any case
    assert set(_records(run_cli, drive, "--question", "A.I")) >= set(exact)  # an area prefix
    typo = run_cli("files", drive, "--question", "A.I.1.x")
    assert typo.exit_code != 0 and "Traceback" not in typo.output
    assert "'A.I.1.x' tidak ada di aturan penilaian" in typo.output and "Tidak ada berkas yang cocok" not in typo.output
    empty = run_cli("files", drive, "--question", "a.i.6.i.a")  # known, with no file: no error
    assert empty.exit_code == 0 and "Tidak ada berkas yang cocok." in empty.output
