"""The per-file problems every PDF parser reports, worded once so that both engines say the same thing."""

from __future__ import annotations

from zi_evidence import ParsedDocument, ParseFailure, ParseLimits, Problem

from ._dates import page_ranges

MIB = 1024 * 1024
#: A scanner stamp ("Scanned with CamScanner") or a page number is not a text layer.
SCANNED_MAX_CHARS = 40
REUPLOAD = "Minta berkas asli atau cetak ulang/pindai ulang ke PDF, lalu unggah kembali."


def is_thin(text: str) -> bool:
    """Too little text on a page to count as a text layer."""
    return len("".join(text.split())) < SCANNED_MAX_CHARS


def page_limit(total: int, wanted: int) -> Problem:
    return Problem(
        "page_limit",
        f"Dokumen terlalu panjang ({total} halaman): hanya {wanted} halaman pertama yang dibaca.",
        "Pisahkan dokumen menjadi beberapa berkas, atau minta admin menaikkan batas halaman.",
        "warning",
    )


def pages_to_read(total: int, limits: ParseLimits, problems: list[Problem]) -> int:
    """How many pages to read under ``limits.pages``, noting the cut in ``problems``; none is corrupt."""
    if total == 0:
        raise no_pages()
    wanted = min(total, limits.pages)
    if wanted < total:
        problems.append(page_limit(total, wanted))
    return wanted


def text_limit(cap_bytes: int, number: int) -> Problem:
    return Problem(
        "text_limit",
        f"Teks dokumen terlalu panjang: hanya sekitar {cap_bytes // MIB} MB pertama yang disimpan "
        f"(sampai halaman {number}).",
        "Pisahkan dokumen menjadi beberapa berkas bila seluruh isinya perlu dicari.",
        "warning",
    )


def keep_page(pages: list[str], problems: list[Problem], text: str, used: int, cap_bytes: int, number: int) -> int:
    """Append page ``number``'s text within the text budget; the bytes used so far, or -1 once the budget
    is spent (the page is cut and the cut reported): the caller stops reading pages then."""
    size = len(text.encode("utf-8"))
    if used + size > cap_bytes:
        pages.append(text.encode("utf-8")[: max(cap_bytes - used, 0)].decode("utf-8", "ignore"))
        problems.append(text_limit(cap_bytes, number))
        return -1
    pages.append(text)
    return used + size


def closing_problems(pages: list[str], total: int, scanned: list[int], broken: list[int]) -> list[Problem]:
    """Broken pages, pages without a text layer, or a document without any text."""
    problems: list[Problem] = []
    if broken:
        problems.append(
            Problem(
                "corrupt",
                f"Sebagian halaman PDF rusak dan teksnya tidak terbaca (halaman {page_ranges(broken)}).",
                REUPLOAD,
                "warning",
            )
        )
    if scanned:
        where = f"semua {total} halaman" if len(scanned) == total else f"halaman {page_ranges(scanned)}"
        problems.append(
            Problem(
                "no_text_layer",
                f"Tidak ada lapisan teks (hasil pindai) — perlu OCR ({where}).",
                "Jalankan OCR, atau unggah versi PDF yang teksnya dapat dicari (searchable PDF).",
                "warning",
            )
        )
    elif not any(text.strip() for text in pages) and not broken:
        problems.append(
            Problem(
                "empty", "Dokumen tidak berisi teks.", "Periksa apakah berkas yang diunggah sudah benar.", "warning"
            )
        )
    return problems


def no_pages() -> ParseFailure:
    return ParseFailure("corrupt", "Berkas PDF rusak atau tidak lengkap: tidak ada halaman.", REUPLOAD)


def encrypted() -> ParseFailure:
    return ParseFailure(
        "encrypted",
        "Berkas PDF terenkripsi (dilindungi kata sandi), sehingga isinya tidak dapat dibaca.",
        "Unggah salinan PDF tanpa kata sandi: buka dengan kata sandinya, lalu simpan/cetak ulang ke PDF.",
    )


def corrupt(cause: str, detail: str) -> ParseFailure:
    return ParseFailure(
        "corrupt", f"Berkas PDF rusak atau tidak lengkap: {cause} (rincian teknis: {detail}).", REUPLOAD
    )


def truncated_cause(tail: bytes) -> str:
    # a PDF ends with %%EOF: without it the copy or upload was most likely cut short
    if b"%%EOF" in tail:
        return "isi berkas tidak terbaca"
    return "berkas terpotong, kemungkinan salinan atau unggahan tidak selesai"


def text_chars(document: ParsedDocument) -> int:
    return sum(len("".join(page.split())) for page in document.pages)
