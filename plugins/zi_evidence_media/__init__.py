"""Built-in audio/video cataloguer: recordings of meetings and videos of socialisation events are evidence too.

With ``ffprobe`` (Debian: ffmpeg) installed, each file gets its duration, streams and recording date; without
it, only size and type, with a hint. Nothing is decoded: a probe reads the container's headers.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from zi_evidence import BaseParser, ParsedDocument, ParseFailure, ParseLimits, Problem, hookimpl, open_for_parse

from .probe import ProbeError, run_probe, tool

INSTALL_HINT = "Pasang ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg), lalu jalankan 'zi-evidence index' lagi."
#: ISO base media brands that are still images (HEIC/AVIF): those belong to the image parser.
_IMAGE_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis")
_AUDIO_BRANDS = (b"M4A ", b"M4B ", b"M4P ")
_AUDIO_SUFFIXES = (".m4a", ".m4b", ".aac")
_REEXPORT = "Putar berkas di komputer Anda; bila rusak, ekspor ulang rekamannya (mis. ke MP4 atau MP3)."


def sniff_media(head: bytes, filename: str) -> str | None:
    name = filename.lower()
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _IMAGE_BRANDS:
            return None
        if brand in _AUDIO_BRANDS or name.endswith(_AUDIO_SUFFIXES):
            return "audio/mp4"
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/3gpp" if brand.startswith(b"3g") else "video/mp4"
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "):
        return "audio/x-wav" if head[8:12] == b"WAVE" else "video/x-msvideo"
    if head.startswith(b"ID3") or (head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2") and name.endswith(".mp3")):
        return "audio/mpeg"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm" if name.endswith(".webm") else "video/x-matroska"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "video/x-ms-wmv"
    return None


class MediaParser(BaseParser):
    """Audio and video files: duration and recording date from their metadata, no text."""

    name: ClassVar[str] = "media"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (
        "video/mp4", "video/quicktime", "video/3gpp", "video/x-msvideo", "video/webm", "video/x-matroska",
        "video/x-ms-wmv", "audio/mp4", "audio/x-wav", "audio/mpeg", "audio/ogg", "audio/flac",
    )  # fmt: skip
    empty_hint: ClassVar[str] = _REEXPORT

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return sniff_media(head, filename)

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        found = tool()
        with open_for_parse(path) as handle:
            self.check_not_empty(handle)
            if not found.available:
                note = Problem(
                    "probe_missing",
                    f"Durasi dan tanggal rekaman tidak dibaca: {found.reason}.",
                    INSTALL_HINT,
                    "info",
                )
                return ParsedDocument(("",), 1, {}, (note,))
            try:
                probed = run_probe(found, handle, min(limits.seconds / 2, 60.0), limits.memory_mb)
            except ProbeError as exc:
                if exc.code == "timeout":
                    raise ParseFailure(
                        "timeout", f"Berkas audio/video tidak selesai dibaca: {exc}.", _REEXPORT
                    ) from exc
                raise ParseFailure(
                    "corrupt",
                    f"Berkas audio/video rusak atau formatnya tidak dikenali (rincian teknis: {exc}).",
                    _REEXPORT,
                ) from exc
        metadata, text = describe(probed)
        return ParsedDocument((text,), 1, metadata)


def describe(probed: dict[str, Any]) -> tuple[dict[str, str], str]:
    """Catalog metadata (duration, streams, date, title) and the searchable text (title, comments)."""
    raw = probed.get("format")
    container: dict[str, Any] = raw if isinstance(raw, dict) else {}
    streams = [s for s in probed.get("streams") or () if isinstance(s, dict)]
    tags = _tags(container, streams)
    metadata: dict[str, str] = {"format": str(container.get("format_long_name") or container.get("format_name") or "")}
    seconds = _float(container.get("duration"))
    if seconds is not None:
        metadata["duration_seconds"] = f"{seconds:.2f}"
        metadata["duration"] = _clock(seconds)
    video = next((s for s in streams if s.get("codec_type") == "video" and not _is_cover(s)), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video:
        metadata["video"] = f"{video.get('codec_name', '?')} {video.get('width', '?')}x{video.get('height', '?')}"
    if audio:
        metadata["audio"] = f"{audio.get('codec_name', '?')} {audio.get('sample_rate', '?')} Hz"
    created = _date(tags.get("com.apple.quicktime.creationdate") or tags.get("creation_time") or tags.get("date"))
    if created:
        metadata["created"] = created
    for key, tag in (("title", "title"), ("author", "artist")):
        if tags.get(tag):
            metadata[key] = tags[tag][:500]
    text = "\n".join(tags[t][:2000] for t in ("title", "artist", "album", "comment", "description") if tags.get(t))
    return {k: v for k, v in metadata.items() if v}, text


def _tags(container: dict[str, Any], streams: list[dict[str, Any]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for source in (*streams, container):  # the container's tags win over a stream's
        tags = source.get("tags")
        if isinstance(tags, dict):
            found.update({str(k).lower(): str(v).strip() for k, v in tags.items()})
    return found


def _is_cover(stream: dict[str, Any]) -> bool:
    disposition = stream.get("disposition")
    return isinstance(disposition, dict) and bool(disposition.get("attached_pic"))


def _float(value: object) -> float | None:
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if number >= 0 else None


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _date(raw: str | None) -> str | None:
    """``2026-03-12T09:30:00.000000Z`` (or a bare date) → ``2026-03-12T09:30:00``; anything else is dropped."""
    if not raw:
        return None
    for length, shape in ((19, "%Y-%m-%dT%H:%M:%S"), (19, "%Y-%m-%d %H:%M:%S"), (10, "%Y-%m-%d")):
        try:
            return datetime.strptime(raw[:length], shape).isoformat()
        except ValueError:
            continue
    return None


def status() -> str:
    """One line for ``zi-evidence plugins``: whether durations and dates are read here."""
    found = tool()
    if found.available:
        return f"audio/video: durasi dan tanggal dibaca dengan ffprobe {found.version}"
    return f"audio/video: hanya ukuran dan jenis ({found.reason}). {INSTALL_HINT}"


@hookimpl
def register_parsers() -> list[type]:
    return [MediaParser]
