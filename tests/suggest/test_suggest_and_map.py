"""Mapping suggestions from content, and accepting one with ``zi-evidence map`` (zi-evidence.yaml only)."""

import json

import openpyxl

from zi_evidence.repository import Repository
from zi_evidence.suggest import map_command, suggest
from zi_evidence.suggest.accept import add_mapping_rule, escape_glob
from zi_evidence.validation.findings import build_context

AREA1 = "PEMENUHAN/AREA I - Manajemen Perubahan"
SCAN = "Scan/scan0001.pdf"
COMMENTED = "# tim ZI mengisi ini\nunit:\n  name: Unit Uji   # nama resmi\n"


def sk_tim_zi(number="W.31-0012"):
    return [
        f"KEPUTUSAN KEPALA KANTOR IMIGRASI\nNOMOR {number} TAHUN 2026\nTENTANG\n"
        "PEMBENTUKAN TIM KERJA PEMBANGUNAN ZONA INTEGRITAS\nMENUJU WILAYAH BEBAS DARI KORUPSI\n\nMenimbang : a. bahwa",
        "MEMUTUSKAN\nMenetapkan : Membentuk Tim Kerja Pembangunan Zona Integritas\nDitetapkan di Tanjung Kelayang",
    ]


def drive(make_repo, fabricate, extra=""):
    root = make_repo(extra=extra)
    fabricate.make_pdf(root / SCAN, sk_tim_zi())
    fabricate.make_pdf(
        root / "Arsip Lama/dokumen 7.pdf",
        ["LAPORAN MONITORING DAN EVALUASI PEMBANGUNAN ZONA INTEGRITAS\nBULAN MARET 2026\nRealisasi rencana aksi"],
    )
    fabricate.make_pdf(
        root / f"{AREA1}/ii. Rencana Pembangunan Zona Integritas/1.ii.a Rencana Kerja ZI 2026.pdf",
        ["RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026\nKegiatan, target, waktu, penanggung jawab"],
    )
    fabricate.make_docx(root / "Arsip Lama/catatan.docx", ["Catatan belanja alat tulis kantor"])
    return root


def fingerprint_without_config(tree_fingerprint, root):
    return {k: v for k, v in tree_fingerprint(root).items() if k != "zi-evidence.yaml"}


def test_the_top_suggestion_for_an_unmapped_sk_is_its_question(make_repo, fabricate, indexed_repo):
    repo = indexed_repo(drive(make_repo, fabricate))
    found = {s.path: s for s in suggest(build_context(repo))}
    sk = found[SCAN]
    assert sk.mapping_status == "unmapped" and sk.guesses[0].question == "A.I.1.i.a"
    assert any("tim" in r and "zona" in r for r in sk.guesses[0].reasons)
    assert sk.command == f'zi-evidence map "{SCAN}" A.I.1.i.a'
    # a monev report next to a mapped rencana kerja: both share "rencana … pembangunan zona integritas"
    assert "A.I.1.iii.b" in [g.question for g in found["Arsip Lama/dokumen 7.pdf"].guesses]
    assert [g.score for g in sk.guesses] == sorted((g.score for g in sk.guesses), reverse=True)


def test_status_and_report_show_them(make_repo, fabricate, indexed_repo, run_cli, tmp_path):
    root = drive(make_repo, fabricate)
    indexed_repo(root)
    status = run_cli("status", "-C", root)
    assert "Saran pemetaan" in status.output and f'zi-evidence map "{SCAN}" A.I.1.i.a' in status.output
    as_json = json.loads(run_cli("status", "-C", root, "--json").output)
    assert any(s["path"] == SCAN and s["guesses"][0]["question"] == "A.I.1.i.a" for s in as_json["suggestions"])
    for suffix in ("json", "md", "html", "xlsx"):
        run_cli("report", "-C", root, "-o", tmp_path / f"r.{suffix}", "-q")  # the JSON is checked by its schema
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["suggestions"][0]["guesses"][0]["reasons"]
    assert "Saran pemetaan" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Saran pemetaan" in (tmp_path / "r.html").read_text(encoding="utf-8")
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["Saran Pemetaan"].iter_rows(values_only=True))
    sk = [row for row in rows if row[0] == SCAN]
    assert sk[0][1] == "A.I.1.i.a" and "zona" in sk[0][4] and sk[0][5] == f'zi-evidence map "{SCAN}" A.I.1.i.a'
    assert [row[3] for row in sk] == sorted((row[3] for row in sk), reverse=True)


