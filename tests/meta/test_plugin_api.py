"""Plugins use one public API: ``from zi_evidence import …`` (and ``zi_evidence.hookspecs``), never the
core's inner modules, so the core can move its files without breaking a plugin."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import zi_evidence

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"zi_evidence", "zi_evidence.hookspecs"}


def _core_imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            if node.module == "zi_evidence":  # ``from zi_evidence import usercache`` is a module too
                found += [
                    (node.lineno, f"zi_evidence.{a.name}") for a in node.names if a.name not in zi_evidence.__all__
                ]
    return [(line, name) for line, name in found if name == "zi_evidence" or name.startswith("zi_evidence.")]


def test_plugins_import_only_the_public_api():
    files = sorted((ROOT / "plugins").rglob("*.py"))
    assert files
    wrong = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path in files
        for line, name in _core_imports(path)
        if name not in ALLOWED
    ]
    assert wrong == []


def test_every_exported_name_resolves():
    assert zi_evidence.__all__ == sorted(zi_evidence.__all__)
    for name in zi_evidence.__all__:
        assert getattr(zi_evidence, name) is not None, name


def test_the_type_checking_block_lists_exactly_the_exported_names():
    """The one hand-written list is the TYPE_CHECKING block; ``_HOMES`` must say the same."""
    tree = ast.parse((ROOT / "zi_evidence" / "__init__.py").read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    imported = {
        (node.module.removeprefix("zi_evidence."), alias.name, alias.asname or alias.name)
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    homes = {(module, attribute, name) for name, (module, attribute) in zi_evidence._HOME_OF.items()}
    assert imported == homes


def test_importing_the_package_stays_light():
    probe = (
        "import json, sys, zi_evidence\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'zi_evidence')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == '["zi_evidence"]'
