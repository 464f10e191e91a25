"""What tesseract printed is kept per user: a later process skips running it, yet sees a language being
installed or removed, and a damaged entry just means running it again."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from zi_evidence_ocr import engine


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    engine._probe.cache_clear()  # as a new process would start
    yield tmp_path / "cache" / "zi-evidence"
    engine._probe.cache_clear()


def tessdata_with(folder: Path, *languages: str) -> Path:
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=True).stdout
    system = Path(listing.split('"')[1])
    folder.mkdir(exist_ok=True)
    for language in languages:
        (folder / f"{language}.traineddata").symlink_to(system / f"{language}.traineddata")
    return folder


def probe_again():
    engine._probe.cache_clear()
    return engine.probe()


def test_a_later_probe_reads_the_cache_instead_of_running_tesseract(fresh, monkeypatch):
    first = engine.probe()
    assert first.available and list(fresh.glob("tesseract-*.json"))

    def refuse(command):
        raise AssertionError("tesseract should not run again")

    monkeypatch.setattr(engine, "_run_text", refuse)
    assert probe_again() == first


def test_installing_or_removing_a_language_is_seen(fresh, tmp_path, monkeypatch):
    tessdata = tessdata_with(tmp_path / "tessdata", "eng")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tessdata))
    assert not probe_again().available and "'ind'" in probe_again().reason
    tessdata_with(tessdata, "ind")
    assert probe_again().languages == ("ind", "eng")
    (tessdata / "ind.traineddata").unlink()
    assert not probe_again().available


def test_a_damaged_entry_runs_tesseract_again(fresh):
    first = engine.probe()
    for entry in fresh.glob("tesseract-*.json"):
        entry.write_text("{rusak", encoding="utf-8")
    assert probe_again() == first


def test_ocr_names_tesseract_its_language_folder_and_path_as_external_inputs():
    """A settled no-change index trusts these not to have moved: installing a language or Tesseract itself
    must change one of them (the language folder gains a file; a PATH folder gains the program)."""
    import os

    from zi_evidence_ocr import external_inputs
    from zi_evidence_ocr.engine import probe

    engine = probe()
    inputs = external_inputs()
    assert {"PATH", "TESSDATA_PREFIX"} <= set(inputs.variables)
    assert {folder for folder in os.environ["PATH"].split(os.pathsep) if folder} <= set(inputs.paths)
    assert engine.available and os.path.realpath(engine.executable) in inputs.paths
    assert any(Path(path, "ind.traineddata").is_file() for path in inputs.paths)
