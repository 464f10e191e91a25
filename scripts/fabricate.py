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


# --- Reproducible output -------------------------------------------------------------------------
# The sample repository is committed, so regenerating it must give the same bytes. reportlab does
# that with ``invariant=1``; the zip-based formats and a few libraries need the helpers below.

FIXED_ZIP_TIME = (2026, 1, 15, 9, 0, 0)


def normalize_zip(path: Path, date_time: tuple[int, int, int, int, int, int] = FIXED_ZIP_TIME) -> Path:
    """Rewrite a DOCX/XLSX in place with fixed member timestamps and a fixed ``dcterms:modified``.

    python-docx and openpyxl stamp every zip member with the current time, and openpyxl also sets
    the core "modified" property on save; both would make each regeneration differ.
    """
    import re
    import zipfile

    stamp = datetime(*date_time).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, info.compress_type, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, compress_type, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\2", data)
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = compress_type
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())
    return path


class reproducible_randomness:
    """Context manager: ``secrets.token_bytes`` (pypdf's file ids and AES IVs) drawn from a seed.

    Only for fabricating fixtures; never around real encryption.
    """

    def __init__(self, seed: int) -> None:
        import random

        self._random = random.Random(seed)

    def __enter__(self) -> reproducible_randomness:
        import secrets

        self._saved = secrets.token_bytes
        secrets.token_bytes = lambda n=32: self._random.randbytes(32 if n is None else n)  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        import secrets

        secrets.token_bytes = self._saved  # type: ignore[assignment]


def make_scanned_pdf_fixed(path: Path, pages: Sequence[Sequence[str]], angle: float = 0.0) -> Path:
    """Like ``make_scanned_pdf`` but reproducible (fixed creation/modification dates), with an
    optional skew; greyscale JPEG pages (quality 60) keep the file small."""
    import time

    path.parent.mkdir(parents=True, exist_ok=True)
    images = [render_text_image(lines, angle=angle) for lines in pages]
    fixed = time.struct_time(FIXED_DATE.timetuple())
    images[0].save(
        path,
        "PDF",
        resolution=150.0,
        save_all=True,
        append_images=images[1:],
        creationDate=fixed,
        modDate=fixed,
        producer="Scanner Kantor",
        quality=60,
    )
    return path


def make_truncated_pdf(path: Path, pages: Sequence[str], keep: float = 0.45) -> Path:
    """A PDF cut off part-way (an interrupted copy or upload): starts like a PDF, has no trailer."""
    buffer = io.BytesIO()
    make_pdf_bytes(buffer, pages)
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[: max(16, int(len(data) * keep))])
    return path


# --- Office-looking documents ---------------------------------------------------------------------


