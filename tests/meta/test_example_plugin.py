"""The example plugin of docs/writing-plugins.md, installed for real: its entry point is found, it is
listed by ``zi-evidence plugins``, and ``index`` + ``search`` find the text it parsed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "zi-evidence-example"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    # built from a copy: setuptools writes build/ and egg-info beside the sources
    source = shutil.copytree(EXAMPLE, tmp_path_factory.mktemp("source") / EXAMPLE.name)
    # a real install, built like any distribution (as test_wheel does), kept out of this environment
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(source)],
        check=True,
        capture_output=True,
        cwd=target,
    )
    return target


def zi(site: Path, *args: str, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("ZI_EVIDENCE_LOAD_PLUGINS", None)
    done = subprocess.run(
        [sys.executable, "-m", "zi_evidence", *args], env=env, cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_installed_example_is_listed_by_the_plugins_command(site, tmp_path):
    rows = {row["name"]: row for row in json.loads(zi(site, "plugins", "--json", cwd=tmp_path))}
    assert rows["json"]["error"] is None
    assert rows["json"]["version"] == "0.1.0" and rows["json"]["hooks"] == ["register_parsers"]


def test_index_and_search_find_text_the_example_parsed(site, make_repo):
    root = make_repo()
    folder = root / "PEMENUHAN"
    folder.mkdir()
    (folder / "survei-kepuasan.json").write_text(
        json.dumps({"unit": "KPP Pratama", "catatan": ["antrean terkendali", "loket ramah"]}), encoding="utf-8"
    )
    zi(site, "index", str(root), "-q", cwd=root)
    found = json.loads(zi(site, "search", "terkendali", "--json", cwd=root))
    assert [hit["path"] for hit in found["hits"]] == ["PEMENUHAN/survei-kepuasan.json"]


def test_the_examples_own_tests_pass_against_the_installed_plugin(site):
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}  # nothing written beside it
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        env=env,
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
