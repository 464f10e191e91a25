"""Layouts are plugins (``register_bundle_layouts``); reports come from ``register_report_formats`` when present."""

import json
import zipfile

import pytest

from zi_evidence import hookimpl
from zi_evidence.bundle import Document, LayoutContext, verify_bundle
from zi_evidence.errors import BundleError, PluginError
from zi_evidence.plugins import make_plugin_manager


class FlatLayout:
    """A tiny e-RB-like layout: one folder per indicator, no letters."""

    name = "erb-uji"
    label = "Unggah e-RB (uji)"

    def folder(self, ruleset, target_id):
        question = ruleset.question(target_id)
        return ("ERB", (question.indicator_id if question else target_id).replace("A.", "area-"))

    def file_prefix(self, ruleset, target_id):
        return target_id.rsplit(".", 2)[-2] + "." + target_id.rsplit(".", 1)[-1]

    def report_path(self, name):
        return f"ERB/lke.{name}"

    def documents(self, context: LayoutContext):
        text = "\n".join(f.bundle_path for f in context.files).encode()
        return [Document("ERB/daftar.txt", text, "daftar", f"Daftar jilid {context.volume}")]


class LayoutPlugin:
    @hookimpl
    def register_bundle_layouts(self):
        return [FlatLayout]


class HtmlReport:
    name = "html"

    def render(self, readiness, out_path=None):
        return f"<html><body>Laporan {readiness.unit} {readiness.today:%Y}</body></html>"


class BrokenXlsx:
    name = "xlsx"

    def render(self, readiness, out_path=None):
        raise ValueError("belum siap")


class ReportPlugin:
    @hookimpl
    def register_report_formats(self):
        return [HtmlReport, BrokenXlsx]


def _host(*plugins):
    host = make_plugin_manager()  # ZI_EVIDENCE_DISABLE_PLUGINS (see ``alone``) keeps built-ins out of the way
    for number, plugin in enumerate(plugins):
        host.register(plugin, name=f"uji-{number}")
    return host


@pytest.fixture
def alone(monkeypatch):
    """Without the built-in report formats, so this test's own formats are the only ones."""
    monkeypatch.setenv("ZI_EVIDENCE_DISABLE_PLUGINS", "reports")


@pytest.fixture
def drive(make_repo, indexed_repo, make_drive):
    root = make_drive(make_repo)
    indexed_repo(root)
    return root


def test_a_plugin_layout_decides_folders_and_documents(drive, tmp_path, build, members):
    host = _host(LayoutPlugin())
    out = tmp_path / "erb.zip"
    result = build(drive, out, host=host, layout="erb-uji")
    names = members(out)
    assert "ERB/daftar.txt" in names and not any(n.startswith("SURAT/") for n in names)
    assert "ERB/area-I.1.i/i.a-01-notulen-rapat.docx" in names
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    assert manifest["layout"] == {"name": "erb-uji", "label": "Unggah e-RB (uji)"}
    assert verify_bundle(out).ok and result.files == 8


def test_a_file_bigger_than_any_volume_is_reported(drive, tmp_path, alone, build):
    host = _host(LayoutPlugin())
    result = build(drive, tmp_path / "j.zip", host=host, layout="erb-uji", max_bundle_bytes=20_000, split=True)
    found = {e.candidate.original_path.rsplit("/", 1)[-1]: e.finding.code for e in result.exclusions}
    assert found["1.i.a Notulen Rapat.docx"] == "too_large_for_volume"
    assert len(result.outputs) >= 2
    for path in result.outputs:
        assert verify_bundle(tmp_path / path.rsplit("/", 1)[-1]).ok


def test_unknown_and_duplicate_layouts_are_errors(drive, tmp_path, build):
    with pytest.raises(BundleError, match="pmpzi"):
        build(drive, tmp_path / "a.zip", layout="tidak-ada")

    class Twin(FlatLayout):
        name = "pmpzi"

    class TwinPlugin:
        @hookimpl
        def register_bundle_layouts(self):
            return [Twin]

    with pytest.raises(PluginError, match="dua plugin"):
        build(drive, tmp_path / "a.zip", host=_host(TwinPlugin()))


def test_reports_come_from_report_format_plugins(drive, tmp_path, alone, build):
    out = tmp_path / "a.zip"
    result = build(drive, out, host=_host(ReportPlugin()))
    statuses = {r.name: r for r in result.reports}
    assert statuses["html"].included and statuses["html"].bundle_path == "LAPORAN/laporan-kesiapan.html"
    assert not statuses["xlsx"].included and "belum siap" in statuses["xlsx"].message
    with zipfile.ZipFile(out) as archive:
        assert b"Laporan Unit Uji" in archive.read("LAPORAN/laporan-kesiapan.html")
        manifest = json.loads(archive.read("manifest.json"))
        index_html = archive.read("DAFTAR-ISI.html").decode()
    assert {d["role"] for d in manifest["documents"]} >= {"report:html", "surat_pengajuan", "sptjm", "daftar_isi"}
    assert "LAPORAN/laporan-kesiapan.html" in index_html and "belum siap" in index_html
    assert verify_bundle(out).ok
