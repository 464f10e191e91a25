"""The ``bundle`` command group: build (default), verify and diff, on real files."""

import json
import shutil

from click.testing import CliRunner

from zi_evidence.cli import cli


def test_build_verify_and_diff_from_the_command_line(make_repo, tmp_path, indexed_repo, make_drive, rewrite_zip):
    root = make_drive(make_repo)
    indexed_repo(root)
    runner = CliRunner()
    out = tmp_path / "bundel.zip"
    result = runner.invoke(
        cli, ["bundle", str(root), "-o", str(out), "--types", "pdf,docx", "--no-convert", "-q"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "Bundel ditulis" in result.output and "--include-problems" in result.output
    assert "Foto Sosialisasi.jpg" in result.output  # refused type, named with what to do
    again = tmp_path / "lagi.zip"
    result = runner.invoke(
        cli,
        ["bundle", "build", str(root), "-o", str(again), "--types", "pdf,docx", "--no-convert", "--json"],
        catch_exceptions=False,
    )
    data = json.loads(result.output)
    assert data["files"] == 6 and out.read_bytes() == again.read_bytes()
    assert runner.invoke(cli, ["bundle", "verify", str(out)]).exit_code == 0
    broken = tmp_path / "rusak.zip"
    rewrite_zip(out, broken, lambda name, data: None if name.endswith(".docx") and "DATA-DUKUNG" in name else data)
    failed = runner.invoke(cli, ["bundle", "verify", str(out), str(broken)])
    assert failed.exit_code == 1 and "TIDAK UTUH" in failed.output and "Hilang" in failed.output
    diff = runner.invoke(cli, ["bundle", "diff", str(out), str(again)], catch_exceptions=False)
    assert "Tidak ada perbedaan" in diff.output


def test_errors_are_clear_messages(make_repo, tmp_path, indexed_repo, make_drive):
    root = make_drive(make_repo)
    indexed_repo(root)
    runner = CliRunner()
    result = runner.invoke(cli, ["bundle", str(root), "-o", str(tmp_path / "a.zip"), "--types", "exe"])
    assert result.exit_code == 1 and "Jenis berkas tidak dikenal" in result.output
    result = runner.invoke(cli, ["bundle", str(root), "-o", str(tmp_path / "a.zip"), "--max-bundle-mb", "0.05"])
    assert result.exit_code == 1 and "--split" in result.output and not (tmp_path / "a.zip").exists()


def test_config_sets_the_defaults(make_repo, tmp_path, indexed_repo, make_drive):
    root = make_drive(make_repo)
    config = root / "zi-evidence.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "bundle:\n  types: [pdf, jpg]\n  max_file_mb: 1\n  convert: false\n",
        encoding="utf-8",
    )
    indexed_repo(root)
    result = CliRunner().invoke(
        cli, ["bundle", str(root), "-o", str(tmp_path / "a.zip"), "--json"], catch_exceptions=False
    )
    data = json.loads(result.output)
    codes = {e["original_path"].rsplit("/", 1)[-1]: e["code"] for e in data["exclusions"]}
    assert codes["1.i.a Notulen Rapat.docx"] == "type_not_allowed" and "1.ii.c Foto Sosialisasi.jpg" not in codes
    shutil.rmtree(tmp_path / "a.zip", ignore_errors=True)
