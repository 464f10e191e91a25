"""Scanned-looking evidence made by the tests: Indonesian text drawn on a page, tilted, speckled, compressed.

The ``scans`` fixture hands out the page texts and the makers below."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

SK_PAGE_1 = (
    "KEPUTUSAN KEPALA KANTOR PELAYANAN PAJAK PRATAMA",
    "NOMOR KEP-123/WPJ.07/2026 TAHUN 2026",
    "TENTANG",
    "TIM PEMBANGUNAN ZONA INTEGRITAS",
)
SK_PAGE_2 = (
    "Ditetapkan di Bandung",
    "pada tanggal 12 Januari 2026",
    "Seluruh pegawai wajib menolak gratifikasi.",
    "KEPALA KANTOR",
)
HADIR = ("DAFTAR HADIR RAPAT", "Sosialisasi antikorupsi", "Bandung, 12 Januari 2026")


def _scanned_page(fabricate, lines: Sequence[str], seed: int, angle: float = 1.5):
    """A grayscale page image like a cheap scan: slightly rotated, with dust specks."""
    image = fabricate.render_text_image(list(lines), angle=angle)
    rng = random.Random(seed)
    pixels = image.load()
    for _ in range(image.width * image.height // 200):
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 90, 160))
    return image


def _scanned_pdf(fabricate, path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """An image-only PDF (no text layer), one speckled page image per page."""
    images = [_scanned_page(fabricate, lines, seed).convert("RGB") for seed, lines in enumerate(pages)]
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    return path


def _scanned_jpg(fabricate, path: Path, lines: Sequence[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _scanned_page(fabricate, lines, seed=9, angle=-2.0).convert("RGB").save(path, "JPEG", quality=75)
    return path


def _mixed_pdf(fabricate, path: Path, text_page: str, scanned_lines: Sequence[str]) -> Path:
    """Page 1 with a real text layer, page 2 a scan: only page 2 needs OCR."""
    from pypdf import PdfReader, PdfWriter

    text = io.BytesIO()
    fabricate.make_pdf_bytes(text, [text_page])
    scan = io.BytesIO()
    _scanned_page(fabricate, scanned_lines, seed=3).convert("RGB").save(scan, "PDF", resolution=150.0)
    writer = PdfWriter()
    for source in (text, scan):
        writer.append(PdfReader(source))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer.write(out)
    return path


@pytest.fixture(scope="session")
def scans(fabricate):
    """The page texts (``SK_PAGE_1``, ``SK_PAGE_2``, ``HADIR``) and ``scanned_page|pdf|jpg``, ``mixed_pdf``."""
    return SimpleNamespace(
        SK_PAGE_1=SK_PAGE_1,
        SK_PAGE_2=SK_PAGE_2,
        HADIR=HADIR,
        scanned_page=partial(_scanned_page, fabricate),
        scanned_pdf=partial(_scanned_pdf, fabricate),
        scanned_jpg=partial(_scanned_jpg, fabricate),
        mixed_pdf=partial(_mixed_pdf, fabricate),
    )
