"""The built wheel, installed in a fresh virtual environment, brings every built-in plugin along.

This proves the built-ins load through entry points exactly like a third-party plugin: the
core imports none of them, and nothing depends on running from the source tree.
"""

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

BUILT_INS = {"pdf", "pdfium", "docx", "xlsx", "text", "image", "rulesets", "whoosh", "tantivy"}


@pytest.mark.slow
def test_wheel_in_fresh_venv_lists_builtin_plugins(tmp_path, switched_off_engines):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("zi_evidence-*.whl")
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, cwd=tmp_path)
    # run outside the source tree so nothing can be imported from it by accident
    listed = subprocess.run(
        [str(env_dir / "bin" / "zi-evidence"), "plugins", "--json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    rows = {row["name"]: row for row in json.loads(listed.stdout)}
    assert BUILT_INS <= set(rows)
    errors = {name: rows[name]["error"] for name in BUILT_INS if rows[name]["error"]}
    assert errors == dict.fromkeys(switched_off_engines, "dinonaktifkan"), rows
    located = subprocess.run(
        [str(python), "-c", "import zi_evidence as z, zi_evidence_pdf as p; print(z.__file__, p.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert str(env_dir) in located.stdout and str(ROOT) not in located.stdout
    shown = subprocess.run(
        [str(env_dir / "bin" / "zi-evidence"), "rulesets", "list"], check=True, capture_output=True, text=True
    )
    assert "permenpanrb-90-2021" in shown.stdout


def test_core_imports_no_builtin_plugin():
    """The core package never names a built-in plugin module (they are found only via entry points)."""
    offenders = []
    for path in (ROOT / "zi_evidence").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for plugin in BUILT_INS:
            if f"zi_evidence_{plugin}" in text:
                offenders.append(f"{path.relative_to(ROOT)} → zi_evidence_{plugin}")
    assert offenders == []


def test_every_package_in_the_tree_is_declared_for_the_wheel():
    import tomllib

    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = set()
    for init in [*(ROOT / "zi_evidence").rglob("__init__.py"), *(ROOT / "plugins").glob("*/__init__.py")]:
        relative = init.parent.relative_to(ROOT)
        parts = relative.parts[1:] if relative.parts[0] == "plugins" else relative.parts
        found.add(".".join(parts))
    assert found - declared == set(), "packages missing from [tool.setuptools] packages"
