"""The answers template lists every question; filled in by hand it loads; written from answers it reads back."""

from __future__ import annotations

import re

import pytest
import yaml

from zi_evidence.answers.model import Answer, Answers, parse_answers
from zi_evidence.answers.template import template
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry

REGISTRY = RulesetRegistry.from_host(make_plugin_manager())
IDS = ["permenpanrb-90-2021", "permenpanrb-10-2019", "permenkumham-29-2019"]


@pytest.mark.parametrize("ruleset_id", IDS)
def test_template_lists_every_question_and_loads_blank(ruleset_id):
    ruleset = REGISTRY.get(ruleset_id)
    text = template(ruleset)
    raw = yaml.safe_load(text)
    assert sorted(raw["jawaban"]) == sorted(q.id for q in ruleset.questions)
    assert list(raw["jawaban"])[0] == ruleset.questions[0].id  # LKE order: pemenuhan before reform
    assert list(raw["hasil"]) == [c.key for g in ruleset.hasil for c in g.components]
    assert list(raw["prasyarat"]) == [p.key for p in ruleset.prerequisites]
    assert parse_answers(raw, ruleset).answers == {}  # blank entries are no answers
    for question in ruleset.questions:  # label and allowed options as a comment on the question's line
        line = next(x for x in text.splitlines() if x.startswith(f"  {question.id}:"))
        assert question.label in line
        kind = ruleset.answer_types[question.answer_type]
        assert (", ".join(kind.values) in line) if question.formula is None else ("% =" in line)


def test_filled_by_hand_then_loaded():
    ruleset = REGISTRY.get("permenpanrb-90-2021")
    lines, current = [], None
    for line in template(ruleset).splitlines():
        header = re.match(r"^  (A\.[\w.]+):", line)
        current = header.group(1) if header else current
        if line == "    jawaban:":
            kind = ruleset.answer_types[ruleset.question(current).answer_type]
            line += " " + list(kind.values)[1].lower()  # the second option, typed in lower case
        elif re.match(r"^      \w+:  #", line):
            line = line.replace(":  #", ": 9  #" if "harus" in line else ": 4  #", 1)
        elif line.startswith("  ipak:") or line.startswith("  ipkp:"):
            line = line.replace(":  #", ": 3.7  #", 1)
        elif line.startswith("  capaian_kinerja:"):
            line = line.replace(":  #", ": B  #", 1)
        lines.append(line)
    answers = parse_answers(yaml.safe_load("\n".join(lines)), ruleset)
    assert answers.get("A.I.1.i.a").choice == "Tidak" and answers.get("A.I.1.iii.a").choice == "B"
    assert answers.get("A.II.5.ii.a").inputs == {
        "jumlah_harus_ditindaklanjuti": 9,
        "jumlah_sedang_diproses": 4,
        "jumlah_selesai_ditindaklanjuti": 4,
    }
    assert answers.hasil == {"ipak": 3.7, "capaian_kinerja": "B", "ipkp": 3.7}


@pytest.mark.parametrize("ruleset_id", IDS)
def test_written_answers_read_back_identically(ruleset_id):
    ruleset = REGISTRY.get(ruleset_id)
    given = {}
    for n, question in enumerate(ruleset.questions):
        if question.formula is not None:
            given[question.id] = Answer(
                question.id, inputs={i.name: 9.0 if "harus" in i.name else 3.0 for i in question.formula.inputs}
            )
        elif n % 3:
            kind = ruleset.answer_types[question.answer_type]
            given[question.id] = Answer(question.id, list(kind.values)[n % len(kind.values)])
    given["A.I.1.i.a" if ruleset.is_split else "A.1.1.a"] = Answer(
        "A.I.1.i.a" if ruleset.is_split else "A.1.1.a", "Ya", note='SK: "Tim ZI" #1\nditandatangani 2 Jan'
    )
    hasil = {"ipak": 3.65, "ipkp": 3.25} | ({"capaian_kinerja": "C"} if ruleset.is_split else {"tlhp": 97.5})
    facts = {"opini_bpk": "WTP", "lhkpn_lhkasn": {"lhkpn": 100, "lhkasn": 98}}
    options = {"nilai_abcd": "pertigaan_tepat"}
    answers = Answers(given, hasil, facts, options, ruleset.id, "pemda")
    back = parse_answers(yaml.safe_load(template(ruleset, answers)), ruleset)
    assert back.answers == {k: v for k, v in given.items()}
    assert (back.hasil, back.prerequisites, back.options, back.institution_kind) == (hasil, facts, options, "pemda")
