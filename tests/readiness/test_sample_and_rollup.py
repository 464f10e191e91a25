"""On a copy of sample_repo/ (never the original): the deliberate gaps appear as findings in the report;
``rollup`` over two units and one never indexed; the XLSX opens in LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from zi_evidence.schemas.validation import schema_errors

from zi_evidence.cli import cli

MONEV = "PEMENUHAN/AREA I - Manajemen Perubahan/iii. Pemantauan dan Evaluasi/"

SAMPLE = Path(__file__).resolve().parents[2] / "sample_repo"


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_copy):
    return sample_copy(tmp_path_factory.mktemp("sampel") / "sample_repo")


@pytest.fixture(scope="module")
def sample_json(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("laporan") / "kesiapan.json"
    result = CliRunner().invoke(
        cli, ["report", "-C", str(sample), "-o", str(out), "--today", "2026-11-22", "-q"], catch_exceptions=False
    )
    assert result.exit_code == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_original_sample_is_never_written(sample, sample_before, tree_fingerprint):
    assert (sample / ".zi-evidence").is_dir() and tree_fingerprint(SAMPLE) == sample_before


def test_the_deliberate_gaps_of_the_sample_appear_as_findings(sample_json):
    assert schema_errors(sample_json, "report.schema.json") == []
    found = {(f["code"], f["question"], f["path"]) for f in sample_json["findings"]}
    codes = {f["code"] for f in sample_json["findings"]}

    def has(code, question=None, path_end=None):
        return any(
            c == code and (question is None or q == question) and (path_end is None or (p or "").endswith(path_end))
            for c, q, p in found
        )

    assert has("periodic_missing", "A.I.1.iii.b")  # Juli 2026 missing
    assert any("Juli" in f["message"] for f in sample_json["findings"] if f["code"] == "periodic_missing")
    assert has("outside_year", "A.I.1.iii.b", "Laporan Monev Desember 2025.pdf")
    assert has("unsigned_sk", "A.I.1.ii.b")
    assert has("no_usable_evidence", "A.I.5.ii.a")  # encrypted
    assert has("no_usable_evidence", "A.I.2.i.c") and has("no_usable_evidence", "A.I.4.ii.f")  # corrupt
    assert has("no_usable_evidence", "A.I.5.iii.b")  # empty
    assert has("duplicate", path_end="4.ii.e Laporan Kinerja Tahun 2025.pdf")
    assert has("unmapped", path_end="catatan rapat lama.docx")
    for question in ("A.I.1.iv.c", "A.I.6.v.a", "A.II.2.i.a", "A.II.3.ii.a"):
        assert has("no_evidence", question)
    assert {"indicator_level", "missing_kind"} <= codes
    # the sample ships its team's answers: the claims pass WBK, the evidence does not
    assert sample_json["answers"]["status"] == "ok" and sample_json["scores"] is not None
    assert sample_json["verdict"]["ok"] is False


def test_the_sample_html_report_shows_the_gaps_to_a_reviewer(sample, tmp_path):
    out = tmp_path / "kesiapan.html"
    CliRunner().invoke(cli, ["report", "-C", str(sample), "-o", str(out), "-q"], catch_exceptions=False)
    html = out.read_text(encoding="utf-8")
    for text in (
        "belum ada: Juli",
        "30 Desember 2025",
        "terenkripsi",
        "Belum ada data dukung sama sekali",
        "BELUM MEMENUHI",
    ):
        assert text in html, text


def test_check_on_the_sample_fails_and_says_why(sample):
    result = CliRunner().invoke(cli, ["check", "-C", str(sample), "-q"])
    assert result.exit_code == 1
    assert "BELUM SIAP (kode keluar 1)" in result.output and "temuan bertingkat galat" in result.output


def test_rollup_over_two_units_and_one_never_indexed(sample, tmp_path, small_drive, tree_fingerprint):
    other = small_drive(tmp_path / "unit-kedua")
    unindexed = tmp_path / "unit-ketiga"
    shutil.copytree(other, unindexed, ignore=shutil.ignore_patterns(".zi-evidence"))
    before = tree_fingerprint(unindexed)
    runner = CliRunner()
    units = [str(sample), str(other), str(unindexed)]
    text = runner.invoke(cli, ["rollup", *units, "-q"], catch_exceptions=False)
    assert text.exit_code == 0
    assert "Kantor Imigrasi Kelas II TPI Tanjung Kelayang" in text.output and "Unit Uji" in text.output
    assert f"zi-evidence index {unindexed}" in text.output
    out = tmp_path / "rekap.json"
    runner.invoke(cli, ["rollup", *units, "-o", str(out), "-q"], catch_exceptions=False)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors(data, "report.schema.json") == []
    assert [u["status"] for u in data["units"]] == ["ok", "ok", "no_catalog"]
    scored = data["units"][1]
    assert len(scored["areas"]) == 6 and scored["backed"]["total"] <= scored["claimed"]["total"]
    assert set(scored["predicates"]) == {"WBK", "WBBM"}
    for name in ("rekap.html", "rekap.xlsx", "rekap.md"):
        result = runner.invoke(cli, ["rollup", *units, "-o", str(tmp_path / name), "-q"], catch_exceptions=False)
        assert result.exit_code == 0 and (tmp_path / name).stat().st_size > 0
    html = (tmp_path / "rekap.html").read_text(encoding="utf-8")
    assert "Rekap kesiapan Zona Integritas" in html and "zi-evidence index" in html
    assert not (unindexed / ".zi-evidence").exists() and tree_fingerprint(unindexed) == before


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice (libreoffice) tidak terpasang")
def test_the_xlsx_report_opens_in_libreoffice(tmp_path, small_drive):
    root = small_drive(tmp_path / "unit")
    workbook = tmp_path / "keluar" / "lke.xlsx"
    CliRunner().invoke(cli, ["report", "-C", str(root), "-o", str(workbook), "-q"], catch_exceptions=False)
    profile = tmp_path / "lo-profil"
    done = subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path / "csv"),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    csv = (tmp_path / "csv" / "lke.csv").read_text(encoding="utf-8", errors="replace")
    assert "A.I.1.i.a" in csv and "Manajemen Perubahan" in csv
