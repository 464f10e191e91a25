"""The deliberate gaps of ``sample_repo/`` (docs/sample_repo.md) all come out as findings.

The sample is copied first: nothing is ever written inside ``sample_repo/``.
"""

import shutil
from datetime import date
from pathlib import Path

import pytest

from zi_evidence.index.run import run_index
from zi_evidence.repository import Repository
from zi_evidence.validation.findings import build_context, run_checks, supported_questions

SAMPLE = Path(__file__).resolve().parents[2] / "sample_repo"
MONEV = "PEMENUHAN/AREA I - Manajemen Perubahan/iii. Pemantauan dan Evaluasi/"
NO_EVIDENCE = """A.I.1.iv.c A.I.2.ii.d A.I.2.iii.b A.I.3.i.c A.I.3.ii.c A.I.3.iii.b A.I.3.iii.c A.I.3.iii.d A.I.3.iii.f
A.I.3.iv.b A.I.3.iv.d A.I.4.ii.b A.I.4.ii.d A.I.4.ii.g A.I.4.ii.h A.I.5.ii.d A.I.5.iii.d A.I.5.iv.b A.I.5.iv.c
A.I.5.v.d A.I.5.v.e A.I.6.i.c A.I.6.ii.b A.I.6.ii.d A.I.6.ii.e A.I.6.iii.c A.I.6.v.a A.I.6.v.b A.I.6.v.c
A.II.2.i.a A.II.2.ii.a A.II.2.ii.b A.II.2.iii.a A.II.2.iii.b A.II.2.iii.c A.II.3.ii.a B.I.b""".split()
UNREADABLE = {
    "A.I.2.i.c": ("file_corrupt", "2-i-c Notulen Evaluasi SOP.docx"),
    "A.I.4.ii.f": ("file_corrupt", "4.ii.f Ringkasan Laporan Kinerja 2025.pdf"),
    "A.I.5.iii.b": ("file_empty", "5.iii.b Bukti Tindak Lanjut Pengaduan.pdf"),
    "A.I.5.ii.a": ("file_encrypted", "5.ii.a Laporan Penyelenggaraan SPIP 2026.pdf"),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample") / "sample_repo"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".zi-evidence"))
    repo = Repository.open(root)
    run_index(repo)
    context = build_context(repo, as_of=date(2027, 1, 31))  # the assessment year 2026 is over
    return context, run_checks(repo.host, context)


def where(findings, code, **fields):
    return [f for f in findings if f.code == code and all(getattr(f, k) == v for k, v in fields.items())]


def test_july_is_missing_from_the_monthly_monev_series(sample):
    _, findings = sample
    (series,) = where(findings, "periodic_missing", question="A.I.1.iii.b")
    assert "11 dari 12 bulan" in series.message
    assert series.message.split("belum ada:")[1].strip().startswith("Juli.")


def test_the_december_2025_report_is_late(sample):
    _, findings = sample
    (late,) = where(findings, "outside_year")
    assert late.path == MONEV + "1.iii.b Laporan Monev Desember 2025.pdf"
    assert "30 Desember 2025" in late.message and late.question == "A.I.1.iii.b"


def test_the_unsigned_sk_and_only_it(sample):
    _, findings = sample
    (unsigned,) = where(findings, "unsigned_sk")
    assert unsigned.question == "A.I.1.ii.b"
    assert unsigned.path.endswith("1.ii.b SK Penetapan Target Prioritas ZI 2026.pdf")


def test_the_one_duplicate(sample):
    _, findings = sample
    duplicates = where(findings, "duplicate")
    assert {f.question for f in duplicates} == {"A.I.4.ii.e", "A.II.4.i.a"}
    assert all("Laporan Kinerja Tahun 2025.pdf" in f.path for f in duplicates)


def test_unreadable_files_and_their_questions(sample):
    _, findings = sample
    for question, (code, name) in UNREADABLE.items():
        (problem,) = where(findings, code, question=question)
        assert problem.path.endswith(name) and problem.severity == "error"
        assert where(findings, "no_usable_evidence", question=question, severity="error")


def test_the_scanned_sk_needs_ocr_unless_ocr_read_it(sample):
    context, findings = sample
    (scan,) = [f for f in context.files if f.name == "1.i.a SK TIM ZONA INTEGRITAS.pdf"]
    needs_ocr = where(findings, "file_needs_ocr", path=scan.path)
    assert bool(needs_ocr) == (scan.text_chars < 40)
    assert "sk" in scan.kinds


def test_questions_without_evidence(sample):
    _, findings = sample
    flagged = {f.question: f for f in where(findings, "no_evidence")}
    assert set(flagged) == set(NO_EVIDENCE)
    # warnings: hasil (external surveys) and questions whose indicator holds unassigned files
    lenient = {q for q, f in flagged.items() if f.severity == "warning"}
    assert lenient == {"B.I.b", "A.I.2.iii.b", "A.I.5.ii.d"}
    assert "Daftar" not in flagged["A.I.2.iii.b"].message and "indikator A.I.2.iii" in flagged["A.I.2.iii.b"].message


def test_unmapped_and_indicator_level_files(sample):
    _, findings = sample
    assert {f.path for f in where(findings, "unmapped")} == {
        "Lain-lain/Foto Gedung Kantor.jpg",
        "Lain-lain/catatan rapat lama.docx",
    }
    assert {f.question for f in where(findings, "indicator_level")} == {"A.I.2.i", "A.I.2.iii", "A.I.5.ii"}


def test_supported_questions_follow_the_gaps(sample):
    context, findings = sample
    supported = supported_questions(findings, context)
    assert not supported & (set(NO_EVIDENCE) | set(UNREADABLE))
    assert {"A.I.1.i.a", "A.I.1.iii.b", "A.I.1.ii.b", "A.I.4.ii.e", "A.II.4.i.a", "B.I.a", "B.II.a"} <= supported
    assert len(supported) == len(context.targets) - len(NO_EVIDENCE) - len(UNREADABLE)
