"""Testing a plugin: a fresh plugin host with only this plugin registered, and real files in tmp_path."""

from __future__ import annotations

import pytest
import zi_evidence_example

from zi_evidence import ParseFailure, ParseLimits, choose_parser, make_plugin_manager, sniff_mime


@pytest.fixture
def parsers():
    host = make_plugin_manager(load_entry_points=False)  # no installed plugin interferes
    host.register(zi_evidence_example, "json")
    return list(host.parsers().values())


def test_a_json_file_is_recognised_and_its_values_become_text(parsers, tmp_path):
    path = tmp_path / "survei.json"
    path.write_text('{"unit": "KPP Pratama", "jawaban": [{"skor": 4, "catatan": "pelayanan cepat"}]}')
    mime = sniff_mime(parsers, path.read_bytes()[:8192], path.name)
    parser = choose_parser(parsers, mime, path.name)
    assert mime == "application/json" and parser is not None and parser.name == "json"
    document = parser().parse(path, ParseLimits())
    assert document.pages == ("KPP Pratama\n4\npelayanan cepat",)


def test_an_empty_or_cut_off_file_is_a_problem_not_a_crash(parsers, tmp_path):
    (parser,) = parsers
    empty = tmp_path / "kosong.json"
    empty.write_bytes(b"")
    cut = tmp_path / "terpotong.json"
    cut.write_text('{"unit": "KPP')
    for path, code in ((empty, "empty"), (cut, "corrupt")):
        with pytest.raises(ParseFailure) as failure:
            parser().parse(path, ParseLimits())
        assert failure.value.problem.code == code
