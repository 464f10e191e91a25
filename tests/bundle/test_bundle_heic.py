"""A phone's HEIC photo goes into the bundle as a PDF, as JPEG and PNG photos do."""

import json
import zipfile

import pikepdf
from click.testing import CliRunner

from zi_evidence.cli import cli

PHOTO = "PEMENUHAN/AREA I/iv. Perubahan Pola Pikir/1.iv.a Role Model Apel Pagi.HEIC"


def test_heic_photo_is_converted_to_pdf(make_repo, fabricate, indexed_repo, tmp_path):
    root = make_repo()
    fabricate.make_heic(root / PHOTO, "Apel pagi role model")
    indexed_repo(root)
    out = tmp_path / "bundel.zip"
    result = CliRunner().invoke(cli, ["bundle", str(root), "-o", str(out), "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "HEIC" not in result.output and "LAINNYA" not in result.output
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        made = [f for f in manifest["files"] if f.get("converted_from")]
        assert len(made) == 1, manifest["files"]
        assert made[0]["converted_from"]["sources"][0]["original_path"] == PHOTO
        member = made[0]["bundle_path"]
        assert member.endswith(".pdf")
        with pikepdf.open(archive.open(member)) as pdf:
            assert len(pdf.pages) == 1
