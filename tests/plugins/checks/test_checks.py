"""The built-in validators on real PDFs and DOCX files, indexed by the real pipeline."""

import shutil
from datetime import date

import pytest

from zi_evidence.dates import MONTH_NAMES
from zi_evidence.index.run import run_index
from zi_evidence.repository import Repository
from zi_evidence.rulesets.model import EvidenceExpectation
from zi_evidence.validation.findings import (
    EvidenceContext,
    EvidenceFile,
    Finding,
    Target,
    build_context,
    collect_findings,
    evidence_support,
    run_checks,
    supported_questions,
)
from zi_evidence_checks import evidence_findings as run_builtin_checks

AFTER_THE_YEAR = date(2027, 2, 1)  # the whole of 2026 is due
AREA1 = "PEMENUHAN/AREA I - Manajemen Perubahan"
MONEV = f"{AREA1}/iii. Pemantauan dan Evaluasi"
AREA4 = "PEMENUHAN/AREA IV - Penguatan Akuntabilitas/ii. Pengelolaan Akuntabilitas Kinerja"
SPIP = "PEMENUHAN/AREA V - Penguatan Pengawasan/ii. SPIP"


def decree(number: str, signed: bool) -> list[str]:
    head = f"KANTOR IMIGRASI KELAS II\nKEPUTUSAN KEPALA KANTOR\nNOMOR {number} TAHUN 2026\nTENTANG\nTIM KERJA"
    body = "MEMUTUSKAN:\nMenetapkan : KEPUTUSAN KEPALA KANTOR TENTANG TIM KERJA.\nKESATU : Membentuk Tim Kerja."
    if signed:
        body += "\nDitetapkan di Tanjung Kelayang\npada tanggal 12 Januari 2026\nKEPALA KANTOR,\nNIP 197805122001121002"
    return [head, body]


def monev(month: str, year: int, day: int = 28) -> list[str]:
    return [
        f"KANTOR IMIGRASI KELAS II\nLAPORAN MONITORING DAN EVALUASI\nBULAN {month.upper()} {year}",
        f"Realisasi rencana aksi sesuai jadwal.\nTanjung Kelayang, {day} {month} {year}\nKETUA TIM,\nNIP 1984031720060",
    ]


@pytest.fixture
def drive(make_repo, fabricate):
    root = make_repo()
    fabricate.make_pdf(root / AREA1 / "i. Penyusunan Tim Kerja" / "1.i.a SK Tim ZI 2026.pdf", decree("W.31-0012", True))
    fabricate.make_pdf(
        root / AREA1 / "ii. Rencana" / "1.ii.b SK Penetapan Target Prioritas 2026.pdf", decree("W.31-15", False)
    )
    for month in MONTH_NAMES:
        if month != "Juli":  # 11 of 12
            fabricate.make_pdf(root / MONEV / f"1.iii.b Laporan Monev {month} 2026.pdf", monev(month, 2026))
    fabricate.make_pdf(root / MONEV / "1.iii.b Laporan Monev Desember 2025.pdf", monev("Desember", 2025, 30))
    fabricate.make_docx(
        root / MONEV / "1.iii.b Notulen Rapat Monev.docx",
        ["NOTULEN RAPAT MONEV", "Notulis : Ayu", "Tanjung Kelayang, 3 Juli 2026"],
    )
    lkj = fabricate.make_pdf(
        root / AREA4 / "4.ii.e Laporan Kinerja Tahun 2025.pdf",
        ["LAPORAN KINERJA TAHUN 2025", "Tanjung Kelayang, 28 Januari 2026\nNIP 197805122001121002"],
    )
    (root / "REFORM").mkdir()
    shutil.copyfile(lkj, root / "REFORM" / "A.II.4.i.a Laporan Kinerja Tahun 2025.pdf")
    fabricate.make_encrypted_pdf(root / SPIP / "5.ii.a Laporan Penyelenggaraan SPIP 2026.pdf", ["LAPORAN SPIP 2026"])
    fabricate.make_pdf(
        root / "Lain-lain" / "catatan.pdf", ["Catatan lama tanpa nomor pertanyaan.\nJakarta, 2 Maret 2026"]
    )
    repo = Repository.open(root)
    run_index(repo)
    return repo


