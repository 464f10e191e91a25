"""Every file we parse ourselves is read under bounds: a billion-laughs YAML, deep nesting, a huge file,
bytes that are not UTF-8 each get one clear error naming the file, within a small memory budget."""

from __future__ import annotations

import zipfile

import pytest

from zi_evidence.bounded import MAX_DEPTH, load_json_bytes
from zi_evidence.errors import InputBoundError


def billion_laughs() -> str:
    lines = ['a: &a ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    for level in range(1, 10):
        ref = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + ref] * 9)}]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "laughs": (billion_laughs(), "alias YAML"),
    "deep": ("x: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", "bersarang"),
    "latin1": ("unit: Kantor W\xe9layah\n", "bukan teks UTF-8"),
    "bigint": ("year: " + "9" * 20_000 + "\n", "tidak dapat dibaca"),
}


def _write(path, text):
    data = text.encode("latin-1") if "\xe9" in text else text.encode()
    path.write_bytes(data)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_config_is_refused_with_the_file_named(make_repo, run_limited, kind):
    root = make_repo()
    text, expected = HOSTILE[kind]
    _write(root / "zi-evidence.yaml", text)
    result = run_limited("status", "-C", root)
    assert result.returncode == 1, result.stdout
    assert "TRACEBACK" not in result.stdout
    assert "zi-evidence.yaml" in result.stdout and expected in result.stdout


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("command", [("answers", "check"), ("check",)])
def test_hostile_answers_are_refused_within_memory(make_repo, indexed_repo, run_limited, kind, command):
    root = make_repo()
    indexed_repo(root)
    text, expected = HOSTILE[kind]
    _write(root / "jawaban-lke.yaml", text)
    result = run_limited(*command, "-C", root)
    assert "TRACEBACK" not in result.stdout
    assert "jawaban-lke.yaml" in result.stdout and expected in result.stdout


def test_an_oversized_answers_file_is_refused_unread(make_repo, run_cli):
    root = make_repo()
    with open(root / "jawaban-lke.yaml", "wb") as handle:
        handle.truncate(5 * 2**20)  # sparse: nothing is really written
    result = run_cli("answers", "check", "-C", root)
    assert result.exit_code == 1
    assert "terlalu besar" in result.output and "4 MB" in result.output


def test_a_ruleset_with_aliases_is_refused(tmp_path):
    from zi_evidence.errors import RulesetError
    from zi_evidence.rulesets import load_ruleset_file

    path = tmp_path / "rs.yaml"
    path.write_text("id: x\n" + billion_laughs(), encoding="utf-8")
    with pytest.raises(RulesetError, match="alias YAML") as caught:
        load_ruleset_file(path)
    assert str(path) in str(caught.value)


def test_json_bounds():
    with pytest.raises(InputBoundError, match="bersarang"):
        load_json_bytes(b"[" * 5000 + b"]" * 5000, "m.json")
    with pytest.raises(InputBoundError, match="terlalu besar"):
        load_json_bytes(b"[" + b"1," * 100 + b"1]", "m.json", limit=64)
    with pytest.raises(InputBoundError, match="UTF-8"):
        load_json_bytes(b'{"a": "\xff"}', "m.json")
    assert load_json_bytes(b'{"a": [1, {"b": 2}]}', "m.json") == {"a": [1, {"b": 2}]}


def test_an_imported_workbook_bomb_is_refused(make_repo, run_cli, tmp_path):
    root = make_repo()
    bomb = tmp_path / "lke.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            for _ in range(80):
                handle.write(b" " * 2**20)
    result = run_cli("answers", "import", bomb, "-C", root)
    assert result.exit_code == 1
    assert str(bomb) in result.output and "zip bomb" in result.output
