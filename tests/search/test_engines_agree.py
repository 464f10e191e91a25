"""The two search engines answer the CLI's search test-set alike: on a copy of sample_repo/ and on a
drive made here, every query gives the same total, the same files and the same pages and snippets with
Whoosh and with tantivy. Switching the engine in zi-evidence.yaml rebuilds the index from the catalog
without reading a file again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.engines("whoosh", "tantivy")

#: The CLI's search test-set: each language feature, filters, stems, accents, codes, and mistakes.
QUERIES: list[tuple[str, ...]] = [
    ("pelayanan",),
    ("layanan",),
    ("melayani",),
    ("pengaduan", "masyarakat"),
    ('"zona integritas"',),
    ('"integritas zona"',),
    ('"tim membangun"',),  # a word in one document: checked by position, not a pair token
    ('"masyarakat ditindaklanjuti"',),
    ("gratifikasi OR korupsi",),
    ("pelayanan", "NOT", "maklumat"),
    ("pelayanan ANDNOT publik",),
    ("tim ANDMAYBE keputusan",),
    ("(survei OR kepuasan) AND masyarakat",),
    ("layan*",),
    ("pelay*",),
    ("peng*an",),
    ("integri*",),
    ("keputusan", "--kind", "pdf"),
    ("laporan", "--kind", "docx"),
    ("rekap", "--kind", "xlsx"),
    ("pelayanan", "--area", "6"),
    ("tim", "--year", "2026"),
    ("sk", "--question", "A.I.1.i.a"),
    ("SÉMARANG",),
    ("W.11",),
    ("kelayang",),
    ("rapat",),
    ("yang dan di",),
    ('"zona integritas',),
    ("layanan OR OR publik",),
    ("x NOT",),
]


def _run(run_cli, root: Path, query: tuple[str, ...]) -> tuple[int, object]:
    words, options = [query[0]], list(query[1:])
    if options and options[0] == "NOT":  # a query of several words, not an option
        words, options = [" ".join(query)], []
    result = run_cli("search", "--repo", root, "--json", "--limit", "1000", *options, "--", *words)
    if result.exit_code != 0:
        return result.exit_code, result.output.strip()
    found = json.loads(result.output)
    hits = sorted((h["path"], json.dumps(h["pages"]), h["question"], h["kind"]) for h in found["hits"])
    return found["total"], hits


def _answers(run_cli, root: Path, engine: str) -> tuple[dict, dict]:
    config = root / "zi-evidence.yaml"
    text = config.read_text(encoding="utf-8").split("\nsearch:")[0].rstrip("\n") + "\n"
    config.write_text(text + f"search:\n  engine: {engine}\n", encoding="utf-8")
    result = run_cli("index", root, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output), {q: _run(run_cli, root, q) for q in QUERIES}


def _agree(run_cli, root: Path) -> None:
    first, whoosh = _answers(run_cli, root, "whoosh")
    second, tantivy = _answers(run_cli, root, "tantivy")
    assert second["parsed"] == 0, "switching engines rebuilds the index from the catalog, without parsing"
    for query in QUERIES:
        assert tantivy[query] == whoosh[query], query
    assert any(isinstance(hits, list) and hits for _, hits in whoosh.values()), "the test-set finds something"
    refused = [query for query, (_, answer) in whoosh.items() if isinstance(answer, str)]
    assert len(refused) == 4 and all("Kueri" in whoosh[q][1] for q in refused), refused  # type: ignore[operator]
    back, again = _answers(run_cli, root, "whoosh")  # and back: the old Whoosh index is brought up to date
    assert back["parsed"] == 0 and again == whoosh


@pytest.mark.slow
def test_engines_agree_on_sample_repo(tmp_path, run_cli):
    root = tmp_path / "sample"
    shutil.copytree(ROOT / "sample_repo", root, ignore=shutil.ignore_patterns(".zi-evidence"))
    _agree(run_cli, root)


def test_engines_agree_on_a_drive_made_here(make_repo, fabricate, run_cli):
    root = make_repo()
    tim = root / "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/a. Tim pembangunan ZI"
    fabricate.make_pdf(
        tim / "SK Tim Pembangunan ZI.pdf",
        ["KEPUTUSAN KEPALA KANTOR\nNOMOR W.11-123 TAHUN 2026 di Sémarang", "Tim membangun zona integritas"],
        title="SK Tim ZI",
    )
    fabricate.make_docx(
        root / "PEMENUHAN/AREA I - Manajemen Perubahan/iii. Pemantauan dan Evaluasi" / "1.iii.b Laporan Monev.docx",
        ["LAPORAN MONITORING", "Pengaduan masyarakat ditindaklanjuti; integritas zona dijaga", "rapat tim"],
    )
    fabricate.make_pdf(
        root / "PEMENUHAN/AREA VI - Peningkatan Kualitas Pelayanan Publik" / "Maklumat Pelayanan.pdf",
        ["MAKLUMAT PELAYANAN\nPetugas melayani masyarakat", "Survei kepuasan masyarakat; tanpa gratifikasi"],
    )
    fabricate.make_xlsx(root / "REFORM" / "A.II.5.ii.a Rekap Pengaduan 2026.xlsx", {"Rekap": [["pengaduan", 10]]})
    _agree(run_cli, root)
