"""``zi-evidence check`` exit codes (0 only when the target's thresholds hold with evidence and no error
finding remains), the answers-less report, and the next deadline with a fixed clock."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from zi_evidence.cli import cli
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.readiness import build_readiness, next_deadline
from zi_evidence.repository import Repository
from zi_evidence.rulesets import RulesetRegistry

RULESET = RulesetRegistry.from_host(make_plugin_manager()).get("permenpanrb-90-2021")


@pytest.fixture(scope="module")
def complete(tmp_path_factory, complete_drive, indexed_repo, new_repo, write_answers):
    root = complete_drive(new_repo(tmp_path_factory.mktemp("check") / "lengkap"))
    indexed_repo(root)
    write_answers(root)
    return root


@pytest.fixture
def check(run_cli):
    return lambda root, *extra: run_cli("check", "-C", root, "--today", "2026-04-01", "-q", *extra)


def test_check_exits_0_when_wbk_is_met_with_evidence_and_no_error_remains(complete, check):
    result = check(complete)
    assert result.exit_code == 0, result.output
    assert "SIAP (kode keluar 0)" in result.output
    assert "WBK: sesuai jawaban MEMENUHI; didukung data dukung MEMENUHI" in result.output
    assert "Tenggat berikutnya: 31 Mei 2026 (60 hari lagi)" in result.output


def test_check_exits_1_when_an_answer_pushes_an_area_below_its_minimum(complete, tmp_path, write_answers, check):
    # area 2 (bobot 7, minimum 60 % = 4,20): every pemenuhan answer of area 2 at its lowest value
    lowest = {}
    for question in RULESET.questions:
        if question.area == 2 and question.part == "pemenuhan" and question.formula is None:
            kind = RULESET.answer_types[question.answer_type]
            lowest[question.id] = min(kind.values, key=lambda letter: kind.values[letter])
    write_answers(complete, letters=lowest)
    try:
        result = check(complete)
    finally:
        write_answers(complete)
    assert result.exit_code == 1
    assert "BELUM SIAP (kode keluar 1)" in result.output and "Area 2 Penataan Tatalaksana" in result.output


def test_check_exits_1_on_error_findings_even_when_the_score_is_met(complete, indexed_repo, check):
    evidence = complete / "BUKTI" / "A.I.1.i.a Laporan Pelaksanaan.pdf"
    kept = evidence.read_bytes()
    evidence.write_bytes(b"")  # an empty file: its question has no usable evidence (error findings)
    try:
        indexed_repo(complete)
        result = check(complete, "--json")
    finally:
        evidence.write_bytes(kept)
        indexed_repo(complete)
    assert result.exit_code == 1
    summary = json.loads(result.output)
    assert summary["siap"] is False and summary["kode_keluar"] == 1 and summary["temuan"]["error"] >= 1
    assert summary["predikat"]["WBK"] == {"sesuai_jawaban": True, "didukung_data_dukung": True}
    assert any("galat" in reason for reason in summary["alasan"])


def test_without_answers_check_says_how_to_create_them_and_reports_still_work(
    tmp_path, complete_drive, indexed_repo, new_repo, check
):
    root = new_repo(tmp_path / "tanpa-jawaban")
    complete_drive(root)
    indexed_repo(root)
    result = check(root)
    assert result.exit_code == 1
    assert "zi-evidence answers template" in result.output and "Ambang WBK belum dapat dinilai" in result.output
    readiness = build_readiness(Repository.open(root), today=date(2026, 4, 1))
    assert readiness.scores is None and readiness.answers.status == "missing"
    assert all(q.weight is not None for q in readiness.questions)  # bobot is known without answers
    out = tmp_path / "laporan.html"
    report = CliRunner().invoke(cli, ["report", "-C", str(root), "-o", str(out)])
    assert report.exit_code == 0 and "zi-evidence answers template" in report.output
    assert "zi-evidence answers template" in out.read_text(encoding="utf-8")


def test_an_invalid_answers_file_is_reported_not_crashed_on(tmp_path, complete_drive, indexed_repo, new_repo, check):
    root = new_repo(tmp_path / "jawaban-salah")
    complete_drive(root)
    indexed_repo(root)
    (root / "jawaban-lke.yaml").write_text("schema_version: 1\njawaban:\n  A.I.1.i.a: {jawaban: Mungkin}\n")
    readiness = build_readiness(Repository.open(root), today=date(2026, 4, 1))
    assert readiness.answers.status == "invalid" and any("A.I.1.i.a" in p for p in readiness.answers.problems)
    result = check(root)
    assert result.exit_code == 1 and "tidak valid" in result.output


def test_an_unindexed_repository_is_a_clear_error_and_gets_no_catalog(tmp_path, new_repo, check):
    root = new_repo(tmp_path / "belum-diindeks")
    result = check(root)
    assert result.exit_code == 1 and "zi-evidence index" in result.output
    assert not (root / ".zi-evidence").exists()


@pytest.mark.parametrize(
    ("today", "expected", "days"),
    [
        (date(2026, 4, 1), date(2026, 5, 31), 60),
        (date(2026, 5, 31), date(2026, 5, 31), 0),
        (date(2026, 6, 1), date(2027, 5, 31), 364),  # the cycle recurs: after 31 Mei comes next year's
        (date(2026, 11, 22), date(2027, 5, 31), 190),
    ],
)
def test_the_next_deadline_is_pmpzi_31_mei_with_days_left(today, expected, days):
    found = next_deadline(RULESET.timeline, today)
    assert found is not None and found.key == "pengajuan_pmpzi"
    assert (found.date, found.days_left) == (expected, days)


def test_a_ministry_deadline_in_a_week_of_march_comes_first():
    kumham = RulesetRegistry.from_host(make_plugin_manager()).get("permenkumham-29-2019")
    found = next_deadline(kumham.timeline, date(2026, 3, 1))
    # "minggu ke-2 Maret": the end of that week, 14 March; PMPZI (31 Mei) is later
    assert found is not None and found.key == "penilaian_pendahuluan" and found.date == date(2026, 3, 14)
    assert next_deadline(kumham.timeline, date(2026, 3, 15)).date == date(2026, 5, 31)


def test_the_html_report_shows_the_deadline_for_a_fixed_clock(complete, tmp_path):
    out = tmp_path / "kesiapan.html"
    result = CliRunner().invoke(cli, ["report", "-C", str(complete), "-o", str(out), "--today", "2026-11-22"])
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "31 Mei 2027" in html and "190 hari lagi" in html and "per 22 November 2026" in html
