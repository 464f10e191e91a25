"""The review chain in every output, on a copy of sample_repo/ after a real review round through the library:
the four report formats and the bundle manifest carry each tier's verdict and note, the final tier's answers
(the TPI's LKE) and the rekap penolakan/perbaikan; without a review database they stay as they were."""

from __future__ import annotations

import json
import zipfile
from dataclasses import fields

import openpyxl
import pytest
from zi_evidence.schemas.validation import load_schema, schema_errors

from zi_evidence.readiness import Readiness
from zi_evidence.repository import Repository

IKU = "A.I.4.ii.c"  # Ya/Tidak: sent back once, then accepted
STANDAR = "A.I.6.i.a"  # A–E: rejected, the TPI gives its own answer
TPI = "Tim Penilai Internal (TPI)"
PASSWORDS = {"ani": "sandi-ani-12345", "tari": "sandi-tari-12345"}


def _review_round(root):
    from zi_evidence.review.accounts import parse_role
    from zi_evidence.review.session import repository_accounts, repository_service

    repo = Repository.open(root)
    accounts = repository_accounts(repo)
    unit = repo.config.unit.name
    accounts.add("admin", "ani", "Ani", PASSWORDS["ani"], [parse_role("tim_unit", ["tpi"], unit)])
    accounts.add("admin", "tari", "Tari", PASSWORDS["tari"], [parse_role("verifikator:tpi", ["tpi"], unit)])
    ani, tari = (accounts.authenticate(n, PASSWORDS[n]) for n in ("ani", "tari"))
    accounts.store.close()
    service = repository_service(repo)
    service.submit(ani, IKU, "Ya")
    service.decide(tari, IKU, "tpi", "perlu_perbaikan", note="IKU belum ditetapkan kepala kantor")
    service.submit(ani, IKU, note="Penetapan IKU bertanda tangan")
    service.decide(tari, IKU, "tpi", "diterima")
    service.submit(ani, STANDAR, "A")
    service.decide(tari, STANDAR, "tpi", "ditolak", answer="C", note="Standar pelayanan baru sebagian layanan")
    service.store.close()


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory, sample_copy):
    root = sample_copy(tmp_path_factory.mktemp("diperiksa") / "sample_repo")
    _review_round(root)
    return root


@pytest.fixture(scope="module")
def unreviewed(tmp_path_factory, sample_copy):
    return sample_copy(tmp_path_factory.mktemp("belum") / "sample_repo")


def _report(run_cli, root, out):
    result = run_cli("report", "-C", root, "-o", out, "--today", "2026-11-22", "-q")
    assert result.exit_code == 0, result.output
    return out


def test_json_report_carries_each_tier_and_the_rekap(reviewed, run_cli, tmp_path):
    data = json.loads(_report(run_cli, reviewed, tmp_path / "r.json").read_text(encoding="utf-8"))
    assert schema_errors(data, "report.schema.json") == []
    reviews = data["reviews"]
    assert reviews["status"] == "ok" and [t["key"] for t in reviews["tiers"]] == ["unit", "tpi"]
    by_id = {q["question_id"]: q for q in reviews["questions"]}
    iku, standar = by_id[IKU], by_id[STANDAR]
    assert iku["round"] == 2 and iku["final_decided"] and iku["final_answer"] == "Ya"
    assert [(t["tier"], t["status"], t["reviewer"]) for t in iku["tiers"]] == [
        ("unit", "submitted", "ani"),
        ("tpi", "diterima", "tari"),
    ]
    assert iku["tiers"][0]["note"] == "Penetapan IKU bertanda tangan"
    assert standar["final_answer"] == "C" and standar["tiers"][1]["note"] == "Standar pelayanan baru sebagian layanan"
    assert reviews["rekap"] == [
        {
            "unit": "Kantor Imigrasi Kelas II TPI Tanjung Kelayang",
            "tier": "tpi",
            "label": TPI,
            "needs_fix": 1,
            "rejected": 1,
            "questions": [IKU, STANDAR],
        }
    ]


