"""An adversarial evidence drive, built on the fly: every input is small on disk and hostile when read.

The ``build_corpus`` fixture, ``build_corpus(root, outside)``, fills ``root`` and returns what each entry is
expected to become; ``canary_text`` is the text of the one file outside the tree.
Nothing large is committed or even written: bombs are compressed, the big file is sparse.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest

CANARY_TEXT = "kanari-rahasia-di-luar-pohon"


@dataclass
class Expected:
    files: dict[bytes, str] = field(default_factory=dict)  # path -> "ok", "problem" or problem codes "a|b" ("" = any)
    skipped: dict[bytes, str] = field(default_factory=dict)  # relative path -> skipped problem code
    canary: Path | None = None


def text_bomb_pdf(ops: int = 80_000) -> bytes:
    """A ~15 KB PDF that draws megabytes of text on one page: pypdf's extraction time grows quadratically."""
    content = b"BT /F1 1 Tf " + (b"(" + b"a" * 48 + b") Tj 0 -1 Td ") * ops + b"ET"
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def zip_bomb(path: Path, member: str, inflated_mb: int) -> None:
    """An Office-looking zip whose main XML inflates to ``inflated_mb`` MB of blanks (a few KB on disk)."""
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", types)
        with archive.open(member, "w", force_zip64=True) as handle:
            handle.write(b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>')
            block = b" " * (1 << 20)
            for _ in range(inflated_mb):
                handle.write(block)
            handle.write(b"</w:t></w:r></w:p></w:body></w:document>")


def _raw(root: Path, rel: bytes) -> bytes:
    return os.fsencode(root) + b"/" + rel


def _write(root: Path, rel: bytes, data: bytes) -> None:
    with open(_raw(root, rel), "wb") as handle:
        handle.write(data)


def _build_corpus(fabricate, overlong_tree, root: Path, outside: Path) -> Expected:
    make_docx, make_pdf = fabricate.make_docx, fabricate.make_pdf
    expected = Expected()
    outside.mkdir(parents=True, exist_ok=True)
    canary = outside / "CANARY-luar.pdf"
    make_pdf(canary, [CANARY_TEXT])
    expected.canary = canary

    make_pdf(root / "AREA I" / "1.i.a SK Tim.pdf", ["Surat keputusan tim pembangunan zona integritas"])
    expected.files[b"AREA I/1.i.a SK Tim.pdf"] = "ok"
    make_docx(root / "AREA I" / "notulen.docx", ["Notulen rapat pelayanan publik"])
    expected.files[b"AREA I/notulen.docx"] = "ok"

    hostile = root / "hostile"
    hostile.mkdir()
    zip_bomb(hostile / "bom.docx", "word/document.xml", 60)
    expected.files[b"hostile/bom.docx"] = "zip_bomb|too_large"
    zip_bomb(hostile / "bom.xlsx", "xl/worksheets/sheet1.xml", 60)
    expected.files[b"hostile/bom.xlsx"] = ""  # refused as a bomb, or not even recognised as a workbook
    (hostile / "teks-raksasa.pdf").write_bytes(text_bomb_pdf())
    # pypdf runs out of time on it; PDFium (read first, also under OCR) runs out of the worker's memory
    expected.files[b"hostile/teks-raksasa.pdf"] = "timeout|crashed|memory"
    with open(hostile / "jarang.pdf", "wb") as handle:  # 4 GiB apparent size, a few bytes on disk
        handle.write(b"%PDF-1.7\n")
        handle.truncate(4 << 30)
    expected.files[b"hostile/jarang.pdf"] = "too_large"
    (hostile / "rusak.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer <<>>")
    expected.files[b"hostile/rusak.pdf"] = "problem"
    (hostile / "kosong.docx").write_bytes(b"")
    expected.files[b"hostile/kosong.docx"] = "empty"
    (hostile / "bukan.docx").write_bytes(b"PK\x03\x04 not really a zip at all")
    expected.files[b"hostile/bukan.docx"] = "problem"

    os.mkfifo(hostile / "pipa.pdf")
    expected.skipped[b"hostile/pipa.pdf"] = "special_file"
    try:
        os.mknod(hostile / "nol.pdf", 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero as a PDF
        expected.skipped[b"hostile/nol.pdf"] = "special_file"
    except (PermissionError, OSError):
        pass

    (hostile / "tautan.pdf").symlink_to(canary)
    expected.skipped[b"hostile/tautan.pdf"] = "link"
    (hostile / "tautan-folder").symlink_to(outside, target_is_directory=True)
    expected.skipped[b"hostile/tautan-folder"] = "link"
    (hostile / "lingkar").symlink_to(root, target_is_directory=True)
    expected.skipped[b"hostile/lingkar"] = "link"
    os.link(canary, hostile / "keras.pdf")
    expected.skipped[b"hostile/keras.pdf"] = "hardlink_out"
    os.link(root / "AREA I" / "1.i.a SK Tim.pdf", hostile / "salinan-keras.pdf")  # both links inside: fine
    expected.files[b"hostile/salinan-keras.pdf"] = "ok"

    names = root / "nama"
    names.mkdir()
    odd = [
        b"bukan-utf8-\xff\xfe.pdf",
        b"baris\nbaru.pdf",
        "emoji-\U0001f4c4.pdf".encode(),
        "rtl-\u202egnp.pdf".encode(),
        b"-awalan-minus.pdf",
        b"naik..ke..atas.pdf",  # ".." inside a name (a leading dot would make it hidden: ignored)
        b"x" * 251 + b".pdf",
    ]
    for name in odd:
        make_pdf(Path(os.fsdecode(_raw(root, b"nama/" + name))), ["berkas bernama aneh tentang gratifikasi"])
        expected.files[b"nama/" + name] = "ok"

    folder = overlong_tree(root, b"panjang")
    expected.skipped[b"PREFIX:" + folder + b"/"] = "path_too_long"
    return expected


@pytest.fixture(scope="session")
def build_corpus(fabricate, overlong_tree):
    return partial(_build_corpus, fabricate, overlong_tree)


@pytest.fixture(scope="session")
def canary_text():
    return CANARY_TEXT
