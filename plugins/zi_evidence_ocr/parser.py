"""The OCR parser: the built-in PDF/image result, with the pages that have no text read by Tesseract.

It outbids the plain parsers only when Tesseract with Indonesian is installed; otherwise it declines
and those parsers run, so scanned files stay marked "perlu OCR". Its version names the engine, its
version and languages, so the catalog's (hash, parser, version) cache re-reads when any of them changes.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import ClassVar

from zi_evidence import BaseParser, ParsedDocument, ParseLimits, Problem, switched_off
from zi_evidence_image import ImageParser
from zi_evidence_pdf import SCANNED_MAX_CHARS, PdfParser, read_pypdf
from zi_evidence_pdf.fallback import read_with_fallback

from .engine import Engine, OcrError, PageText, probe, recognize
from .images import ImageFrames, PdfPages

#: Bumped when what this plugin stores for the same engine changes (text layout, metadata keys).
#: 2: the OCR pages are ParsedDocument.machine_read_pages, no longer metadata["ocr_pages"];
#: 3: the text layer is read by PDFium first (as the plain PDF parsers' top bidder does), pypdf second.
FORMAT = "3"
PDF = "application/pdf"
#: Below this mean confidence (%) a page's text is too unreliable to pass or fail a content check on.
LOW_CONFIDENCE = 60.0
#: A photo without writing still yields a few random "words"; fewer confident words than this is no text.
MIN_WORDS = 3
WORD_CONFIDENCE = 50.0
#: No sane page takes longer; a slower one is a pathological image, not worth the rest of the file's time.
PAGE_SECONDS = 90.0
MIN_PAGE_SECONDS = 3.0
#: The worker pool kills a parse at limits.seconds: stop earlier and keep what has been read.
TIME_SHARE = 0.85
_RESCAN = "Pindai ulang dokumen (minimal 300 dpi, lurus, terang), lalu ganti berkas ini."


def unavailable_reason(mime_type: str) -> str | None:
    """Why OCR cannot read this kind of file here, or ``None`` when it can."""
    engine = probe()
    if not engine.available:
        return engine.reason
    missing = _missing_packages(mime_type)
    if missing:
        return f"paket Python {', '.join(missing)} belum terpasang (pip install 'zi-evidence[ocr]')"
    return None


@cache
def _missing_packages(mime_type: str) -> tuple[str, ...]:
    # asked once per file by parser selection; a package installed meanwhile counts from the next process on
    return tuple(name for name in _python_needs(mime_type) if importlib.util.find_spec(name) is None)


def _python_needs(mime_type: str) -> tuple[str, ...]:
    return ("pypdfium2", "PIL") if mime_type == PDF else ("PIL",)


class _EngineVersioned(type):
    """``OcrParser.version`` is computed: the cache key must follow the installed engine and languages."""

    @property
    def version(cls) -> str:
        engine = probe()
        if not engine.available:
            return f"{FORMAT}/-"
        return f"{FORMAT}/tesseract-{engine.version}/{engine.language_arg}"


class OcrParser(BaseParser, metaclass=_EngineVersioned):
    """PDF pages without a text layer and images (JPG/PNG/TIFF), read with Tesseract."""

    name: ClassVar[str] = "ocr"
    mime_types: ClassVar[tuple[str, ...]] = (PDF, "image/jpeg", "image/png", "image/tiff")
    #: Above the plain PDF and image parsers (10).
    default_score: ClassVar[int] = 20
    #: A scanned page costs as much as ~200 text pages: a run's page budget (--ocr-pages) applies.
    expensive: ClassVar[bool] = True

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        return None  # the PDF and image parsers recognise these formats

    @classmethod
    def score(cls, mime_type: str, filename: str) -> int | None:
        if mime_type not in cls.mime_types or unavailable_reason(mime_type) is not None:
            return None
        return super().score(mime_type, filename)

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        deadline = time.monotonic() + limits.seconds * TIME_SHARE
        engine = probe()
        with path.open("rb") as handle:
            is_pdf = b"%PDF-" in handle.read(1024)
        if is_pdf:
            return _parse_pdf(path, limits, engine, deadline)
        return _parse_image(path, limits, engine, deadline)


@dataclass
class _Reading:
    """What OCR made of the pages it was given."""

    read: dict[int, PageText] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    missed: list[int] = field(default_factory=list)  # not reached before the file's deadline


def _parse_pdf(path: Path, limits: ParseLimits, engine: Engine, deadline: float) -> ParsedDocument:
    base = _text_layer(path, limits)  # encrypted, corrupt, over a limit: the same problems as without OCR
    thin = [n for n, text in enumerate(base.pages, start=1) if len("".join(text.split())) < SCANNED_MAX_CHARS]
    if not thin:
        return base
    try:
        pages = PdfPages(path)
    except Exception as exc:  # noqa: BLE001 - PDFium refusing a file pypdf read is one file's problem
        reading = _Reading(failed={n: f"PDF tidak dapat dirender ({type(exc).__name__})" for n in thin})
        return _merge(base, thin, reading, engine, limits)
    with pages:
        scanned = {n: dpi for n in thin if (dpi := pages.scan_dpi(n))}  # a blank page is not a scan
        renders = ((n, _bound(pages.render, n, dpi)) for n, dpi in scanned.items())
        reading = _read(engine, renders, limits, deadline)
    return _merge(base, list(scanned), reading, engine, limits)


def _text_layer(path: Path, limits: ParseLimits) -> ParsedDocument:
    """The plain parsers' reading: PDFium first (2-4x faster than pypdf, as faithful), unless the
    PDFium plugin is disabled; each engine is the other's fallback either way."""
    if switched_off("pdfium"):
        return PdfParser().parse(path, limits)
    from zi_evidence_pdf.pdfium_read import read_pdfium

    return read_with_fallback(read_pdfium, read_pypdf, path, limits)