def test_html_and_markdown_show_verdicts_notes_and_rekap(reviewed, run_cli, tmp_path):
    html = _report(run_cli, reviewed, tmp_path / "r.html").read_text(encoding="utf-8")
    text = _report(run_cli, reviewed, tmp_path / "r.md").read_text(encoding="utf-8")
    for shown in (html, text):
        assert "Hasil pemeriksaan berjenjang" in shown and "Rekap penolakan dan perbaikan" in shown
        assert "ditolak — tari, jawaban C: Standar pelayanan baru sebagian layanan" in shown
        assert "diterima — tari, jawaban Ya" in shown
    assert f'<td>{TPI}</td><td class="n">1</td><td class="n">1</td>' in html  # one sent back, one rejected
    assert f"| {TPI.replace('(', chr(92) + '(').replace(')', chr(92) + ')')} | 1 | 1 |" in text


def test_xlsx_lke_carries_the_tpi_answers_and_two_review_sheets(reviewed, run_cli, tmp_path):
    workbook = openpyxl.load_workbook(_report(run_cli, reviewed, tmp_path / "r.xlsx"))
    assert workbook.sheetnames[-2:] == ["Pemeriksaan", "Rekap Penolakan"]
    lke = [tuple(c.value for c in row) for row in workbook["LKE"].iter_rows()]
    header = next(r for r in lke if r and r[0] == "No/Id")
    assert header[-1] == f"Jawaban {TPI}"
    final = {r[0]: r[-1] for r in lke if r and r[0] in (IKU, STANDAR)}
    assert final == {IKU: "Ya", STANDAR: "C"}
    review = [tuple(c.value for c in row) for row in workbook["Pemeriksaan"].iter_rows()]
    row = next(r for r in review if r[0] == STANDAR)
    assert "ditolak" in row and "Standar pelayanan baru sebagian layanan" in row and row[-1] == "C"
    rekap = [tuple(c.value for c in row) for row in workbook["Rekap Penolakan"].iter_rows()]
    assert rekap[1][1:4] == (TPI, 1, 1)


def test_the_bundle_manifest_carries_the_reviews(reviewed, build, tmp_path):
    out = tmp_path / "bundel.zip"
    build(reviewed, out)
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        lke = archive.read("LAPORAN/LKE.xlsx")
    assert schema_errors(manifest, "manifest.schema.json") == []
    finals = {q["question_id"]: q["final_answer"] for q in manifest["reviews"]["questions"]}
    assert finals == {IKU: "Ya", STANDAR: "C"}
    assert manifest["reviews"]["rekap"][0]["needs_fix"] == 1
    (tmp_path / "LKE.xlsx").write_bytes(lke)
    assert "Pemeriksaan" in openpyxl.load_workbook(tmp_path / "LKE.xlsx").sheetnames