def test_a_name_a_shell_would_expand_is_quoted_in_every_command_shown(
    make_repo, fabricate, indexed_repo, run_cli, tmp_path
):
    root = drive(make_repo, fabricate)
    hostile = "Scan/$(touch DIRETAS).pdf"
    fabricate.make_pdf(root / hostile, sk_tim_zi("W.31-0099"))
    indexed_repo(root)
    safe = "zi-evidence map 'Scan/$(touch DIRETAS).pdf'"
    assert map_command(hostile, "A.I.1.i.a").startswith(safe)
    run_cli("report", "-C", root, "-o", tmp_path / "r.xlsx", "-q")
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["Saran Pemetaan"].iter_rows(values_only=True))
    commands = [row[5] for row in rows if row[0] == hostile]
    assert commands and all(command.startswith(safe) for command in commands)
    bundled = run_cli("bundle", str(root), "-o", str(tmp_path / "b.zip"), "-q", "--izinkan-data-pribadi")
    assert f"{safe} ID-PERTANYAAN" in bundled.output and '"Scan/$(touch' not in bundled.output


def test_map_adds_a_rule_keeps_the_config_and_the_next_index_maps(
    make_repo, fabricate, indexed_repo, run_cli, tree_fingerprint, monkeypatch
):
    root = drive(make_repo, fabricate, extra="# catatan tim: jangan hapus\n")
    indexed_repo(root)
    config = root / "zi-evidence.yaml"
    before_text = config.read_text(encoding="utf-8")
    before = fingerprint_without_config(tree_fingerprint, root)
    monkeypatch.chdir(root)  # the path as status shows it
    result = run_cli("map", SCAN, "a.i.1.i.a")
    assert result.exit_code == 0, result.output
    assert "tidak dipindah" in result.output
    after_text = config.read_text(encoding="utf-8")
    assert after_text.startswith(before_text)  # every byte the team wrote stays
    assert after_text[len(before_text) :] == "mapping:\n  - path: 'Scan/scan0001.pdf'\n    id: 'A.I.1.i.a'\n"
    again = run_cli("map", SCAN, "A.I.1.i.a")
    assert "sudah ada" in again.output and config.read_text(encoding="utf-8") == after_text
    log = json.loads(run_cli("audit", "log", "--json").output)
    accepted = [e for e in log if e["action"] == "map_accept"]
    assert len(accepted) == 1, "the repeated map changed nothing, so it logged nothing"
    assert accepted[0]["actor"].startswith("cli") and accepted[0]["question_id"] == "A.I.1.i.a"
    assert accepted[0]["detail"] == {"path": SCAN, "channel": "cli", "note": f"berkas {SCAN}"}
    repo = indexed_repo(root)
    with repo.catalog() as catalog:
        record = next(r for r in catalog.records() if r.display == SCAN)
    assert (record.target_id, record.mapping_status) == ("A.I.1.i.a", "question")
    assert SCAN not in {s.path for s in suggest(build_context(Repository.open(root)))}
    assert fingerprint_without_config(tree_fingerprint, root) == before  # no evidence byte changed


def test_rule_goes_first_in_an_existing_mapping_with_comments(make_repo, fabricate, indexed_repo, run_cli):
    extra = "mapping:   # aturan tim\n  # yang lama\n  - path: 'Scan/*'\n    id: A.I.1.ii.a\n"
    root = drive(make_repo, fabricate, extra=extra)
    indexed_repo(root)
    result = run_cli("map", root / SCAN, "A.I.1.i.a")
    assert result.exit_code == 0, result.output
    text = (root / "zi-evidence.yaml").read_text(encoding="utf-8")
    assert "mapping:   # aturan tim\n  - path: 'Scan/scan0001.pdf'\n    id: 'A.I.1.i.a'\n  # yang lama\n" in text
    repo = indexed_repo(root)
    with repo.catalog() as catalog:
        assert {r.display: r.target_id for r in catalog.records()}[SCAN] == "A.I.1.i.a"  # before the broad glob


