"""Photos and screenshots to PDF with img2pdf: each image one page at its own size, JPEG stored byte for byte,
PNG losslessly re-encoded; no date in the file, so the same photos always give the same PDF."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from zi_evidence import ConversionFailed, ConvertedPdf, Problem, SourceFile


class ImageConverter:
    name: ClassVar[str] = "img2pdf"
    label: ClassVar[str] = "foto/gambar ke PDF (img2pdf)"
    # HEIC/HEIF (phone photos) img2pdf cannot read: they are decoded with pillow-heif and stored as PNG
    mime_types: ClassVar[tuple[str, ...]] = ("image/jpeg", "image/png", "image/tiff", "image/heic", "image/heif")
    merge_folder: ClassVar[bool] = True

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings

    def missing(self) -> Problem | None:
        return None  # a dependency of zi-evidence itself

    def version(self) -> str:
        import img2pdf
        import pillow_heif

        return f"img2pdf {img2pdf.__version__} internal; pillow-heif {pillow_heif.__version__}"

    def convert(self, sources: Sequence[SourceFile], workdir: Path) -> ConvertedPdf:
        import img2pdf

        logging.getLogger("img2pdf").setLevel(logging.ERROR)  # its notes on alpha channels are not the user's
        try:
            # img2pdf's own writer: its /ID is a hash of the content, where the pikepdf engine (as img2pdf
            # 0.6 calls it with pikepdf >= 10) lets qpdf stamp a time-based one
            data = img2pdf.convert(
                [_readable(s) for s in sources],
                nodate=True,
                rotation=img2pdf.Rotation.ifvalid,
                engine=img2pdf.Engine.internal,
            )
        except Exception as exc:  # noqa: BLE001 - img2pdf raises many kinds for a damaged or odd image
            names = ", ".join(s.name for s in sources)
            raise ConversionFailed(f"gambar {names} tidak terbaca ({type(exc).__name__}: {exc})") from None
        assert isinstance(data, bytes)
        return ConvertedPdf(data, len(sources))


def _readable(source: SourceFile) -> bytes:
    """The bytes img2pdf takes: a HEIC/HEIF photo decoded (turned upright) and stored losslessly as PNG."""
    if source.mime not in ("image/heic", "image/heif"):
        return source.data
    import io

    from PIL import Image, ImageOps
    from pillow_heif import register_heif_opener

    register_heif_opener()
    with Image.open(io.BytesIO(source.data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    out = io.BytesIO()
    upright.save(out, format="PNG")
    return out.getvalue()