def test_without_a_review_database_outputs_stay_as_they_were(unreviewed, run_cli, build, tmp_path):
    data = json.loads(_report(run_cli, unreviewed, tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["reviews"] is None and schema_errors(data, "report.schema.json") == []
    html = _report(run_cli, unreviewed, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Hasil pemeriksaan berjenjang" not in html
    workbook = openpyxl.load_workbook(_report(run_cli, unreviewed, tmp_path / "r.xlsx"))
    # no review sheet (the drive's unmapped files do get their mapping suggestions)
    assert workbook.sheetnames == ["LKE", "Ringkasan", "Temuan", "Rencana Perbaikan", "Saran Pemetaan"]
    build(unreviewed, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        assert json.loads(archive.read("manifest.json"))["reviews"] is None
    assert not (unreviewed / ".zi-evidence" / "review.sqlite").exists()  # a report creates no database


def test_report_schema_lists_every_readiness_field():
    """Drift: a field added to Readiness (or its reviews) must be added to the schema, and back."""
    from zi_evidence.readiness import QuestionReview, RekapLine, Reviews, TierVerdict, UnitRow

    defs = load_schema("report.schema.json")["$defs"]
    listed = set(defs["readiness"]["properties"]) - {"report", "schema_version"}
    assert listed == {f.name for f in fields(Readiness)} == set(defs["readiness"]["required"])
    for cls, name in (
        (Reviews, "reviews"),
        (QuestionReview, "question_review"),
        (TierVerdict, "tier_verdict"),
        (RekapLine, "rekap_line"),
        (UnitRow, "unit"),
    ):
        assert set(defs[name]["properties"]) == {f.name for f in fields(cls)} == set(defs[name]["required"]), name
    manifest = load_schema("manifest.schema.json")["$defs"]["reviews"]
    assert set(manifest["required"]) == set(defs["reviews"]["required"])


def test_the_rollup_carries_each_units_rekap(reviewed, unreviewed, run_cli, tmp_path):
    out = tmp_path / "rekap.json"
    result = run_cli("rollup", reviewed, unreviewed, "-o", out, "--today", "2026-11-22", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors(data, "report.schema.json") == []
    assert [len(u["rekap"]) for u in data["units"]] == [1, 0]
    assert data["units"][0]["rekap"][0]["questions"] == [IKU, STANDAR]
    html = tmp_path / "rekap.html"
    run_cli("rollup", reviewed, unreviewed, "-o", html, "--today", "2026-11-22", "-q")
    assert "Rekap penolakan dan perbaikan" in html.read_text(encoding="utf-8")
    book = tmp_path / "rekap.xlsx"
    run_cli("rollup", reviewed, unreviewed, "-o", book, "--today", "2026-11-22", "-q")
    rekap = [tuple(c.value for c in row) for row in openpyxl.load_workbook(book)["Rekap Penolakan"].iter_rows()]
    assert rekap[1][1:4] == (TPI, 1, 1)


def test_a_damaged_review_database_is_named_not_a_traceback(make_repo, make_drive, indexed_repo, run_cli, tmp_path):
    root = make_drive(make_repo)
    indexed_repo(root)
    (root / ".zi-evidence" / "review.sqlite").write_bytes(b"bukan basis data, hanya teks\n" * 100)
    data = json.loads(_report(run_cli, root, tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["reviews"]["status"] == "error" and "review.sqlite rusak" in data["reviews"]["message"]
    assert schema_errors(data, "report.schema.json") == []
    html = _report(run_cli, root, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Hasil pemeriksaan berjenjang" in html and "review.sqlite rusak" in html
    status = run_cli("review", "status", "-C", root)
    assert status.exit_code == 1 and "rusak atau bukan basis data SQLite" in status.output


def test_a_readiness_rebuilt_from_its_json_renders_every_format_alike(reviewed):
    """What the server does with a pushed readiness: the same object again, every report the same."""
    from datetime import date

    from zi_evidence.readiness import build_readiness
    from zi_evidence.readiness.revive import readiness_from_dict

    repo = Repository.open(reviewed)
    readiness = build_readiness(repo, date(2026, 11, 22))
    sent = json.loads(json.dumps(readiness.to_dict(), ensure_ascii=False))
    back = readiness_from_dict(sent)
    assert back.to_dict() == readiness.to_dict() and back.reviews and back.reviews.questions
    for name, fmt in repo.host.report_formats().items():
        if name == "xlsx":
            continue  # compared cell by cell below (the workbook's zip carries a write time)
        assert fmt().render(back) == fmt().render(readiness), name
    xlsx = repo.host.report_formats()["xlsx"]
    import io

    cells = [
        [[c.value for c in row] for ws in openpyxl.load_workbook(io.BytesIO(fmt().render(r))).worksheets
         for row in ws.iter_rows()]
        for fmt, r in ((xlsx, back), (xlsx, readiness))
    ]  # fmt: skip
    assert cells[0] == cells[1]
    bad = {**sent, "findings": [{**sent["findings"][0], "severity": "gawat"}]}
    with pytest.raises(ValueError, match=r"kesiapan\.findings\[0\]"):
        readiness_from_dict(bad)
    with pytest.raises(ValueError, match="kolom tak dikenal"):
        readiness_from_dict({**sent, "rahasia": 1})
    with pytest.raises(ValueError, match=r"kesiapan\.today"):
        readiness_from_dict({**sent, "today": "besok"})
    with pytest.raises(ValueError, match="versi skema"):
        readiness_from_dict({**sent, "schema_version": 99})