def test_unsafe_or_wrong_requests_change_nothing(make_repo, fabricate, indexed_repo, run_cli, tmp_path):
    root = drive(make_repo, fabricate, extra="mapping: [{path: 'x/*', id: A.I.1.i.b}]\n")
    indexed_repo(root)
    config = root / "zi-evidence.yaml"
    before = config.read_bytes()
    flow = run_cli("map", root / SCAN, "A.I.1.i.a")
    assert flow.exit_code == 1 and "tidak dapat ditambahkan dengan aman" in flow.output
    unknown = run_cli("map", root / SCAN, "A.I.9.x")
    assert unknown.exit_code == 1 and "tidak ada di aturan penilaian" in unknown.output
    outside = tmp_path / "luar.pdf"
    fabricate.make_pdf(outside, ["x"])
    assert "di luar repositori" in run_cli("map", outside, "A.I.1.i.a", "-C", root).output
    assert config.read_bytes() == before
    log = json.loads(run_cli("audit", "log", "--json", "-C", root).output)
    assert not [e for e in log if e["action"] == "map_accept"], "a refused write leaves no audit row"


def test_glob_characters_in_a_name_match_that_file_only(make_repo, fabricate, indexed_repo):
    root = make_repo()
    for name in ("Scan/[draft] scan*.pdf", "Scan/d scan1.pdf"):
        fabricate.make_pdf(root / name, sk_tim_zi())
    add_mapping_rule(root / "zi-evidence.yaml", "Scan/[draft] scan*.pdf", "A.I.1.i.a")
    assert escape_glob("a[1]*?.pdf") == "a[[]1][*][?].pdf"
    repo = indexed_repo(root)
    with repo.catalog() as catalog:
        mapped = {r.display: r.target_id for r in catalog.records()}
    assert mapped == {"Scan/[draft] scan*.pdf": "A.I.1.i.a", "Scan/d scan1.pdf": None}


def test_empty_flow_mapping_becomes_a_block(make_repo, tmp_path):
    root = make_repo(extra="mapping: []  # belum ada\nbundle:\n  types: [pdf]\n")
    add_mapping_rule(root / "zi-evidence.yaml", "a.pdf", "A.I.1.i.a")
    text = (root / "zi-evidence.yaml").read_text(encoding="utf-8")
    assert "mapping:\n  - path: 'a.pdf'\n    id: 'A.I.1.i.a'\nbundle:\n  types: [pdf]\n" in text
    assert COMMENTED not in text


def test_what_to_do_about_an_unmapped_file_is_map_not_a_move(make_repo, fabricate, indexed_repo, run_cli, tmp_path):
    root = drive(make_repo, fabricate)
    indexed_repo(root)
    result = run_cli("bundle", root, "-o", tmp_path / "bundel.zip", "-q")
    assert result.exit_code == 0, result.output
    assert f'zi-evidence map "{SCAN}" ID-PERTANYAAN' in result.output and "tanpa memindahkan" in result.output


def test_an_indicator_level_file_gets_only_its_indicators_questions(make_repo, fabricate, indexed_repo, run_cli):
    """A rencana kerja left in the indicator folder: which of A.I.1.ii's questions; never another indicator's,
    even though its words would rank A.I.1.i.a (the team SK it cites) high."""
    root = make_repo()
    path = f"{AREA1}/ii. Rencana Pembangunan Zona Integritas/Rencana Kerja ZI 2026.pdf"
    fabricate.make_pdf(
        root / path,
        [
            "RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS TAHUN 2026\nKegiatan, target prioritas, waktu, penanggung "
            "jawab\nDisusun oleh Tim Kerja Pembangunan Zona Integritas sesuai Keputusan pembentukan tim"
        ],
    )
    repo = indexed_repo(root)
    [found] = [s for s in suggest(build_context(repo)) if s.path == path]
    assert (found.mapping_status, found.current) == ("indicator", "A.I.1.ii")
    assert found.guesses and all(g.question.startswith("A.I.1.ii.") for g in found.guesses)
    assert found.guesses[0].question == "A.I.1.ii.a"
    assert any("indikator A.I.1.ii" in r for r in found.guesses[0].reasons)
    status = run_cli("status", "-C", root).output
    assert f'zi-evidence map "{path}" A.I.1.ii.a' in status
