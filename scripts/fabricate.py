"""Makes real evidence files (PDF, DOCX, XLSX, images) for the sample repository, tests and benchmarks.

Needs the ``test`` extra (reportlab); Pillow, python-docx, openpyxl and pypdf come with the package.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

FIXED_DATE = datetime(2026, 1, 15, 9, 0, 0)


def make_pdf(path: Path, pages: Sequence[str], title: str = "", author: str = "") -> Path:
    """A PDF with a real text layer: one string per page, lines split on newlines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    width, height = A4
    for page_text in pages:
        text = pdf.beginText(56, height - 72)
        text.setFont("Helvetica", 11)
        for line in page_text.splitlines() or [""]:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return path


def render_text_image(lines: Sequence[str], size: tuple[int, int] = (1240, 1754), angle: float = 0.0):
    """A white page image with black text, like a scan (Pillow ``Image``)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=34)
    except TypeError:  # Pillow < 10.1 has no sized default font
        font = ImageFont.load_default()
    y = 120
    for line in lines:
        draw.text((100, y), line, fill=0, font=font)
        y += 56
    if angle:
        image = image.rotate(angle, expand=False, fillcolor=255)
    return image


def make_scanned_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """An image-only PDF (no text layer), as a scanner produces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    images = [render_text_image(lines).convert("RGB") for lines in pages]
    images[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    return path


def make_encrypted_pdf(path: Path, pages: Sequence[str], password: str = "rahasia") -> Path:
    from pypdf import PdfReader, PdfWriter

    buffer = io.BytesIO()
    make_pdf_bytes(buffer, pages)
    writer = PdfWriter(clone_from=PdfReader(buffer))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer.write(out)
    return path


def make_pdf_bytes(buffer: io.BytesIO, pages: Sequence[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for page_text in pages:
        text = pdf.beginText(56, A4[1] - 72)
        for line in page_text.splitlines() or [""]:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    buffer.seek(0)


def make_docx(
    path: Path,
    paragraphs: Sequence[str],
    table: Sequence[Sequence[str]] | None = None,
    header: str = "",
    footer: str = "",
    title: str = "",
    author: str = "",
) -> Path:
    """A DOCX with paragraphs, an optional table, header/footer and core properties."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    props = document.core_properties
    props.title = title
    props.author = author
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def make_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]], title: str = "") -> Path:
    """An XLSX workbook, one sheet per key, rows of cell values."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.properties.title = title
    workbook.properties.created = FIXED_DATE
    workbook.properties.modified = FIXED_DATE
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(str(path))
    return path


def make_photo(path: Path, caption: str, size: tuple[int, int] = (640, 420)) -> Path:
    """A JPEG or PNG 'foto kegiatan': coloured shapes and a caption (format from the suffix)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (90, 140, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 260, size[0] - 40, size[1] - 30), fill=(200, 60, 50))
    draw.ellipse((60, 60, 180, 180), fill=(240, 210, 80))
    draw.text((50, size[1] - 26), caption, fill=(255, 255, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = "PNG" if path.suffix.lower() == ".png" else "JPEG"
    image.save(path, fmt, quality=80)
    return path