def _parse_image(path: Path, limits: ParseLimits, engine: Engine, deadline: float) -> ParsedDocument:
    base = ImageParser().parse(path, limits)
    frames = list(range(1, len(base.pages) + 1))
    with ImageFrames(path) as images:
        reading = _read(engine, ((n, _bound(images.render, n)) for n in frames), limits, deadline)
    return _merge(base, frames, reading, engine, limits, photo=True)


def _bound(render: Callable[..., tuple[bytes, int | None]], *args: int) -> Callable[[], tuple[bytes, int | None]]:
    return lambda: render(*args)


def _read(
    engine: Engine,
    pages: Iterable[tuple[int, Callable[[], tuple[bytes, int | None]]]],
    limits: ParseLimits,
    deadline: float,
) -> _Reading:
    reading = _Reading()
    for number, render in pages:
        seconds = min(PAGE_SECONDS, deadline - time.monotonic())
        if seconds < MIN_PAGE_SECONDS:
            reading.missed.append(number)
            continue
        try:
            image, dpi = render()
        except Exception as exc:  # noqa: BLE001 - a page that cannot be drawn is that page's problem
            reading.failed[number] = f"halaman tidak dapat digambar ({type(exc).__name__})"
            continue
        try:
            reading.read[number] = recognize(engine, image, seconds, limits.memory_mb, dpi)
        except OcrError as exc:
            reading.failed[number] = str(exc)
    return reading


def _is_text(page: PageText) -> bool:
    # many words at low confidence is a bad scan (warned about); a few is a photo's texture
    return (page.words >= MIN_WORDS and page.confidence >= WORD_CONFIDENCE) or page.words >= 3 * MIN_WORDS


