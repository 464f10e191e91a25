"""Built-in image cataloguer (Pillow): photos and screenshots are evidence too, without text.

Only the header is read (size, frames, EXIF date): nothing is decoded, so a huge photo costs
nothing here. Text from images is the job of a separate OCR plugin.
"""

from __future__ import annotations

import struct
import warnings
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from zi_evidence import BaseParser, ParsedDocument, ParseFailure, ParseLimits, hookimpl, open_for_parse

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
#: ISO base media brands of HEIC/HEIF stills (iPhones save photos so since iOS 11)
_HEIF_BRANDS = {b"heic": "image/heic", b"heix": "image/heic", b"heim": "image/heic", b"heis": "image/heic",
                b"mif1": "image/heif", b"msf1": "image/heif"}  # fmt: skip
_FORMATS = ("JPEG", "PNG", "TIFF", "HEIF")
_REUPLOAD = "Buka gambar lalu simpan ulang (misalnya sebagai JPG), kemudian unggah kembali."


@cache
def _broken() -> tuple[type[BaseException], ...]:
    # Pillow is loaded where an image is read: registering the parser stays cheap
    from PIL import UnidentifiedImageError

    return (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error)


@cache
def _register_heif() -> None:
    """pillow-heif adds HEIF to Pillow's openers; done once, where the first image is read."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


class ImageParser(BaseParser):
    """JPEG, PNG, TIFF and HEIC/HEIF: catalogued with their size and date taken, no text."""

    name: ClassVar[str] = "image"
    version: ClassVar[str] = "2"
    mime_types: ClassVar[tuple[str, ...]] = ("image/jpeg", "image/png", "image/tiff", "image/heic", "image/heif")
    empty_hint: ClassVar[str] = _REUPLOAD

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        for magic, mime in _MAGIC:
            if head.startswith(magic):
                return mime
        return _HEIF_BRANDS.get(head[8:12]) if head[4:8] == b"ftyp" else None

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        from PIL import Image

        _register_heif()
        handle = open_for_parse(path)
        with handle, warnings.catch_warnings():
            # nothing is decoded here; the hard limit (DecompressionBombError) still applies
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            self.check_not_empty(handle)
            try:
                with Image.open(handle, formats=_FORMATS) as image:
                    frames = max(int(getattr(image, "n_frames", 1) or 1), 1)
                    metadata = {"format": str(image.format), "width": str(image.width), "height": str(image.height)}
                    # PNG keeps EXIF after the pixels: reading it would decode the image
                    if image.format in ("JPEG", "TIFF", "HEIF"):
                        metadata.update(_exif_metadata(image.getexif()))
            except Image.DecompressionBombError as exc:
                raise ParseFailure(
                    "too_large",
                    "Ukuran gambar (jumlah piksel) tidak wajar; kemungkinan berkas jebakan, tidak diproses.",
                    "Perkecil resolusi gambar, simpan ulang, lalu unggah kembali.",
                ) from exc
            except _broken() as exc:
                raise ParseFailure(
                    "corrupt", f"Berkas gambar rusak atau tidak dikenali: {exc or type(exc).__name__}.", _REUPLOAD
                ) from exc
        return ParsedDocument(("",) * min(frames, limits.pages), frames, metadata)


def _exif_metadata(exif: Any) -> dict[str, str]:
    """Date taken (a photo of an activity must fall in the assessment period), author, camera, software."""
    from PIL import ExifTags

    base = ExifTags.Base
    try:
        detail = exif.get_ifd(ExifTags.IFD.Exif)
    except _broken():
        detail = {}
    values = {
        # the moment the shutter was pressed: the evidence's own date (zi_evidence.dates reads it first)
        "taken": _exif_date(detail.get(base.DateTimeOriginal)),
        "created": _exif_date(detail.get(base.DateTimeOriginal) or exif.get(base.DateTime)),
        "modified": _exif_date(exif.get(base.DateTime)),
        "author": exif.get(base.Artist),
        "title": exif.get(base.ImageDescription),
        "camera": " ".join(str(part).strip() for part in (exif.get(base.Make), exif.get(base.Model)) if part),
        "producer": exif.get(base.Software),
    }
    return {key: str(value).strip("\x00 ") for key, value in values.items() if value and str(value).strip("\x00 ")}


def _exif_date(raw: object) -> str | None:
    """``2026:01:15 09:00:00`` → ``2026-01-15T09:00:00``; cameras with an unset clock write zeros."""
    if not isinstance(raw, str):
        return None
    try:
        return datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return None


@hookimpl
def register_parsers() -> list[type]:
    return [ImageParser]
