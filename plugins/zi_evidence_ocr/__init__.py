"""Built-in OCR plugin: scanned PDF pages and images become text, when Tesseract (with ``ind``) is installed.

Without Tesseract, its Indonesian data, or the ``ocr`` extra the parser declines, the plain PDF and image
parsers run, and scanned files stay marked "perlu OCR". ``status()`` says which case applies.
"""

from __future__ import annotations

import os

from zi_evidence import ExternalInputs, hookimpl

from .engine import probe
from .parser import PDF, OcrParser, unavailable_reason

ENABLE_HINT = (
    "Aktifkan OCR: pip install 'zi-evidence[ocr]' dan paket sistem tesseract-ocr tesseract-ocr-ind "
    "(Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-ind)."
)


def status() -> str:
    """One line for ``zi-evidence plugins``: whether OCR runs here, with which engine and languages."""
    engine = probe()
    if not engine.available:
        return f"OCR tidak aktif: {engine.reason}. {ENABLE_HINT}"
    line = f"OCR aktif: tesseract {engine.version}, bahasa {engine.language_arg}"
    pdf_reason = unavailable_reason(PDF)
    if pdf_reason:
        return f"{line} (hanya gambar; PDF hasil pindai tidak dibaca: {pdf_reason})"
    return line


@hookimpl
def register_parsers() -> list[type]:
    return [OcrParser]


@hookimpl
def external_inputs() -> ExternalInputs:
    """Tesseract is looked for on PATH and lists its languages from a folder: an install or a removal of either
    changes these folders (and the program's file), so that the parser's version is asked again."""
    engine = probe()
    folders = [folder for folder in os.environ.get("PATH", "").split(os.pathsep) if folder]
    found = [os.path.realpath(engine.executable)] if engine.executable else []
    languages = [engine.language_folder] if engine.language_folder else []
    return ExternalInputs((*folders, *found, *languages), ("PATH", "TESSDATA_PREFIX"))