def only(findings: list[Finding], code: str, question: str | None = None, path_end: str = "") -> Finding:
    matching = [
        f
        for f in findings
        if f.code == code and (question is None or f.question == question) and (f.path or "").endswith(path_end)
    ]
    assert len(matching) == 1, [(f.code, f.question, f.path) for f in findings if f.code == code]
    return matching[0]


def codes_for(findings, question):
    return {f.code for f in findings if f.question == question}


def test_eleven_of_twelve_monthly_reports_names_the_missing_month(drive):
    finding = only(collect_findings(drive, AFTER_THE_YEAR), "periodic_missing", "A.I.1.iii.b")
    assert finding.severity == "warning"
    assert "11 dari 12 bulan" in finding.message
    assert finding.message.split("belum ada:")[1].startswith(" Juli.")
    assert "Desember" not in finding.message.split("belum ada:")[1]  # December 2026 exists
    assert "Juli 2026" in finding.hint


def test_only_months_already_over_are_due(drive):
    in_august = collect_findings(drive, date(2026, 8, 15))  # January..July are due
    assert "6 dari 7 bulan" in only(in_august, "periodic_missing", "A.I.1.iii.b").message
    in_june = collect_findings(drive, date(2026, 6, 15))  # Juli is not due yet
    assert not [f for f in in_june if f.code == "periodic_missing"]


def test_a_late_report_is_dated_outside_the_year_and_fills_no_slot(drive):
    findings = collect_findings(drive, AFTER_THE_YEAR)
    late = only(findings, "outside_year", path_end="Laporan Monev Desember 2025.pdf")
    assert late.severity == "warning" and late.question == "A.I.1.iii.b"
    assert "30 Desember 2025 (tanggal penandatanganan)" in late.message and "2026" in late.message
    # the 2025 report of the same name, and the LKj 2025 signed in January 2026, are fine
    assert not [f for f in findings if f.code == "outside_year" and "Kinerja" in (f.path or "")]


def test_unsigned_sk_is_a_warning_and_a_signed_one_is_not(drive):
    findings = collect_findings(drive, AFTER_THE_YEAR)
    unsigned = only(findings, "unsigned_sk")
    assert unsigned.question == "A.I.1.ii.b" and unsigned.severity == "warning"
    assert "Ditetapkan di" in unsigned.message and "NIP" in unsigned.message


def test_duplicate_across_questions_is_reported_on_both_copies(drive):
    findings = collect_findings(drive, AFTER_THE_YEAR)
    pemenuhan = only(findings, "duplicate", "A.I.4.ii.e")
    reform = only(findings, "duplicate", "A.II.4.i.a")
    assert "REFORM/A.II.4.i.a Laporan Kinerja Tahun 2025.pdf (A.II.4.i.a)" in pemenuhan.message
    assert "4.ii.e Laporan Kinerja Tahun 2025.pdf (A.I.4.ii.e)" in reform.message


def test_missing_expected_kind_names_the_kind_and_the_question(drive):
    findings = collect_findings(drive, AFTER_THE_YEAR)
    tim = [f for f in findings if f.code == "missing_kind" and f.question == "A.I.1.i.a"]
    messages = " ".join(f.message for f in tim)
    assert "Belum ada Notulen rapat untuk A.I.1.i.a (Tim pembangunan ZI telah dibentuk)" in messages
    assert "Surat Keputusan" not in messages  # the SK is there
    assert all(f.severity == "warning" for f in tim)  # expectations are practice, not law


def test_encrypted_pdf_is_an_error_and_leaves_its_question_unsupported(drive):
    findings = collect_findings(drive, AFTER_THE_YEAR)
    encrypted = only(findings, "file_encrypted")
    assert encrypted.severity == "error" and encrypted.question == "A.I.5.ii.a"
    assert "kata sandi" in encrypted.message and encrypted.hint
    assert only(findings, "no_usable_evidence", "A.I.5.ii.a").severity == "error"


def test_no_evidence_and_unmapped(drive):
    findings = collect_findings(drive, AFTER_THE_YEAR)
    none = only(findings, "no_evidence", "A.I.1.i.b")
    assert none.severity == "error" and "Contoh data dukung" in none.hint
    assert only(findings, "no_evidence", "B.I.b").severity == "warning"  # hasil: external surveys
    unmapped = only(findings, "unmapped", path_end="catatan.pdf")
    assert unmapped.question is None and "tidak ada id LKE" in unmapped.message


