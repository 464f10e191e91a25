"""The DOCX fast path (one lxml parse per part) against python-docx's object model: the same text,
headers, trailers and properties on every sample_repo DOCX and on DOCX made by the bench generator."""

import random
import zipfile
from pathlib import Path

import pytest

from zi_evidence_docx import fast, read_with_python_docx  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
# Word's lock files (~$name.docx) and damaged samples are not packages: the parser's other tests cover them
SAMPLES = sorted(p for p in (ROOT / "sample_repo").rglob("*.docx") if zipfile.is_zipfile(p))


def both(path: Path) -> tuple[fast.DocxText | None, fast.DocxText]:
    with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        quick = fast.read(archive)
    with path.open("rb") as handle:
        return quick, read_with_python_docx(handle)


def test_sample_repo_has_docx_files():
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_fast_path_reads_what_python_docx_reads_on_sample_repo(path):
    quick, reference = both(path)
    assert quick is not None, "a DOCX saved by a normal writer takes the fast path"
    assert quick == reference


def test_fast_path_reads_what_python_docx_reads_on_bench_docx(tmp_path, fabricate, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # restored after the test, with what the bench adds
    from index_bench import sentence, vocabulary

    rng = random.Random(3)
    words = vocabulary(rng, 800)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    for i in range(12):
        lines = [sentence(rng, words, weights) for _ in range(rng.randint(1, 60))]
        table = [[sentence(rng, words, weights, 3) for _ in range(3)] for _ in range(i % 4)] or None
        path = fabricate.make_docx(
            tmp_path / f"dokumen-{i}.docx",
            lines,
            table=table,
            header="KANTOR " + sentence(rng, words, weights, 2) if i % 2 else "",
            footer=sentence(rng, words, weights, 3) if i % 3 else "",
            title=sentence(rng, words, weights, 4),
            author="Tim ZI" if i % 2 else "",
        )
        quick, reference = both(path)
        assert quick is not None and quick == reference, path.name
        assert quick.pages[0].startswith(lines[0])


def test_a_package_without_a_word_main_part_is_left_to_python_docx(tmp_path, fabricate):
    source = fabricate.make_docx(tmp_path / "asli.docx", ["Isi"])
    target = tmp_path / "bukan-word.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            copy.writestr(info.filename, data)
    with zipfile.ZipFile(target) as archive:
        assert fast.read(archive) is None


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2026-01-15T09:00:00Z", "2026-01-15T09:00:00+00:00"),
        ("2026-01-15T16:00:00+07:00", "2026-01-15T09:00:00+00:00"),
        ("2026-01", "2026-01-01T00:00:00+00:00"),
        ("kemarin", None),
    ],
)
def test_core_dates_are_read_as_utc(raw, iso):
    assert fast._w3cdtf(raw) == iso
