"""The built-in text/CSV and image parsers over real files."""

import struct
import zlib

import pytest

from zi_evidence.parsing import ParseFailure, ParseLimits  # noqa: E402
from zi_evidence_image import ImageParser  # noqa: E402
from zi_evidence_text import TextParser  # noqa: E402

LIMITS = ParseLimits()


def failure(parser, path, limits=LIMITS):
    with pytest.raises(ParseFailure) as caught:
        parser.parse(path, limits)
    return caught.value.problem


# --- text / CSV ---------------------------------------------------------------------------------


def test_utf8_text_is_one_page(tmp_path):
    path = tmp_path / "catatan.txt"
    path.write_text("Rapat evaluasi\r\nZona Integritas — WBK\n", encoding="utf-8")
    document = TextParser().parse(path, LIMITS)
    assert document.pages == ("Rapat evaluasi\nZona Integritas — WBK\n",)
    assert document.page_count == 1
    assert document.metadata["encoding"] == "utf-8"


def test_csv_exported_by_windows_excel_in_cp1252(tmp_path):
    path = tmp_path / "rekap.csv"
    path.write_bytes("Nama;Unit;Catatan\nJosé;Lapas Médan;“tepat waktu” – 100%\n".encode("cp1252"))
    document = TextParser().parse(path, LIMITS)
    assert document.metadata["encoding"] == "cp1252"
    assert "José;Lapas Médan;“tepat waktu” – 100%" in document.pages[0]


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    path = tmp_path / "aneh.txt"
    path.write_bytes(b"kode \x81\x8d selesai")
    document = TextParser().parse(path, LIMITS)
    assert document.metadata["encoding"] == "latin-1"
    assert document.pages[0].startswith("kode ")


def test_text_over_the_cap_is_truncated_without_breaking_characters(tmp_path):
    path = tmp_path / "besar.txt"
    path.write_bytes(("é" * 700_000).encode("utf-8"))  # 1.4 MB, two bytes per character
    document = TextParser().parse(path, ParseLimits(text_mb=1))
    assert document.metadata["encoding"] == "utf-8"
    assert set(document.pages[0]) == {"é"}
    assert len(document.pages[0]) == 1024 * 1024 // 2
    assert [p.code for p in document.problems] == ["text_limit"]


def test_empty_text_file(tmp_path):
    path = tmp_path / "kosong.txt"
    path.write_bytes(b"")
    assert failure(TextParser(), path).code == "empty"


def test_text_sniff_needs_text_content_and_a_text_name():
    assert TextParser.sniff(b"a;b\n1;2\n", "rekap.csv") == "text/csv"
    assert TextParser.sniff(b"catatan", "catatan.txt") == "text/plain"
    assert TextParser.sniff(b"catatan", "README") == "text/plain"
    assert TextParser.sniff(b"catatan", "catatan.docx") is None
    assert TextParser.sniff(b"%PDF-1.4\nabc", "salah.txt") is None
    assert TextParser.sniff(b"\x00\x01\x02binary", "data.csv") is None
    assert TextParser.sniff("teks".encode("utf-16"), "utf16.txt") == "text/plain"


# --- images -------------------------------------------------------------------------------------


def test_photo_is_catalogued_without_text(tmp_path, fabricate):
    for name, mime in (("foto.jpg", "image/jpeg"), ("layar.png", "image/png")):
        path = fabricate.make_photo(tmp_path / name, "Sosialisasi ZI")
        assert ImageParser.sniff(path.read_bytes()[:8192], "tanpa-ekstensi") == mime
        document = ImageParser().parse(path, LIMITS)
        assert document.pages == ("",)
        assert document.page_count == 1
        assert (document.metadata["width"], document.metadata["height"]) == ("640", "420")


def test_jpeg_exif_date_taken_becomes_created(tmp_path):
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.DateTime] = "2026:02:01 10:00:00"
    exif[ExifTags.Base.Artist] = "Humas"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2026:01:20 08:15:00"
    path = tmp_path / "apel.jpg"
    Image.new("RGB", (64, 48), (10, 120, 60)).save(path, "JPEG", exif=exif)
    metadata = ImageParser().parse(path, LIMITS).metadata
    assert metadata["created"] == "2026-01-20T08:15:00"
    assert metadata["modified"] == "2026-02-01T10:00:00"
    assert metadata["author"] == "Humas"


def test_multi_page_tiff_counts_frames(tmp_path, fabricate):
    frames = [fabricate.render_text_image([f"Halaman {n}"], size=(200, 280)) for n in range(1, 4)]
    path = tmp_path / "pindai.tif"
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:])
    assert ImageParser.sniff(path.read_bytes()[:8192], path.name) == "image/tiff"
    document = ImageParser().parse(path, LIMITS)
    assert document.page_count == 3
    assert document.pages == ("", "", "")


def test_broken_images_are_corrupt(tmp_path, fabricate):
    photo = fabricate.make_photo(tmp_path / "foto.jpg", "x")
    head_only = tmp_path / "potong.jpg"
    head_only.write_bytes(photo.read_bytes()[:12])
    assert failure(ImageParser(), head_only).code == "corrupt"
    fake = tmp_path / "palsu.png"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"bukan gambar" * 10)
    assert failure(ImageParser(), fake).code == "corrupt"


def test_decompression_bomb_header_is_refused(tmp_path):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)  # 10 gigapixels, RGB
    path = tmp_path / "bom.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    assert failure(ImageParser(), path).code == "too_large"