def test_supported_questions(drive):
    context = build_context(drive, AFTER_THE_YEAR)
    findings = run_checks(drive.host, context)
    supported = supported_questions(findings, context)
    # warnings (a missing month, a missing notulen, an unsigned SK) leave an answer supported
    assert {"A.I.1.iii.b", "A.I.1.i.a", "A.I.1.ii.b", "A.I.4.ii.e", "A.II.4.i.a"} <= supported
    assert "A.I.5.ii.a" not in supported  # only an encrypted file
    assert "A.I.1.i.b" not in supported  # nothing at all
    support = evidence_support(findings, context)
    assert support["A.I.5.ii.a"].reasons()[0].startswith("Semua data dukung A.I.5.ii.a")
    assert len(support["A.I.1.iii.b"].usable_files) == 12  # the 2025 report is not usable for 2026
    assert support["A.I.1.iii.b"].reasons() == ()


def test_a_file_dated_only_outside_the_year_supports_nothing(make_repo, fabricate):
    root = make_repo()
    fabricate.make_pdf(root / MONEV / "1.iii.b Laporan Monev Desember 2025.pdf", monev("Desember", 2025, 30))
    repo = Repository.open(root)
    run_index(repo)
    context = build_context(repo, AFTER_THE_YEAR)
    findings = run_checks(repo.host, context)
    assert only(findings, "no_current_evidence", "A.I.1.iii.b").severity == "warning"
    assert "A.I.1.iii.b" not in supported_questions(findings, context)


def test_findings_are_deterministic_sorted_and_read_only(drive, tree_fingerprint):
    before = tree_fingerprint(drive.root)
    first = collect_findings(drive, AFTER_THE_YEAR)
    second = collect_findings(drive, AFTER_THE_YEAR)
    assert first == second and len(first) == len(set(first))
    assert tree_fingerprint(drive.root) == before
    context = build_context(drive, AFTER_THE_YEAR)
    orders = [context.order(f.question) for f in first]
    assert orders == sorted(orders)
    assert all(f.source in ("checks", "personal") and f.message and f.hint for f in first)


@pytest.mark.parametrize("ruleset", ["permenpanrb-90-2021", "permenpanrb-10-2019", "permenkumham-29-2019"])
def test_every_shipped_rule_set_is_checked_without_plugin_errors(make_repo, ruleset):
    repo = Repository.open(make_repo(ruleset=ruleset))
    run_index(repo)
    context = build_context(repo, AFTER_THE_YEAR)
    findings = run_checks(repo.host, context)
    assert not [f for f in findings if f.code == "plugin_error"]
    questions = {q.id for q in repo.ruleset.questions}
    assert questions <= {f.question for f in findings if f.code == "no_evidence" and f.severity == "error"}
    assert supported_questions(findings, context) == frozenset()


def test_a_ministry_error_expectation_makes_the_answer_unsupported():
    # a ministry rule set may make a kind mandatory (severity error) and ask for a minimum count
    sk = EvidenceExpectation("SK Tim Kerja", kind="sk", severity="error")
    notulen = EvidenceExpectation("notulen rapat bulanan", kind="notulen", min_count=3)
    target = Target("X.1", "Tim dibentuk", "X", (sk, notulen))
    file = EvidenceFile(
        1, "X/X.1 Notulen.pdf", 5000, "ab", "application/pdf", "ok", (), "X.1", "question", "", ("notulen",)
    )
    context = EvidenceContext(None, 2026, "WBK", (file,), (target,), {"sk": "Surat Keputusan (SK)"}, AFTER_THE_YEAR)
    findings = run_builtin_checks(context)
    missing = only(findings, "missing_kind", "X.1")
    assert missing.severity == "error" and missing.message.startswith("Belum ada Surat Keputusan (SK) untuk X.1")
    assert "baru 1 berkas" in only(findings, "too_few", "X.1").message
    support = evidence_support(findings, context)["X.1"]
    assert not support.supported and support.usable_files == ("X/X.1 Notulen.pdf",)
    assert support.reasons() == (missing.message,)
