"""Every report format on a real indexed drive: self-contained HTML with safe names and working links,
schema-valid JSON, an LKE-shaped XLSX, Markdown; and a third-party format through the same hook."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from click.testing import CliRunner
from zi_evidence.schemas.validation import schema_errors

from zi_evidence import choose_format, hookimpl
from zi_evidence.cli import cli
from zi_evidence.cli.report_commands import report_formats
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.readiness import build_readiness
from zi_evidence.repository import Repository

TODAY = date(2026, 4, 1)


@pytest.fixture(scope="module")
def drive(tmp_path_factory, small_drive):
    return small_drive(tmp_path_factory.mktemp("reports") / "drive")


@pytest.fixture(scope="module")
def readiness(drive):
    return build_readiness(Repository.open(drive), today=TODAY)


def render(drive, readiness, name: str, out: Path) -> bytes:
    formats = report_formats(Repository.open(drive).host)
    return formats[name]().render(readiness, out)


def test_the_four_builtin_formats_are_registered(drive):
    formats = report_formats(Repository.open(drive).host)
    assert {"html", "md", "json", "xlsx"} <= set(formats)
    for fmt in formats.values():
        assert fmt.name and fmt.label and fmt.suffix.startswith(".")


def test_html_is_one_self_contained_file_in_indonesian(drive, readiness, tmp_path):
    out = tmp_path / "laporan" / "kesiapan.html"
    data = render(drive, readiness, "html", out)
    html = out.read_text(encoding="utf-8")
    assert data.decode("utf-8") == html and list(out.parent.iterdir()) == [out]
    assert html.startswith("<!DOCTYPE html>") and '<html lang="id">' in html
    # nothing fetched from anywhere: no remote src/href, no script, no external stylesheet
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<script" not in html.lower() and "<link" not in html.lower() and "@import" not in html
    for text in (
        "Laporan Kesiapan Penilaian TPI",
        "Tenggat berikutnya",
        "Nilai per area",
        "Rencana perbaikan",
        "Rincian per pertanyaan",
        "Daftar temuan",
        "Sesuai jawaban",
        "Didukung data dukung",
    ):
        assert text in html


def test_html_escapes_a_hostile_file_name(drive, readiness, tmp_path):
    out = tmp_path / "kesiapan.html"
    render(drive, readiness, "html", out)
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;.script&gt; &amp; &quot;kutip&quot;" in html


def test_html_links_are_relative_and_open_the_files(drive, readiness, tmp_path, odd_names):
    out = tmp_path / "jauh" / "di" / "luar" / "kesiapan.html"
    render(drive, readiness, "html", out)
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"', html)
    assert len(links) >= 4
    for link in links:
        assert not link.startswith(("/", "file:", "http")), link
        target = (out.parent / unquote(link.replace("&amp;", "&"))).resolve()
        assert target.is_file(), link
        assert drive.resolve() in target.parents
    hostile = [link for link in links if "alert" in link]
    assert hostile and (out.parent / unquote(hostile[0].replace("&amp;", "&"))).resolve().name == odd_names.HOSTILE


def test_json_is_valid_against_the_schema(drive, readiness, tmp_path, odd_names):
    out = tmp_path / "kesiapan.json"
    render(drive, readiness, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors(data, "report.schema.json") == []
    assert data["report"] == "readiness" and data["today"] == "2026-04-01"
    assert data["deadline"]["date"] == "2026-05-31" and data["deadline"]["days_left"] == 60
    assert data["scores"]["claimed"]["total"] >= data["scores"]["backed"]["total"]
    assert any(f["path"] and f["path"].endswith(odd_names.HOSTILE) for q in data["questions"] for f in q["files"])


def test_xlsx_follows_the_lke_layout(drive, readiness, tmp_path, odd_names):
    out = tmp_path / "lke.xlsx"
    render(drive, readiness, "xlsx", out)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["LKE", "Ringkasan", "Temuan", "Rencana Perbaikan", "Saran Pemetaan"]
    saran = [c.data_type for row in workbook["Saran Pemetaan"].iter_rows() for c in row if c.value is not None]
    assert "f" not in saran  # a file named like a formula stays text here too
    sheet = workbook["LKE"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    header = rows.index(
        (
            "No/Id",
            "Komponen",
            "Bobot",
            "Jawaban",
            "Nilai sesuai jawaban",
            "Nilai didukung data dukung",
            "Status",
            "Data dukung",
            "Temuan",
        )
    )
    by_id = {row[0]: row for row in rows[header + 1 :] if row[0]}
    assert by_id["Area 1"][1] == "Manajemen Perubahan" and by_id["Area 1"][2] == 8
    assert by_id["A.I.1.i"][2] == 0.5  # indicator row with its printed weight
    question = by_id["A.I.1.i.a"]
    assert question[3] == "Ya" and question[2] == pytest.approx(0.25) and question[5] == pytest.approx(0.25)
    assert "1.i.a SK Tim Kerja ZI.pdf" in question[7]
    assert by_id["A.I.1.iv.c"][5] == 0 and by_id["A.I.1.iv.c"][7] == "tidak ada"  # claimed, but no evidence
    assert "B.I.a" in by_id
    # a file name starting with '=' stays text in every sheet, never a formula
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(isinstance(c.value, str) and c.value.startswith(odd_names.FORMULA) for c in cells)
    assert workbook["Rencana Perbaikan"].max_row > 1 and workbook["Temuan"].max_row > 1


def test_markdown_escapes_names_and_links_relatively(drive, readiness, tmp_path):
    out = tmp_path / "md" / "kesiapan.md"
    render(drive, readiness, "md", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Laporan Kesiapan Penilaian TPI")
    assert "<script>" not in text and r"\<script\>" in text
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links and all((out.parent / unquote(link)).resolve().is_file() for link in links)


def test_the_bundle_can_render_from_a_repository_without_a_path(drive):
    from datetime import UTC, datetime

    from zi_evidence.bundle.reports import readiness_at

    repo = Repository.open(drive)
    data = report_formats(repo.host)["html"]().render(readiness_at(repo, datetime(2026, 5, 20, tzinfo=UTC)))
    html = data.decode("utf-8")
    assert "20 Mei 2026" in html and "11 hari lagi" in html
    assert "<a href=" not in html.split("Rincian per pertanyaan")[1]  # bundle renames files: paths, no links


def test_report_command_infers_the_format_and_leaves_the_tree_alone(drive, tmp_path, tree_fingerprint):
    before = tree_fingerprint(drive)
    runner = CliRunner()
    for name in ("kesiapan.html", "kesiapan.md", "kesiapan.json", "kesiapan.xlsx"):
        result = runner.invoke(
            cli,
            ["report", "-C", str(drive), "-o", str(tmp_path / name), "--today", "2026-04-01"],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 0
    explicit = runner.invoke(cli, ["report", "-C", str(drive), "-f", "md", "-o", str(tmp_path / "laporan.txt")])
    assert explicit.exit_code == 0 and (tmp_path / "laporan.txt").read_text(encoding="utf-8").startswith("# ")
    unknown = runner.invoke(cli, ["report", "-C", str(drive), "-o", str(tmp_path / "laporan.pdf")])
    assert unknown.exit_code == 1 and "--format" in unknown.output
    assert tree_fingerprint(drive) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kesiapan.html",
        "kesiapan.json",
        "kesiapan.md",
        "kesiapan.xlsx",
        "laporan.txt",
    ]


def test_an_output_inside_the_evidence_tree_is_refused_with_a_place_to_write_instead(drive):
    inside = drive / "Lain-lain" / "catatan lama.pdf"
    before = inside.read_bytes()
    runner = CliRunner()
    for args in ([], ["--force"]):  # --force no longer lets a report into the tree
        refused = runner.invoke(cli, ["report", "-C", str(drive), "-f", "md", "-o", str(inside), *args])
        assert refused.exit_code == 1 and "di dalam folder data dukung" in refused.output, refused.output
        assert str(drive.parent / "catatan lama.pdf") in refused.output and inside.read_bytes() == before
    fresh = drive / "laporan-baru.md"
    refused = runner.invoke(cli, ["report", "-C", str(drive), "-o", str(fresh)])
    assert refused.exit_code == 1 and not fresh.exists()


class CsvSummary:
    """A ministry's own format: one line per question."""

    name = "csv"
    label = "Ringkasan CSV"
    suffix = ".csv"

    def render(self, readiness, out_path=None):
        lines = ["id;berkas;didukung"] + [
            f"{q.id};{len(q.files)};{'ya' if q.supported else 'tidak'}" for q in readiness.questions
        ]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        if out_path is not None:
            Path(out_path).write_bytes(data)
        return data


class CsvPlugin:
    @hookimpl
    def register_report_formats(self):
        return [CsvSummary]


def test_a_third_party_report_format_is_found_and_chosen_by_suffix(drive, readiness, tmp_path):
    host = make_plugin_manager()
    host.register(CsvPlugin(), "laporan-csv")
    formats = report_formats(Repository.open(drive, host=host).host)
    assert {"html", "md", "json", "xlsx", "csv"} <= set(formats)
    out = tmp_path / "ringkasan.csv"
    chosen = choose_format(formats, None, out)
    assert chosen is CsvSummary
    chosen().render(readiness, out)
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("A.I.1.i.a;1;ya")


def test_a_written_report_is_readable_by_colleagues_like_any_saved_file(tmp_path):
    import os

    from zi_evidence import write_atomically

    umask = os.umask(0o022)
    try:
        out = tmp_path / "laporan.html"
        write_atomically(out, b"<html></html>")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
