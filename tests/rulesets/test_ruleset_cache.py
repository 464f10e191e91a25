"""The per-user rule-set cache: hits skip YAML parsing and schema validation; a changed file, a damaged or
foreign entry, or an unwritable cache folder only ever cost the work again, never a wrong answer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import zi_evidence_rulesets
from zi_evidence import usercache
from zi_evidence.errors import RulesetError
from zi_evidence.rulesets import RulesetValidationError, load_ruleset_file, loader, validate

DATA = Path(zi_evidence_rulesets.__file__).parent / "data"
RS10 = "permenpanrb-10-2019"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "zi-evidence"


@pytest.fixture
def own(tmp_path):
    path = tmp_path / "rules" / f"{RS10}.yaml"
    path.parent.mkdir()
    path.write_bytes((DATA / f"{RS10}.yaml").read_bytes())
    return path


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}-*.json"))


def no_work(monkeypatch) -> None:
    """From here on, parsing or validating would fail the test: only the cache can answer."""

    def refuse(*args, **kwargs):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(loader, "_parse_yaml", refuse)
    monkeypatch.setattr(validate, "schema_problems", refuse)


def test_a_second_load_is_answered_from_the_cache(cache_home, own, monkeypatch):
    first = load_ruleset_file(own)
    assert len(entries(cache_home, "yaml")) == 1 and len(entries(cache_home, "valid")) == 1
    no_work(monkeypatch)
    again = load_ruleset_file(own)
    assert again.id == first.id and [q.id for q in again.questions] == [q.id for q in first.questions]


def test_an_edited_file_is_parsed_and_validated_again(cache_home, own):
    load_ruleset_file(own)
    text = own.read_text(encoding="utf-8")
    own.write_text(text.replace("weight: ", "weight: x", 1), encoding="utf-8")
    with pytest.raises(RulesetValidationError) as cold:
        load_ruleset_file(own)
    with pytest.raises(RulesetValidationError) as warm:
        load_ruleset_file(own)
    assert str(warm.value) == str(cold.value), "faults are never cached: told the same way every time"
    assert "harus berupa angka" in str(cold.value)


def test_yaml_errors_are_unchanged_by_the_cache(cache_home, own):
    own.write_text("id: rusak\nareas: [\n", encoding="utf-8")
    messages = set()
    for _ in range(2):
        with pytest.raises(RulesetError) as info:
            load_ruleset_file(own)
        messages.add(str(info.value))
    assert len(messages) == 1 and "baris" in messages.pop()
    assert entries(cache_home, "yaml") == []


def test_damaged_or_foreign_entries_are_ignored(cache_home, own, monkeypatch):
    expected = load_ruleset_file(own)
    (yaml_entry,) = entries(cache_home, "yaml")
    (valid_entry,) = entries(cache_home, "valid")
    yaml_entry.write_text('{"key": "', encoding="utf-8")  # cut short
    valid_entry.write_text(json.dumps({"key": "another", "value": True}), encoding="utf-8")
    calls = []
    real = validate.schema_problems
    monkeypatch.setattr(validate, "schema_problems", lambda doc: calls.append(1) or real(doc))
    assert load_ruleset_file(own).questions == expected.questions
    assert calls == [1], "an entry that names another key is not trusted"
    assert json.loads(yaml_entry.read_text(encoding="utf-8"))["key"] == yaml_entry.stem.split("-", 1)[1]


def test_a_stale_entry_under_the_right_name_cannot_pass_a_broken_file(cache_home, own):
    load_ruleset_file(own)
    broken = own.read_text(encoding="utf-8").replace("weight: ", "weight: x", 1)
    own.write_text(broken, encoding="utf-8")
    with pytest.raises(RulesetValidationError):
        load_ruleset_file(own)  # a miss: the name of an entry is the digest of the bytes it came from
    for path in entries(cache_home, "yaml"):
        path.write_text(json.dumps({"key": path.stem.split("-", 1)[1], "value": {"id": "palsu"}}), encoding="utf-8")
    own.write_text((DATA / f"{RS10}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RulesetValidationError):
        load_ruleset_file(own)  # a forged value still goes through the schema, which it fails


def test_an_unusable_cache_folder_never_stops_a_load(tmp_path, own, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_ruleset_file(own).id == RS10
    monkeypatch.setenv("XDG_CACHE_HOME", "relatif")  # ignored as the specification says; home is used
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert load_ruleset_file(own).id == RS10
    assert entries(tmp_path / "home" / ".cache" / "zi-evidence", "yaml")


def test_values_json_cannot_hold_are_not_cached(cache_home):
    usercache.store("yaml", "k1", {"tanggal": date(2026, 1, 1)})
    usercache.store("yaml", "k2", {1: "angka sebagai kunci"})
    assert entries(cache_home, "yaml") == []
    usercache.store("yaml", "k3", {"a": [1, 2.5, True, None]})
    assert usercache.load("yaml", "k3") == {"a": [1, 2.5, True, None]}
