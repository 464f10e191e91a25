"""An edited zi-evidence.yaml shows on the next page, without restarting the server; a broken one is
reported on the page in Bahasa Indonesia and the server keeps serving once it is fixed."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_edited_config_shows_on_the_next_request(tmp_path, indexed_repo):
    from starlette.testclient import TestClient

    from zi_evidence.web import create_app

    root = tmp_path / "drive"
    shutil.copytree(ROOT / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence"))
    indexed_repo(root)
    config = root / "zi-evidence.yaml"
    original = config.read_text(encoding="utf-8")
    with TestClient(create_app(root), raise_server_exceptions=False) as client:
        assert "Tanjung Kelayang" in client.get("/").text
        config.write_text(original.replace("Tanjung Kelayang", "Tanjung Pandan Baru"), encoding="utf-8")
        page = client.get("/").text
        assert "Tanjung Pandan Baru" in page and "Tanjung Kelayang" not in page

        config.write_text(original.replace("ruleset: permenpanrb-90-2021", "ruleset: [tidak, valid"), encoding="utf-8")
        broken = client.get("/")
        assert broken.status_code == 500
        assert "zi-evidence.yaml" in broken.text and "Traceback" not in broken.text

        config.write_text(original, encoding="utf-8")
        assert "Tanjung Kelayang" in client.get("/").text
