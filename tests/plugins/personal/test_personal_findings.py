"""Personal-data findings on real files indexed by the real pipeline: per file and page, masked everywhere."""

import json

from zi_evidence.state.results import RESULTS_NAME, ResultCache
from zi_evidence.validation.findings import build_context, collect_findings, run_checks

DAFTAR = "PEMENUHAN/AREA I/i. Penyusunan Tim Kerja/1.i.a Daftar Hadir Sosialisasi Warga.pdf"
NIKS = ("3204124108850001", "1971011203990042", "6471055512000317")  # two women (day + 40), one man
NIP = "197805122001121002"


def daftar_hadir_pages():
    rows = "\n".join(f"{n}. Warga {n}  NIK {nik}  tanda tangan" for n, nik in enumerate(NIKS, 1))
    return [
        "DAFTAR HADIR SOSIALISASI ZONA INTEGRITAS\nTanjung Kelayang, 3 Maret 2026",
        f"Peserta dari masyarakat:\n{rows}\nNo. HP koordinator: 0812-3456-7890",
        f"Mengetahui,\nKepala Kantor\nNIP {NIP}",
    ]


def test_niks_on_their_page_with_severity_and_masked(make_repo, fabricate, indexed_repo, run_cli, tmp_path):
    root = make_repo()
    fabricate.make_pdf(root / DAFTAR, daftar_hadir_pages())
    fabricate.make_pdf(root / "Lain-lain/SK Tim.pdf", [f"KEPUTUSAN\nNOMOR W.31-IMI.5-OT.02.01-0012\nNIP {NIP}"])
    repo = indexed_repo(root)
    personal = [f for f in collect_findings(repo) if f.code.startswith("personal_")]
    by_code = {(f.code, f.path): f for f in personal}

    nik = by_code[("personal_nik", DAFTAR)]
    assert (nik.severity, nik.page, nik.question) == ("error", 2, "A.I.1.i.a")
    assert "3 NIK" in nik.message and "************0001" in nik.message
    phone = by_code[("personal_phone", DAFTAR)]
    assert (phone.severity, phone.page) == ("warning", 2)
    nip = by_code[("personal_nip", DAFTAR)]
    assert (nip.severity, nip.page) == ("info", 3)
    assert by_code[("personal_nip", "Lain-lain/SK Tim.pdf")].severity == "info"
    assert {f.code for f in personal} == {"personal_nik", "personal_phone", "personal_nip"}

    # never in full: not in a finding, not in any report format, not in `check`
    shown = [json.dumps([f.__dict__ for f in personal])]
    for suffix in ("json", "html", "md"):
        out = tmp_path / f"laporan.{suffix}"
        run_cli("report", "-C", root, "-o", out, "-q")
        shown.append(out.read_text(encoding="utf-8"))
    json_report = json.loads(shown[1])
    assert any(f["code"] == "personal_nik" and f["page"] == 2 for f in json_report["findings"])
    for text in shown:
        for number in (*NIKS, NIP, "081234567890", "0812-3456-7890"):
            assert number not in text


def test_no_false_positive_on_sample_repo(sample_copy, tmp_path):
    """sample_repo/ has SK numbers, dates, office phone numbers and NIPs, but no citizen's personal data."""
    from zi_evidence.repository import Repository

    root = sample_copy(tmp_path / "sample")
    personal = [f for f in collect_findings(Repository.open(root)) if f.code.startswith("personal_")]
    assert personal, "the SKs' NIPs are reported as info"
    assert {f.code for f in personal} == {"personal_nip"}
    assert {f.severity for f in personal} == {"info"}


# --- the scan as a file check: the same findings from the cache as from a fresh scan, the cache masked too ---


def personal(findings):
    return [f for f in findings if f.code.startswith("personal_")]


def test_cached_findings_equal_a_fresh_scan_and_stay_masked(make_repo, fabricate, indexed_repo):
    root = make_repo()
    fabricate.make_pdf(root / DAFTAR, daftar_hadir_pages())
    fabricate.make_pdf(root / "Lain-lain/Salinan Daftar Hadir.pdf", daftar_hadir_pages())  # same content
    fabricate.make_pdf(root / "Lain-lain/SK Tim.pdf", [f"KEPUTUSAN\nNOMOR W.31-IMI.5-OT.02.01-0012\nNIP {NIP}"])
    repo = indexed_repo(root)

    fresh = personal(run_checks(repo.host, build_context(repo), None))
    with ResultCache(repo.state_dir / RESULTS_NAME) as cache:
        assert cache.count("personal_data") == 0  # no cache given: the scan kept nothing
    first = personal(collect_findings(repo))
    with ResultCache(repo.state_dir / RESULTS_NAME) as cache:
        assert cache.count("personal_data") == 2  # one row per distinct text: the copy shares its original's
    second = personal(collect_findings(repo))
    assert fresh == first == second
    assert {(f.code, f.page) for f in second if f.path == DAFTAR} == {
        ("personal_nik", 2),
        ("personal_phone", 2),
        ("personal_nip", 3),
    }
    stored = b"".join(p.read_bytes() for p in repo.state_dir.glob(RESULTS_NAME + "*"))
    shown = repr([f.__dict__ for f in second])
    for number in (*NIKS, NIP, "081234567890", "0812-3456-7890"):
        assert number.encode() not in stored
        assert number not in shown
    assert b"************0001" in stored


def test_no_false_positive_from_the_cache_on_sample_repo(sample_copy, tmp_path):
    from zi_evidence.repository import Repository

    repo = Repository.open(sample_copy(tmp_path / "sample"))
    fresh = personal(run_checks(repo.host, build_context(repo), None))
    collect_findings(repo)
    assert personal(collect_findings(repo)) == fresh
    assert {f.code for f in fresh} == {"personal_nip"}