def make_formatted_pdf(
    path: Path,
    pages: Sequence[str],
    title: str = "",
    author: str = "",
    subject: str = "",
    letterhead: Sequence[str] = (),
    created: datetime | None = None,
) -> Path:
    """A text PDF laid out like an office document (reproducible, ``invariant=1``).

    One string per intended page; a page that overflows continues on the next. Line markup:
    ``# text`` bold and centred, ``## text`` bold, ``> text`` in the right-hand signature column,
    ``---`` a horizontal rule, ``| a | b |`` a table row (cells wrap), anything else wrapped text.
    ``letterhead`` lines (kop surat) are drawn centred above a double rule on page 1. ``created`` is
    written as both creation and modification date (default ``FIXED_DATE``; reportlab's invariant
    mode alone would write 2000-01-01).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    pdf.setSubject(subject)
    pdf.setCreator("Microsoft Word")
    stamp = created or FIXED_DATE
    pdf.setDateFormatter(lambda *_: stamp.strftime("D:%Y%m%d%H%M%S+07'00'"))
    width, height = A4
    left, right, top, bottom = 64.0, width - 56.0, height - 64.0, 64.0
    size, leading = 10.5, 14.0
    state = {"y": top, "page": 1}

    def new_page() -> None:
        pdf.setFont("Helvetica", 8)
        pdf.drawCentredString(width / 2, 36, f"Halaman {state['page']}")
        pdf.showPage()
        state["page"] += 1
        state["y"] = top

    def need(amount: float) -> None:
        if state["y"] - amount < bottom:
            new_page()

    if letterhead:
        for line in letterhead:
            # upper-case lines are the institution's names, the rest (address, web) small print
            font, fsize = ("Helvetica-Bold", 12.5) if line.isupper() else ("Helvetica", 8.5)
            while fsize > 5 and stringWidth(line, font, fsize) > right - left:
                fsize -= 0.5
            pdf.setFont(font, fsize)
            pdf.drawCentredString(width / 2, state["y"], line)
            state["y"] -= fsize + 3
        pdf.setLineWidth(1.6)
        pdf.line(left, state["y"], right, state["y"])
        pdf.setLineWidth(0.5)
        pdf.line(left, state["y"] - 3, right, state["y"] - 3)
        state["y"] -= 22

    for index, page_text in enumerate(pages):
        if index and state["y"] != top:
            new_page()
        for raw in page_text.splitlines():
            line = raw.rstrip()
            if line == "---":
                need(8)
                pdf.line(left, state["y"] + 4, right, state["y"] + 4)
                state["y"] -= 8
            elif line.startswith("|"):
                cells = [c.strip() for c in line.strip("|").split("|")]
                col = (right - left) / len(cells)
                wrapped = [simpleSplit(c, "Helvetica", 9, col - 6) or [""] for c in cells]
                row_h = 12.0 * max(len(w) for w in wrapped) + 4
                need(row_h)
                y0 = state["y"] + 10
                pdf.setFont("Helvetica", 9)
                for c, lines in enumerate(wrapped):
                    x = left + c * col
                    pdf.rect(x, y0 - row_h, col, row_h)
                    for k, text in enumerate(lines):
                        pdf.drawString(x + 3, y0 - 11 - 12 * k, text)
                state["y"] -= row_h
            elif line.startswith("# "):
                for part in simpleSplit(line[2:], "Helvetica-Bold", 11.5, right - left):
                    need(leading)
                    pdf.setFont("Helvetica-Bold", 11.5)
                    pdf.drawCentredString(width / 2, state["y"], part)
                    state["y"] -= leading + 1
            elif line.startswith("## "):
                for part in simpleSplit(line[3:], "Helvetica-Bold", size, right - left):
                    need(leading)
                    pdf.setFont("Helvetica-Bold", size)
                    pdf.drawString(left, state["y"], part)
                    state["y"] -= leading
            elif line.startswith(">"):
                for part in simpleSplit(line[1:].strip(), "Helvetica", size, right - width / 2 - 40) or [""]:
                    need(leading)
                    pdf.setFont("Helvetica", size)
                    pdf.drawString(width / 2 + 40, state["y"], part)
                    state["y"] -= leading
            else:
                parts = simpleSplit(line, "Helvetica", size, right - left) or [""]
                for part in parts:
                    need(leading)
                    pdf.setFont("Helvetica", size)
                    pdf.drawString(left, state["y"], part)
                    state["y"] -= leading
    pdf.setFont("Helvetica", 8)
    pdf.drawCentredString(width / 2, 36, f"Halaman {state['page']}")
    pdf.showPage()
    pdf.save()
    return path


def make_screenshot(
    path: Path, title: str, url: str, lines: Sequence[str], size: tuple[int, int] = (1280, 720)
) -> Path:
    """A PNG 'tangkapan layar': a browser window with an address bar, a page heading and text lines."""
    from PIL import Image, ImageDraw, ImageFont

    def font(px: int):  # type: ignore[no-untyped-def]
        try:
            return ImageFont.load_default(size=px)
        except TypeError:  # Pillow < 10.1
            return ImageFont.load_default()

    image = Image.new("RGB", size, (246, 247, 249))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 38), fill=(222, 225, 230))
    for i, colour in enumerate(((237, 106, 94), (245, 191, 79), (98, 197, 84))):
        draw.ellipse((14 + 22 * i, 13, 26 + 22 * i, 25), fill=colour)
    draw.rounded_rectangle((110, 7, size[0] - 110, 31), radius=10, fill=(255, 255, 255))
    draw.text((126, 11), url, fill=(60, 60, 60), font=font(15))
    draw.rectangle((0, 38, size[0], 100), fill=(18, 52, 107))
    draw.text((32, 54), title, fill=(255, 255, 255), font=font(26))
    y = 130
    for line in lines:
        if line.startswith("[") and line.endswith("]"):
            draw.rounded_rectangle((32, y - 6, 40 + 11 * len(line), y + 26), radius=6, fill=(34, 120, 200))
            draw.text((42, y), line.strip("[]"), fill=(255, 255, 255), font=font(18))
        else:
            draw.text((32, y), line, fill=(30, 30, 30), font=font(19))
        y += 40
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", optimize=True)
    return path


def make_event_photo(path: Path, caption: str, seed: int, size: tuple[int, int] = (960, 640)) -> Path:
    """A JPEG 'foto kegiatan' that differs per seed: a room, a banner with the caption, and people."""
    import random

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    wall = tuple(rng.randint(150, 215) for _ in range(3))
    image = Image.new("RGB", size, wall)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((0, int(h * 0.72), w, h), fill=tuple(max(0, c - 70) for c in wall))
    draw.rectangle((int(w * 0.12), 40, int(w * 0.88), 150), fill=(176, 28, 38))
    try:
        font = ImageFont.load_default(size=30)
    except TypeError:
        font = ImageFont.load_default()
    draw.text((int(w * 0.12) + 20, 78), caption[:48], fill=(255, 255, 255), font=font)
    for _ in range(rng.randint(5, 11)):
        x = rng.randint(20, w - 80)
        y = rng.randint(int(h * 0.42), int(h * 0.62))
        shirt = rng.choice([(30, 60, 120), (230, 230, 230), (120, 90, 40), (20, 20, 20), (60, 110, 70)])
        draw.ellipse((x + 12, y - 46, x + 52, y - 4), fill=(rng.randint(150, 200), rng.randint(110, 150), 90))
        draw.rounded_rectangle((x, y, x + 64, y + 150), radius=18, fill=shirt)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.frombytes("L", (w // 3, h // 3), rng.randbytes((w // 3) * (h // 3)))
    image = Image.blend(image, grain.resize(size).convert("RGB"), 0.07)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=72)
    return path


# --- Office and text formats beyond DOCX/XLSX (PPTX, OpenDocument, RTF, HTML, MHT, e-mail) ---------------

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
)


def _xml_text(value: object) -> str:
    from xml.sax.saxutils import escape

    return escape(str(value))


def make_pptx(path: Path, slides: Sequence[tuple[str, str, str]], title: str = "", author: str = "") -> Path:
    """A PPTX deck: one (title, body, speaker notes) per slide, fixed properties and zip times."""
    import pptx

    deck = pptx.Presentation()
    for heading, body, notes in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        slide.placeholders[1].text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    props = deck.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = FIXED_DATE
    path.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(path))
    return normalize_zip(path)


def odt_body(pages: Sequence[Sequence[str]]) -> str:
    """ODT content: paragraphs, pages separated by the soft page breaks Writer writes."""
    parts = []
    for number, paragraphs in enumerate(pages):
        if number:
            parts.append("<text:soft-page-break/>")
        parts += [f"<text:p>{_xml_text(p)}</text:p>" for p in paragraphs]
    return f"<office:text>{''.join(parts)}</office:text>"


def ods_body(sheets: dict[str, Sequence[Sequence[object]]]) -> str:
    """ODS content: one table per sheet, a cell per value."""
    tables = []
    for name, rows in sheets.items():
        xml_rows = "".join(
            "<table:table-row>"
            + "".join(f"<table:table-cell><text:p>{_xml_text(v)}</text:p></table:table-cell>" for v in row)
            + "</table:table-row>"
            for row in rows
        )
        tables.append(f'<table:table table:name="{_xml_text(name)}">{xml_rows}</table:table>')
    return f"<office:spreadsheet>{''.join(tables)}</office:spreadsheet>"


def odp_body(slides: Sequence[tuple[str, str]]) -> str:
    """ODP content: one draw:page per (slide text, speaker notes)."""
    pages = []
    for number, (text, notes) in enumerate(slides, 1):
        frame = f"<draw:frame><draw:text-box><text:p>{_xml_text(text)}</text:p></draw:text-box></draw:frame>"
        note = (
            f"<presentation:notes><draw:frame><draw:text-box><text:p>{_xml_text(notes)}</text:p>"
            "</draw:text-box></draw:frame></presentation:notes>"
            if notes
            else ""
        )
        pages.append(f'<draw:page draw:name="Slide {number}">{frame}{note}</draw:page>')
    return f"<office:presentation>{''.join(pages)}</office:presentation>"


def make_odf(
    path: Path, kind: str, body: str, title: str = "", author: str = "", encrypted: bool = False, content: str = ""
) -> Path:
    """An OpenDocument package written by hand: ``kind`` is text, spreadsheet or presentation.

    ``encrypted`` declares content.xml encrypted in the manifest (as LibreOffice does for a password);
    ``content`` replaces the whole content.xml (for broken files)."""
    import zipfile

    mime = f"application/vnd.oasis.opendocument.{kind}"
    content = content or (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:body>{body}</office:body></office:document-content>"
    )
    stamp = FIXED_DATE.isoformat()
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODF_NS}><office:meta>'
        f"<dc:title>{_xml_text(title)}</dc:title><meta:initial-creator>{_xml_text(author)}</meta:initial-creator>"
        f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date></office:meta></office:document-meta>"
    )
    secret = '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>' if encrypted else ""
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {_ODF_NS}>'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{secret}'
        "</manifest:file-entry></manifest:manifest>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as package:
        for name, data, method in (
            ("mimetype", mime, zipfile.ZIP_STORED),  # first and uncompressed, as the standard asks
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("meta.xml", meta, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = method
            info.external_attr = 0o600 << 16
            package.writestr(info, data)
    return path


def make_rtf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """An RTF document: paragraphs, pages separated by ``\\page``; non-ASCII letters as ``\\'xx`` escapes."""

    def escape(text: str) -> str:
        out = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        return "".join(c if ord(c) < 128 else f"\\'{c.encode('cp1252', 'replace')[0]:02x}" for c in out)

    body = "\\page\n".join("".join(f"{{\\pard {escape(p)}\\par}}\n" for p in page) for page in pages)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"{{\\rtf1\\ansi\\ansicpg1252\\deff0{{\\fonttbl{{\\f0 Arial;}}}}\n{body}}}\n".encode("ascii"))
    return path


