"""The audio/video cataloguer over real WAV and MP4 files made here, with and without ffprobe."""

import json
import shutil
import subprocess

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits, sniff_mime
from zi_evidence.plugins import make_plugin_manager
from zi_evidence_media import MediaParser

LIMITS = ParseLimits()
needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")


@needs_ffmpeg
def test_a_wav_gets_duration_date_and_its_title(tmp_path, fabricate):
    path = fabricate.make_wav(tmp_path / "Rekaman Rapat.wav", 2.0, "Rapat evaluasi pembangunan", "2026-03-12")
    assert MediaParser.sniff(path.read_bytes()[:64], path.name) == "audio/x-wav"
    document = MediaParser().parse(path, LIMITS)
    assert document.metadata["duration_seconds"] == "2.00"
    assert document.metadata["duration"] == "0:00:02"
    assert document.metadata["created"] == "2026-03-12T00:00:00"
    assert document.metadata["audio"].startswith("pcm_s16le 8000")
    assert document.pages == ("Rapat evaluasi pembangunan",)


@needs_ffmpeg
def test_an_mp4_made_by_ffmpeg(tmp_path):
    path = tmp_path / "Video Sosialisasi ZI.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=5",
         "-f", "lavfi", "-i", "sine=duration=1", "-c:v", "mpeg4", "-c:a", "aac",
         "-metadata", "creation_time=2026-05-02T08:15:00Z", "-metadata", "title=Sosialisasi gratifikasi", str(path)],
        check=True,
    )  # fmt: skip
    parsers = list(make_plugin_manager().parsers().values())
    assert sniff_mime(parsers, path.read_bytes()[:8192], path.name) == "video/mp4"
    document = MediaParser().parse(path, LIMITS)
    assert document.metadata["video"] == "mpeg4 64x48"
    assert document.metadata["created"] == "2026-05-02T08:15:00"
    assert 0.9 <= float(document.metadata["duration_seconds"]) <= 1.2
    assert "gratifikasi" in document.pages[0]


@needs_ffmpeg
def test_a_corrupt_recording_is_a_plain_problem(tmp_path):
    path = tmp_path / "rusak.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x07" * 500)
    with pytest.raises(ParseFailure) as caught:
        MediaParser().parse(path, LIMITS)
    assert caught.value.problem.code == "corrupt"
    assert "audio/video" in caught.value.problem.message


def test_without_ffprobe_only_size_and_type_with_a_hint(tmp_path, fabricate, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))
    path = fabricate.make_wav(tmp_path / "rapat.wav", 0.5)
    document = MediaParser().parse(path, LIMITS)
    assert document.page_count == 1 and document.metadata == {}
    assert [(p.code, p.severity) for p in document.problems] == [("probe_missing", "info")]
    assert "ffmpeg" in document.problems[0].hint


def test_heic_stills_are_not_taken_for_videos():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    assert MediaParser.sniff(heic, "IMG_0412.HEIC") is None
    assert MediaParser.sniff(b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00", "rekaman.m4a") == "audio/mp4"
    assert MediaParser.sniff(b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "video.mov") == "video/quicktime"
    assert MediaParser.sniff(b"ID3\x04\x00", "lagu.mp3") == "audio/mpeg"


@needs_ffmpeg
def test_a_recording_title_is_found_by_search(make_repo, fabricate, indexed_repo, run_cli):
    root = make_repo()
    folder = root / "PEMENUHAN/AREA I - Manajemen Perubahan/iii. Pemantauan dan Evaluasi"
    fabricate.make_wav(folder / "Rekaman Rapat.wav", 1.0, "Rapat pemantauan rencana aksi", "2026-03-12")
    repo = indexed_repo(root)
    found = json.loads(run_cli("search", "-C", root, "pemantauan", "--json").output)
    assert [h["path"].rsplit("/", 1)[-1] for h in found["hits"]] == ["Rekaman Rapat.wav"]
    with repo.catalog() as catalog:
        (record,) = catalog.records()
    assert record.mime == "audio/x-wav" and record.metadata["duration"] == "0:00:01"


def test_plugins_says_whether_recordings_are_probed(run_cli, tmp_path, monkeypatch):
    expected = "durasi dan tanggal dibaca dengan ffprobe" if shutil.which("ffprobe") else "hanya ukuran dan jenis"
    assert f"status: audio/video: {expected}" in run_cli("plugins").output
