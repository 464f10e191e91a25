"""``zi-evidence answers template|check|export|import`` over real files in a repository."""

from __future__ import annotations

import json

import yaml


def test_template_is_written_once_unless_forced(make_repo, run_cli):
    root = make_repo()
    result = run_cli("answers", "template", "--repo", str(root))
    assert result.exit_code == 0, result.output
    path = root / "jawaban-lke.yaml"
    assert "110 pertanyaan" in result.output and path.is_file()
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["ruleset"] == "permenpanrb-90-2021"
    path.write_text(path.read_text(encoding="utf-8").replace("jenis_instansi:", "jenis_instansi: kl", 1), "utf-8")
    again = run_cli("answers", "template", "--repo", str(root))
    assert again.exit_code == 1 and "--force" in again.output
    assert "jenis_instansi: kl" in path.read_text(encoding="utf-8")  # the team's file is untouched
    assert run_cli("answers", "template", "--repo", str(root), "--force").exit_code == 0
    assert "jenis_instansi: kl" not in path.read_text(encoding="utf-8")


def test_template_to_stdout_or_for_another_ruleset_without_a_repository(tmp_path, run_cli):
    shown = run_cli("answers", "template", "--ruleset", "permenpanrb-10-2019", "-o", "-")
    assert shown.exit_code == 0 and "ruleset: permenpanrb-10-2019" in shown.output
    target = tmp_path / "kumham.yaml"
    written = run_cli("answers", "template", "--ruleset", "permenkumham-29-2019", "-o", str(target))
    assert written.exit_code == 0 and "81 pertanyaan" in written.output and target.is_file()


def test_template_for_another_ruleset_never_lands_in_an_evidence_tree(make_repo, run_cli, tree_fingerprint):
    root = make_repo()
    (root / "PEMENUHAN").mkdir(exist_ok=True)
    before = tree_fingerprint(root)
    inside = root / "PEMENUHAN" / "kumham.yaml"
    refused = run_cli("answers", "template", "--ruleset", "permenkumham-29-2019", "-o", str(inside))
    assert refused.exit_code != 0 and not inside.exists()
    assert "kumham.yaml" in refused.output and "Traceback" not in refused.output
    assert tree_fingerprint(root) == before
    beside = root / "jawaban-lke.yaml"  # the one answers file a repository keeps at its root
    assert run_cli("answers", "template", "--ruleset", "permenkumham-29-2019", "-o", str(beside)).exit_code == 0


def test_check_validates_and_shows_the_claimed_score(make_repo, run_cli):
    root = make_repo()
    path = root / "jawaban-lke.yaml"
    path.write_text("jawaban:\n  A.I.1.i.a: Ya\n  A.I.1.i.b: A\nhasil:\n  ipak: 4\n", encoding="utf-8")
    result = run_cli("answers", "check", "--repo", str(root))
    assert result.exit_code == 0, result.output
    # A.I.1.i: 0,50 × (1 + 1)/2 = 0,50; IPAK 4/4 × 17,5 = 17,50
    assert "2 dari 110 pertanyaan dijawab" in result.output
    assert "pengungkit 0,50 + hasil 17,50 = 18,00" in result.output
    data = json.loads(run_cli("answers", "check", "--repo", str(root), "--json").output)
    assert data["total"] == 18.0 and data["dijawab"] == 2 and "A.I.1.ii.a" in data["belum_dijawab"]
    path.write_text("jawaban:\n  A.I.1.i.b: D\n", encoding="utf-8")
    bad = run_cli("answers", "check", "--repo", str(root))
    assert bad.exit_code == 1 and "pertanyaan A.I.1.i.b (A/B/C): jawaban 'D' tidak diizinkan" in bad.output
    missing = run_cli("answers", "check", "--repo", str(root), "--answers", str(root / "lain.yaml"))
    assert missing.exit_code == 1 and "answers template" in missing.output


def test_export_and_import_round_trip(make_repo, tmp_path, run_cli):
    root = make_repo(ruleset="permenpanrb-10-2019")
    answers = root / "jawaban-lke.yaml"
    answers.write_text(
        "jawaban:\n  A.1.1.a: {jawaban: Ya, catatan: SK tim}\n  A.1.3.a: B\nhasil: {ipak: 3.7, tlhp: 100}\n"
        "prasyarat: {opini_bpk: WDP}\n",
        encoding="utf-8",
    )
    workbook = tmp_path / "LKE.xlsx"
    exported = run_cli("answers", "export", "--repo", str(root), "-o", str(workbook))
    assert exported.exit_code == 0 and workbook.is_file()
    assert run_cli("answers", "export", "--repo", str(root), "-o", str(workbook)).exit_code == 1  # no overwrite
    refused = run_cli("answers", "import", str(workbook), "--repo", str(root))
    assert refused.exit_code == 1 and "--force" in refused.output
    out = tmp_path / "dari-excel.yaml"
    imported = run_cli("answers", "import", str(workbook), "--repo", str(root), "-o", str(out))
    assert imported.exit_code == 0 and "2 jawaban" in imported.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["jawaban"]["A.1.1.a"] == {"jawaban": "Ya", "catatan": "SK tim"}
    assert data["jawaban"]["A.1.3.a"]["jawaban"] == "B"
    assert data["hasil"] == {"ipak": 3.7, "tlhp": 100, "ipkp": None}
    assert data["prasyarat"]["opini_bpk"] == "WDP"
    assert run_cli("answers", "check", "--repo", str(root), "--answers", str(out)).exit_code == 0