def page_html(title: str, paragraphs: Sequence[str]) -> str:
    """A saved web page with a script and a style that must not be read as text."""
    body = "".join(f"<p>{_xml_text(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{_xml_text(title)}</title>'
        "<style>body { font-family: sans-serif; } .rahasia { color: red; }</style>"
        "<script>var skripTersembunyi = 'jangan dibaca';</script></head>"
        f"<body><h1>{_xml_text(title)}</h1>{body}</body></html>"
    )


def make_html(path: Path, title: str, paragraphs: Sequence[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_html(title, paragraphs), encoding="utf-8")
    return path


def make_mht(path: Path, title: str, paragraphs: Sequence[str], url: str = "https://example.go.id/berita") -> Path:
    """An MHT page as browsers save it: multipart/related, the HTML quoted-printable, a picture part."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = title
    message["Date"] = "Thu, 15 Jan 2026 09:00:00 +0700"
    message["Snapshot-Content-Location"] = url
    message.set_content(page_html(title, paragraphs), subtype="html", cte="quoted-printable")
    message.make_related()
    message.add_related(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png", cid="<gambar@zi>")
    message.set_boundary("----MultipartBoundary--zi-evidence")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(message.as_bytes())
    return path


def make_eml(
    path: Path,
    subject: str,
    sender: str,
    body: str,
    attachments: Sequence[tuple[str, bytes]] = (),
    date: str = "Thu, 15 Jan 2026 09:00:00 +0700",
) -> Path:
    """A saved e-mail: plain-text body and named attachments, with a fixed boundary for stable bytes."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = sender
    message["To"] = "tim.zi@example.go.id"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = "<undangan-2026@example.go.id>"
    message.set_content(body)
    for filename, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=filename)
    if attachments:
        message.set_boundary("----=_Bagian_zi-evidence")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(message.as_bytes())
    return path


