"""Built-in zi-evidence plugin: the PDF converters of the upload bundle.

``images`` puts photos and screenshots into a PDF with img2pdf (lossless: the JPEG bytes are embedded as
they are; deterministic), the photos of one activity folder as one PDF. ``office`` prints DOCX, XLSX, PPTX
and OpenDocument files to PDF with LibreOffice headless, when it is installed.
"""

from __future__ import annotations

from zi_evidence import hookimpl


@hookimpl
def register_converters() -> list[type]:
    from zi_evidence_convert.images import ImageConverter
    from zi_evidence_convert.office import OfficeConverter

    return [ImageConverter, OfficeConverter]


def status() -> str:
    """One line for ``zi-evidence plugins``: which converters run here (LibreOffice at its default name)."""
    from zi_evidence_convert.images import ImageConverter
    from zi_evidence_convert.office import OfficeConverter

    photos = f"foto ke PDF: {ImageConverter({}).version()}"
    office = OfficeConverter({})
    missing = office.missing()
    if missing is not None:
        return f"{photos}; berkas Office tidak diubah ke PDF: {missing.message} {missing.hint}"
    return f"{photos}; berkas Office ke PDF: {office.version()}"
