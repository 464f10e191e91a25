"""Meta-test: tests share helpers through fixtures (tests/conftest.py and the folders' conftest.py), never by
importing one another, scripts/ or a conftest, and never by editing sys.path."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, "." * node.level + (node.module or "")


def _edits_sys_path(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name):
            if node.value.id == "sys":
                yield node.lineno


def test_no_test_imports_helpers_from_tests_scripts_or_a_conftest():
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for lineno, module in _imported_modules(tree):
            top = module.split(".")[0]
            if top in ("tests", "scripts", "conftest") or module.startswith("."):
                offenders.append(f"{path.relative_to(TESTS)}:{lineno} imports {module}")
    assert offenders == [], "use a fixture instead:\n" + "\n".join(offenders)


def test_no_test_edits_sys_path():
    # --import-mode=importlib needs no sys.path entries; a plugin test uses monkeypatch.syspath_prepend
    offenders = [
        f"{path.relative_to(TESTS)}:{lineno}"
        for path in sorted(TESTS.rglob("*.py"))
        for lineno in _edits_sys_path(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == [], offenders


def test_the_scan_sees_the_helpers_it_guards_against():
    source = "import sys\nfrom tests.conftest import CONFIG\nimport scripts.fabricate\nsys.path.insert(0, '.')\n"
    tree = ast.parse(source)
    assert [m for _, m in _imported_modules(tree)] == ["sys", "tests.conftest", "scripts.fabricate"]
    assert list(_edits_sys_path(tree)) == [4]
