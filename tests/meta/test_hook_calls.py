"""Hooks are called in one place, ``zi_evidence/plugins.py``: everywhere else asks ``PluginHost``'s typed
methods, so pluggy's order, ``argnames`` and per-plugin failure handling are written once."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "zi_evidence" / "plugins.py"


def _hook_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in ("hook", "get_hookimpls", "contributions"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    return found


def test_hooks_are_called_only_from_the_plugin_host():
    files = [*sorted((ROOT / "zi_evidence").rglob("*.py")), *sorted((ROOT / "plugins").rglob("*.py"))]
    assert HOME in files and _hook_calls(HOME), "the check would pass vacuously"
    outside = [call for path in files if path != HOME for call in _hook_calls(path)]
    assert outside == []
