"""A ministry's own plugin adds a document kind and a finding through the two hooks; broken ones cannot crash."""

from datetime import date

import pytest

from zi_evidence import hookimpl
from zi_evidence.index.run import run_index
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.repository import Repository
from zi_evidence.validation.findings import Finding, collect_findings

FOLDER = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/a. Tim"


class BeritaAcara:
    """A kind the built-ins do not know: the minutes of a handover ("berita acara")."""

    name = "berita_acara"
    label = "Berita acara"
    version = "1"

    @classmethod
    def detect(cls, filename: str, text: str) -> bool:
        return "berita acara" in filename.lower() or "BERITA ACARA" in text


class MinistryPlugin:
    @hookimpl
    def register_kind_detectors(self):
        return [BeritaAcara]

    @hookimpl
    def evidence_findings(self, context):
        # the ministry's own rule: every berita acara carries a number
        return [
            Finding(
                "berita_acara_tanpa_nomor",
                "warning",
                "Berita acara ini tidak bernomor.",
                "Beri nomor sesuai tata naskah dinas kementerian.",
                question=file.target_id,
                path=file.path,
            )
            for file in context.files
            if "berita_acara" in file.kinds and "Nomor" not in context.text(file)
        ]


class BrokenPlugin:
    @hookimpl
    def evidence_findings(self, context):
        raise RuntimeError("rusak")


class WrongTypePlugin:
    @hookimpl
    def evidence_findings(self):  # pluggy allows fewer arguments than the spec
        return ["bukan temuan"]


def indexed(root, *plugins):
    host = make_plugin_manager()
    for name, plugin in plugins:
        host.register(plugin, name)
    repo = Repository.open(root, host=host)
    run_index(repo)
    return repo


def test_a_ministry_plugin_adds_a_kind_and_a_finding(make_repo, fabricate):
    root = make_repo()
    fabricate.make_pdf(
        root / FOLDER / "1.i.a BA Serah Terima.pdf", ["BERITA ACARA SERAH TERIMA\nPada hari ini kami menyerahkan"]
    )
    repo = indexed(root, ("kementerian-uji", MinistryPlugin()))
    with repo.catalog() as catalog:
        (record,) = catalog.records()
    assert "berita_acara" in record.kinds
    findings = collect_findings(repo, date(2027, 1, 31))
    ours = [f for f in findings if f.code == "berita_acara_tanpa_nomor"]
    assert len(ours) == 1 and ours[0].source == "kementerian-uji" and ours[0].question == "A.I.1.i.a"
    assert any(f.source == "checks" for f in findings)  # the built-in checks still run


def test_a_failing_plugin_becomes_a_finding_not_a_crash(make_repo):
    root = make_repo()
    repo = indexed(root, ("rusak", BrokenPlugin()), ("salah-tipe", WrongTypePlugin()))
    findings = collect_findings(repo, date(2027, 1, 31))
    failures = {f.source: f for f in findings if f.code == "plugin_error"}
    assert set(failures) == {"rusak", "salah-tipe"}
    assert "RuntimeError: rusak" in failures["rusak"].message
    assert "ZI_EVIDENCE_DISABLE_PLUGINS=rusak" in failures["rusak"].hint
    assert "bukan Finding" in failures["salah-tipe"].message
    assert any(f.code == "no_evidence" for f in findings)


def test_finding_severity_is_validated():
    with pytest.raises(ValueError, match="error, warning, info"):
        Finding("x", "fatal", "pesan")
