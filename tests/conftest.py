"""Shared fixtures: a fresh plugin host per test, evidence repositories in tmp_path, tree fingerprints."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for scripts.fabricate

CONFIG = """schema_version: 1
ruleset: {ruleset}
unit:
  name: Unit Uji
  institution: Kementerian Uji
year: 2026
target: WBK
"""


@pytest.fixture
def make_repo(tmp_path):
    """An empty evidence repository (config only) for a rule set; returns its root."""

    def make(name: str = "drive", ruleset: str = "permenpanrb-90-2021", extra: str = "") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        (root / "zi-evidence.yaml").write_text(CONFIG.format(ruleset=ruleset) + extra, encoding="utf-8")
        return root

    return make


def tree_fingerprint(root: Path, skip: str = ".zi-evidence") -> dict[str, tuple[str, int, int]]:
    """sha256, mtime and mode of every file below ``root`` (the state folder excepted)."""
    result = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != skip]
        for name in files:
            path = Path(folder, name)
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
            result[str(path.relative_to(root))] = (digest, info.st_mtime_ns, info.st_mode)
    return result