def _merge(
    base: ParsedDocument,
    candidates: list[int],
    reading: _Reading,
    engine: Engine,
    limits: ParseLimits,
    photo: bool = False,
) -> ParsedDocument:
    texts = list(base.pages)
    confidence: dict[int, float] = {}
    budget = limits.text_mb * 1024 * 1024 - sum(len(t.encode("utf-8")) for t in texts)
    for number, page in sorted(reading.read.items()):
        size = len(page.text.encode("utf-8"))
        if not _is_text(page) or size > budget:
            continue
        budget -= size
        texts[number - 1] = page.text
        confidence[number] = page.confidence
    problems = [p for p in base.problems if p.code != "no_text_layer"]
    problems += _problems(candidates, confidence, reading, limits, photo)
    metadata = dict(base.metadata)
    if candidates:
        metadata["ocr_engine"] = f"tesseract {engine.version} ({engine.language_arg})"
    unread = sorted(set(reading.failed) | set(reading.missed))
    if unread:
        metadata["ocr_unread"] = ",".join(str(n) for n in unread)  # still "perlu OCR": what a later run could redo
    if confidence:
        metadata["ocr_confidence"] = ",".join(f"{n}:{c:.0f}" for n, c in confidence.items())
    return ParsedDocument(tuple(texts), base.page_count, metadata, tuple(problems), tuple(confidence))


def _problems(
    candidates: list[int], confidence: dict[int, float], reading: _Reading, limits: ParseLimits, photo: bool
) -> list[Problem]:
    problems: list[Problem] = []
    if confidence:
        words = {n: reading.read[n].words for n in confidence}
        mean = sum(confidence[n] * words[n] for n in confidence) / max(sum(words.values()), 1)
        problems.append(
            Problem(
                "ocr_text",
                f"Teks hasil OCR (keyakinan rata-rata {mean:.0f} %) pada halaman {page_ranges(confidence)}.",
                "Teks dibaca mesin dari gambar: cocokkan nomor, tanggal, dan nama penting dengan dokumen aslinya.",
                "info",
            )
        )
    low = [n for n, c in confidence.items() if c < LOW_CONFIDENCE]
    if low:
        detail = ", ".join(f"{n}: {confidence[n]:.0f} %" for n in low[:10])
        problems.append(
            Problem(
                "ocr_low_confidence",
                f"Keyakinan OCR rendah pada halaman {page_ranges(low)} ({detail}); "
                "pemeriksaan isi (tanggal, nomor, tanda tangan) pada halaman ini bisa keliru.",
                _RESCAN,
                "warning",
            )
        )
    by_reason: dict[str, list[int]] = {}
    for number, reason in sorted(reading.failed.items()):
        by_reason.setdefault(reason, []).append(number)
    for reason, numbers in by_reason.items():
        problems.append(
            Problem("ocr_failed", f"OCR gagal pada halaman {page_ranges(numbers)}: {reason}.", _RESCAN, "warning")
        )
    unread = sorted(set(reading.failed) | set(reading.missed))
    if unread and not photo:
        every = len(unread) == len(candidates)
        where = f"semua {len(candidates)} halaman" if every else f"halaman {page_ranges(unread)}"
        hint = (
            f"Waktu baca per berkas ({limits.seconds:g} detik) habis sebelum OCR selesai: naikkan limits.seconds "
            "di zi-evidence.yaml atau pecah berkas menjadi beberapa bagian."
            if reading.missed
            else _RESCAN
        )
        problems.append(
            Problem("no_text_layer", f"Tidak ada lapisan teks (hasil pindai) — perlu OCR ({where}).", hint, "warning")
        )
    elif reading.missed:
        problems.append(
            Problem(
                "ocr_failed",
                f"OCR belum membaca halaman {page_ranges(reading.missed)}: waktu baca per berkas habis.",
                "Naikkan limits.seconds di zi-evidence.yaml atau pecah berkas menjadi beberapa bagian.",
                "warning",
            )
        )
    return problems


def page_ranges(numbers: Iterable[int]) -> str:
    """``[1, 2, 3, 5]`` → ``"1–3, 5"`` (the PDF parser's wording, so messages read alike)."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in runs)
