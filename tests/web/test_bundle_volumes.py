"""The bundle preview's size line: the evidence's total and how many volumes a size limit would need,
checked against a real split build of the same drive."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from zi_evidence.cli import cli
from zi_evidence.web import create_app

ROOT = Path(__file__).resolve().parents[2]


def _drive(tmp_path: Path, indexed_repo, limit_mb: float | None) -> Path:
    root = tmp_path / "drive"
    shutil.copytree(ROOT / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence"))
    if limit_mb is not None:
        config = root / "zi-evidence.yaml"
        # without conversion the preview knows every member's size; a converted PDF's is known only once made
        config.write_text(config.read_text() + f"bundle:\n  max_bundle_mb: {limit_mb}\n  convert: false\n")
    indexed_repo(root)
    return root


def test_preview_without_a_limit_says_one_zip(tmp_path, indexed_repo):
    root = _drive(tmp_path, indexed_repo, None)
    client = TestClient(create_app(root))
    data = client.get("/api/bundel").json()
    assert data["volumes"] == {"count": 1, "max_bytes": None, "split": False}
    assert data["evidence_bytes"] >= sum(f["size"] for f in data["included"]) > 0
    assert "Tidak ada batas ukuran bundel" in client.get("/bundel").text


def test_preview_volume_count_matches_a_split_build(tmp_path, indexed_repo):
    root = _drive(tmp_path, indexed_repo, 0.3)
    client = TestClient(create_app(root))
    data = client.get("/api/bundel").json()
    assert data["volumes"]["max_bytes"] == int(0.3 * 1024 * 1024)
    assert data["volumes"]["count"] >= 2
    page = client.get("/bundel").text
    assert f"perlu sekitar {data['volumes']['count']} jilid" in page and "--split" in page

    out = tmp_path / "keluar" / "bundel.zip"
    result = CliRunner().invoke(cli, ["bundle", "build", str(root), "-o", str(out), "--split", "-q"])
    assert result.exit_code == 0, result.output
    volumes = sorted(out.parent.glob("bundel-*.zip"))
    # the preview reserves room for letters and manifest by estimate; the build measures them
    assert abs(len(volumes) - data["volumes"]["count"]) <= 1
    for volume in volumes:
        assert volume.stat().st_size <= data["volumes"]["max_bytes"]
        assert zipfile.ZipFile(volume).testzip() is None


def test_preview_shows_photos_going_in_as_pdf_like_the_build(tmp_path, indexed_repo):
    root = _drive(tmp_path, indexed_repo, None)
    included = TestClient(create_app(root)).get("/api/bundel").json()["included"]
    photos = [f for f in included if f["path"].lower().endswith((".jpg", ".png"))]
    assert photos, "sample_repo's photos are converted to PDF, so the preview lists them as going in"
    assert all(f["bundle_path"].endswith(".pdf") for f in photos)


def test_preview_says_the_missing_letter_fields_once(tmp_path, indexed_repo):
    root = _drive(tmp_path, indexed_repo, None)
    page = TestClient(create_app(root)).get("/bundel").text
    assert page.count("Isian surat yang masih kosong") == 1
    warning = page.split('<p class="warning">', 1)[1].split("</p>", 1)[0]
    assert not warning.endswith("..") and "zi-evidence.yaml: Isian" not in warning


def test_preview_size_reads_like_the_bundle_command(tmp_path, indexed_repo):
    """Without conversion the preview's evidence size is the files' own; it prints as 'bundle' does (MB, comma)."""
    import re

    from zi_evidence.bundle import fmt_mb

    root = _drive(tmp_path, indexed_repo, 0.3)
    client = TestClient(create_app(root))
    data = client.get("/api/bundel").json()
    line = client.get("/bundel").text.split('id="bundle-size">', 1)[1].split("</p>", 1)[0]
    assert fmt_mb(data["evidence_bytes"]) in line and fmt_mb(data["volumes"]["max_bytes"]) in line
    assert re.search(r"\d+,\d\d MB", line) and not re.search(r"\d+,\d (?:MB|KB)", line)
    out = tmp_path / "keluar" / "bundel.zip"
    result = CliRunner().invoke(cli, ["bundle", "build", str(root), "-o", str(out), "--split"])
    said = re.search(r"berkas data dukung, (\d+,\d\d MB)", result.output)
    assert said is not None, result.output


def test_preview_size_says_converted_files_are_counted_from_their_sources(tmp_path, indexed_repo):
    root = _drive(tmp_path, indexed_repo, None)
    client = TestClient(create_app(root))
    assert client.get("/api/bundel").json()["converts"] is True
    line = client.get("/bundel").text.split('id="bundle-size">', 1)[1].split("</p>", 1)[0]
    assert "dihitung dari berkas sumber" in line
