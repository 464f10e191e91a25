"""``init`` (config + skeleton) and the ``rulesets`` commands, through the real CLI."""

import json

import pytest
import yaml

from zi_evidence.config import load_config
from zi_evidence.index.mapping import Mapper
from zi_evidence.repository import Repository


@pytest.fixture
def invoke(run_cli):
    def invoke(*args, ok=True):
        result = run_cli(*args)
        assert (result.exit_code == 0) == ok, result.output
        return result.output

    return invoke


@pytest.mark.parametrize("ruleset", ["permenpanrb-90-2021", "permenpanrb-10-2019", "permenkumham-29-2019"])
def test_init_skeleton_folders_map_back_to_their_questions(tmp_path, ruleset, invoke):
    root = tmp_path / "drive"
    invoke("init", root, "--ruleset", ruleset, "--unit", "Kantor Uji", "--year", 2026, "--target", "WBBM", "--skeleton")
    config = load_config(root)
    assert (config.ruleset, config.unit.name, config.year, config.target) == (ruleset, "Kantor Uji", 2026, "WBBM")
    repo = Repository.open(root)
    mapper = Mapper(repo.ruleset)
    folders = [p for p in root.rglob("*") if p.is_dir() and not any(p.iterdir())]
    questions = {q.id for q in repo.ruleset.questions} | {c.id for g in repo.ruleset.hasil for c in g.components}
    assert len(folders) == len(questions)
    mapped = set()
    for folder in folders:
        relative = (folder / "bukti.pdf").relative_to(root).as_posix()
        # Windows' 260-character limit must leave ~140 for the share prefix and the file's own name
        assert len(folder.relative_to(root).as_posix()) <= 120, relative
        mapping = mapper.map(relative)
        assert mapping.status == "question", (relative, mapping.reason)
        mapped.add(mapping.target_id)
    assert mapped == questions


def test_init_refuses_to_overwrite_and_existing_evidence_is_untouched(tmp_path, tree_fingerprint, invoke):
    root = tmp_path / "drive"
    (root / "AREA I").mkdir(parents=True)
    (root / "AREA I" / "sk.pdf").write_bytes(b"%PDF-1.4 bukti")
    before = tree_fingerprint(root)
    invoke("init", root, "--unit", "Kantor Uji", "--skeleton")
    assert "sudah ada" in invoke("init", root, "--unit", "Lain", ok=False)
    after = tree_fingerprint(root)
    assert {k: v for k, v in after.items() if k != "zi-evidence.yaml"} == before
    assert yaml.safe_load((root / "zi-evidence.yaml").read_text())["unit"]["name"] == "Kantor Uji"


def test_invalid_config_names_the_file_and_the_field(make_repo, invoke):
    root = make_repo(extra="limits: {pages: 0}\n")
    output = invoke("status", "--repo", root, ok=False)
    assert "zi-evidence.yaml" in output and "$.limits.pages" in output


def test_commands_outside_a_repository_say_what_to_do(tmp_path, monkeypatch, invoke):
    monkeypatch.chdir(tmp_path)
    assert "zi-evidence init" in invoke("status", ok=False)


def test_rulesets_list_and_show(tmp_path, invoke):
    listed = json.loads(invoke("rulesets", "list", "--json"))
    by_id = {row["id"]: row for row in listed}
    assert by_id["permenpanrb-90-2021"]["questions"] == 110
    assert by_id["permenkumham-29-2019"]["extends"] == "permenpanrb-10-2019"
    tree = json.loads(invoke("rulesets", "show", "permenpanrb-90-2021", "--json"))
    assert [a["weight"] for a in tree["areas"]] == [8, 7, 10, 10, 15, 10]
    assert sum(len(i["questions"]) for a in tree["areas"] for i in a["indicators"]) == 110
    text = invoke("rulesets", "show", "permenpanrb-90-2021")
    assert "A.I.1.i.a Tim pembangunan ZI telah dibentuk" in text
    assert "permenpanrb-90-2021" in invoke("rulesets", "show", "tidak-ada", ok=False)