# --- Archives, HEIC photos, recordings and shortcuts (what real drives hold besides documents) -----------


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A ZIP of the given members (deflated, fixed timestamps, so regenerating gives the same bytes)."""
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return path


def make_heic(path: Path, caption: str, taken: str = "2026:03:12 09:30:00", size: tuple[int, int] = (320, 240)) -> Path:
    """A HEIC photo (pillow-heif) whose EXIF says when it was taken (``DateTimeOriginal``)."""
    from PIL import Image, ImageDraw
    from pillow_heif import register_heif_opener

    register_heif_opener()
    image = Image.new("RGB", size, (70, 120, 170))
    ImageDraw.Draw(image).text((12, size[1] - 24), caption, fill=(255, 255, 255))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 12"  # Make, Model
    exif.get_ifd(0x8769)[0x9003] = taken  # Exif IFD: DateTimeOriginal
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "HEIF", exif=exif.tobytes(), quality=60)
    return path


def make_wav(path: Path, seconds: float = 1.0, title: str = "", date: str = "", rate: int = 8000) -> Path:
    """A mono 16-bit WAV tone with a RIFF INFO list (INAM title, ICRD date), written byte by byte: the same
    bytes on every run, and readable by ffprobe as the ``title`` and ``date`` tags."""
    import math
    import struct

    frames = int(seconds * rate)
    samples = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(frames))
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    info = b""
    for key, value in ((b"INAM", title), (b"ICRD", date)):
        if value:
            data = value.encode("utf-8") + b"\x00"
            data += b"\x00" * (len(data) % 2)
            info += key + struct.pack("<I", len(data)) + data
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    if info:
        chunks += b"LIST" + struct.pack("<I", len(info) + 4) + b"INFO" + info
    chunks += b"data" + struct.pack("<I", len(samples)) + samples
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(chunks) + 4) + b"WAVE" + chunks)
    return path


def make_drive_shortcut(path: Path, doc_id: str, url: str = "") -> Path:
    """A Google Drive for desktop shortcut (.gdoc/.gsheet/.gslides): JSON with the document's id (and url)."""
    import json

    value = {"doc_id": doc_id, "resource_key": "", "email": "tim.zi@example.go.id"}
    if url:
        value["url"] = url
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def make_url_shortcut(path: Path, url: str) -> Path:
    """A Windows internet shortcut (.url), as a browser saves it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"[InternetShortcut]\r\nURL={url}\r\n".encode())
    return path
