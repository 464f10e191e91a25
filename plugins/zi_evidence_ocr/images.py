"""Page images for Tesseract, kept in memory: PDF pages rendered with pypdfium2, image files via Pillow.

Nothing is written to disk: each page goes to Tesseract on stdin as a grayscale PNM (no compression
work, and Leptonica reads it natively). The original file is only ever opened for reading.
"""

from __future__ import annotations

import io
import math
import warnings
from pathlib import Path
from typing import Any

#: The resolution Tesseract is trained for; bigger pages are rendered lower so memory stays bounded.
RENDER_DPI = 300
MIN_RENDER_DPI = 150
MAX_PIXELS = 40_000_000  # about A2 at 300 dpi: 40 MB as grayscale
#: Below this a stated resolution is a camera default (72/96 dpi), not a scanner's: let Tesseract guess.
TRUSTED_DPI = 150
POINTS_PER_INCH = 72


def pnm_bytes(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PPM")  # 'L' images are written as binary PGM
    return buffer.getvalue()


class PdfPages:
    """An open PDF (pypdfium2) that renders chosen pages; use as a context manager."""

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium  # imported in the worker only: PDFium is initialised per process

        self._pdfium = pdfium
        self.document = pdfium.PdfDocument(str(path))

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.document.close()

    def scan_dpi(self, number: int) -> int | None:
        """The resolution to render page ``number`` (1-based) at, or ``None`` when it paints no image (blank).

        That is the resolution of its largest image, within [MIN_RENDER_DPI, RENDER_DPI]: rendering a
        150 dpi scan at 300 dpi only magnifies its specks, and Tesseract reads it worse.
        """
        best: tuple[float, float] | None = None  # (area on the page, dpi)
        try:
            page = self.document[number - 1]
        except Exception:  # noqa: BLE001 - a damaged page: rendering it will say what is wrong
            return RENDER_DPI
        try:
            kinds = [self._pdfium.raw.FPDF_PAGEOBJ_IMAGE]
            for image in page.get_objects(filter=kinds, max_depth=2):
                left, bottom, right, top = image.get_bounds()
                inches = max(abs(right - left), abs(top - bottom)) / POINTS_PER_INCH
                if inches <= 0:
                    continue
                area = abs(right - left) * abs(top - bottom)
                if best is None or area > best[0]:
                    best = (area, max(image.get_px_size()) / inches)
        except Exception:  # noqa: BLE001 - as above
            return RENDER_DPI
        finally:
            page.close()
        if best is None:
            return None
        return int(min(RENDER_DPI, max(MIN_RENDER_DPI, best[1])))

    def render(self, number: int, dpi: int) -> tuple[bytes, int]:
        """Page ``number`` as a grayscale PNM and the resolution it was rendered at (lower for huge pages)."""
        page = self.document[number - 1]
        try:
            width, height = page.get_size()
            area = max(width * height, 1.0) / POINTS_PER_INCH**2
            if area * dpi * dpi > MAX_PIXELS:
                dpi = max(int(math.sqrt(MAX_PIXELS / area)), 1)
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True, draw_annots=True)
            try:
                image = bitmap.to_pil().convert("L")
            finally:
                bitmap.close()
            return pnm_bytes(image), dpi
        finally:
            page.close()


class ImageFrames:
    """An open image file (Pillow) whose frames are prepared one at a time; use as a context manager."""

    def __init__(self, path: Path) -> None:
        from PIL import Image

        with warnings.catch_warnings():
            # the image parser already refused real bombs (over Pillow's hard limit); big scans are fine
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            self.image = Image.open(path, formats=("JPEG", "PNG", "TIFF"))

    def __enter__(self) -> ImageFrames:
        return self

    def __exit__(self, *exc: object) -> None:
        self.image.close()

    def render(self, number: int) -> tuple[bytes, int | None]:
        """Frame ``number`` (1-based; a TIFF can hold many pages) upright, grayscale, as PNM, with its dpi."""
        self.image.seek(number - 1)
        return _prepare(self.image)


def _prepare(frame: Any) -> tuple[bytes, int | None]:
    from PIL import Image, ImageOps

    dpi = _trusted_dpi(frame.info.get("dpi"))
    original = max(frame.size)
    if frame.width * frame.height > MAX_PIXELS and frame.format == "JPEG":
        # JPEG can decode at 1/2, 1/4, 1/8 scale directly: a 100-megapixel photo never fills memory
        ratio = math.sqrt(MAX_PIXELS / (frame.width * frame.height))
        frame.draft("L", (int(frame.width * ratio), int(frame.height * ratio)))
    upright = ImageOps.exif_transpose(frame)  # phone photos are stored sideways with an orientation tag
    gray = upright.convert("L")
    if gray.width * gray.height > MAX_PIXELS:
        ratio = math.sqrt(MAX_PIXELS / (gray.width * gray.height))
        gray = gray.resize((int(gray.width * ratio), int(gray.height * ratio)), Image.Resampling.LANCZOS)
    if dpi and max(gray.size) != original:
        dpi = max(int(dpi * max(gray.size) / original), 1)
    return pnm_bytes(gray), dpi


def _trusted_dpi(value: Any) -> int | None:
    try:
        dpi = int(round(float(value[0])))
    except (TypeError, ValueError, IndexError):
        return None
    return dpi if dpi >= TRUSTED_DPI else None
