"""Zip safety for parsers of zip-based formats (DOCX, XLSX, ODF, ...) and any archive the tool opens, format-neutral.

Office files are zip archives; a small file can declare (or really contain) gigabytes of
XML. Readers such as python-docx and openpyxl inflate whole members into memory, so the
archive is inspected *before* any of them sees it, and refused with a ``ParseFailure``.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from zi_evidence.parsing import ParseFailure
from zi_evidence.problems import MB

ZIP_MAGIC = b"PK\x03\x04"
#: Deflate tops out near 1030:1; real Office XML compresses 5–50:1, very repetitive sheets ~100:1.
DEFAULT_MAX_RATIO = 250
#: Tiny members (an empty sheet, a blank style) can show any ratio; only big ones are suspicious.
RATIO_FLOOR_BYTES = 8 * MB
MAX_MEMBERS = 20_000
_CHUNK = MB
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # signature .. name length, extra length (30 bytes)

_HINT = (
    "Buka berkas di aplikasi aslinya lalu simpan ulang sebagai berkas baru (atau ekspor ke PDF), "
    "kemudian unggah kembali. Jika berkas ini memang besar, minta admin menaikkan batas ukuran."
)


@dataclass(frozen=True)
class ZipSummary:
    """What the inspection saw: member count and total compressed / declared inflated bytes."""

    members: int
    compressed_bytes: int
    inflated_bytes: int


def check_zip(
    archive: zipfile.ZipFile,
    cap_bytes: int,
    *,
    inflate: Callable[[str], bool] = lambda name: True,
    max_ratio: int = DEFAULT_MAX_RATIO,
) -> ZipSummary:
    """Refuse the archive when a member (or all together) inflates past ``cap_bytes``.

    Declared sizes are checked for every member first (cheap, no decompression); then the
    members selected by ``inflate`` are really decompressed, counting bytes, because a
    header can lie. Raises ``ParseFailure`` with code ``zip_bomb``, ``too_large`` or ``corrupt``.
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ParseFailure(
            "zip_bomb",
            f"Berkas berisi {len(infos)} bagian di dalamnya (batas {MAX_MEMBERS}); "
            "kemungkinan berkas jebakan (zip bomb), tidak diproses.",
            _HINT,
        )
    compressed = inflated = 0
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > max_ratio:
            raise ParseFailure(
                "zip_bomb",
                f"Bagian '{info.filename}' mengembang {ratio:.0f} kali lipat saat dibuka "
                f"({_mb(info.file_size)}); kemungkinan berkas jebakan (zip bomb), tidak diproses.",
                _HINT,
            )
        _refuse_over_cap(info.filename, info.file_size, cap_bytes)
        compressed += info.compress_size
        inflated += info.file_size
    if inflated > cap_bytes:
        raise ParseFailure(
            "too_large",
            f"Isi berkas terlalu besar setelah dibuka: {_mb(inflated)} (batas {_mb(cap_bytes)}).",
            _HINT,
        )
    for info in infos:
        if not info.is_dir() and inflate(info.filename):
            _refuse_over_cap(info.filename, _inflated_size(archive, info, cap_bytes), cap_bytes)
    return ZipSummary(len(infos), compressed, inflated)


def _inflated_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap_bytes: int) -> int:
    """Decompress one member in chunks, stopping just past the cap; never holds it in memory."""
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > cap_bytes:
                    break
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        # zipfile stops at the declared size and then fails the CRC check: a lying header lands here
        raise ParseFailure(
            "corrupt",
            f"Berkas rusak: bagian '{info.filename}' tidak dapat dibuka ({exc}).",
            "Simpan ulang berkas dari aplikasi aslinya lalu unggah kembali.",
        ) from exc
    except NotImplementedError as exc:  # an unsupported compression method
        raise ParseFailure(
            "corrupt",
            f"Berkas memakai metode kompresi yang tidak didukung pada bagian '{info.filename}'.",
            "Simpan ulang berkas dari aplikasi aslinya lalu unggah kembali.",
        ) from exc
    return size


def _refuse_over_cap(name: str, size: int, cap_bytes: int) -> None:
    if size > cap_bytes:
        raise ParseFailure(
            "too_large",
            f"Bagian '{name}' terlalu besar setelah dibuka: {_mb(size)} (batas {_mb(cap_bytes)}).",
            _HINT,
        )


def head_member_names(head: bytes, limit: int = 64) -> list[str]:
    """Names of the zip members whose local headers lie within ``head`` (the file's first bytes).

    Lets a ``sniff`` tell a DOCX (``word/...``) from an XLSX (``xl/...``) without opening the
    archive. Members written with a data descriptor carry no size, so the scan then resumes at
    the next local-header signature.
    """
    names: list[str] = []
    pos = 0
    while len(names) < limit:
        pos = head.find(ZIP_MAGIC, pos)
        if pos < 0 or pos + _LOCAL_HEADER.size > len(head):
            break
        fields = _LOCAL_HEADER.unpack_from(head, pos)
        flags, compressed, name_len, extra_len = fields[2], fields[7], fields[9], fields[10]
        start = pos + _LOCAL_HEADER.size
        if start + name_len > len(head):
            break
        names.append(head[start : start + name_len].decode("utf-8", errors="replace"))
        has_size = not flags & 0x08 and compressed != 0xFFFFFFFF
        pos = start + name_len + extra_len + compressed if has_size else start + name_len
    return names


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


#: An OLE compound file: what an Office document becomes when it is password-protected.
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFFICE_PARTS = ("word/", "xl/", "ppt/")


def sniff_office(head: bytes, filename: str, part: str, extension: str, mime: str) -> str | None:
    """``mime`` when the head is an Office zip holding ``part`` (e.g. ``word/``), or a zip/OLE file
    named ``extension`` whose head tells nothing else; ``None`` for the other Office formats."""
    named = filename.lower().endswith(extension)
    if head.startswith(ZIP_MAGIC):
        names = head_member_names(head)
        if any(name.startswith(part) for name in names):
            return mime
        others = tuple(p for p in _OFFICE_PARTS if p != part)
        if any(name.startswith(others) or name == "mimetype" for name in names):
            return None
        return mime if named else None  # the head shows no telling member
    # a password-protected file, so that parse can say so instead of "unknown type"
    return mime if head.startswith(CFB_MAGIC) and named else None


# --- Any archive the tool opens itself (bundles to verify, future archive parsers) ----------------------

#: What zipfile reads whole before anything else: the central directory, one ZipInfo per member.
MAX_DIRECTORY_BYTES = 64 * MB
_EOCD = struct.Struct("<4s4H2LH")  # end of central directory: ... entries, directory size, offset
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def directory_bounds(handle: BinaryIO) -> tuple[int, int]:
    """(member count, central-directory bytes) as the end records declare them, read without zipfile.

    zipfile allocates the whole directory and a ZipInfo per entry on open, so a hostile archive
    claiming millions of members must be refused from these few bytes first. (0, 0) when not found:
    zipfile then fails with its own error."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_start = max(0, size - (1 << 16) - _EOCD.size)
    handle.seek(tail_start)
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        return 0, 0
    fields = _EOCD.unpack_from(tail, at)
    entries, directory = fields[4], fields[5]
    locator_at = at - _ZIP64_LOCATOR.size
    if locator_at >= 0 and tail[locator_at : locator_at + 4] == b"PK\x06\x07":
        record_offset = _ZIP64_LOCATOR.unpack_from(tail, locator_at)[2]
        handle.seek(record_offset)
        record = handle.read(_ZIP64_EOCD.size)
        if len(record) == _ZIP64_EOCD.size and record[:4] == b"PK\x06\x06":
            values = _ZIP64_EOCD.unpack(record)
            entries, directory = values[6], values[7]
    return entries, directory


def open_archive(path: str | os.PathLike[str], max_members: int = MAX_MEMBERS) -> zipfile.ZipFile:
    """A ``ZipFile`` whose declared directory was bounded before zipfile read it; raises ``ParseFailure``."""
    with open(path, "rb") as handle:
        entries, directory = directory_bounds(handle)
    if entries > max_members or directory > MAX_DIRECTORY_BYTES:
        raise ParseFailure(
            "zip_bomb",
            f"Arsip menyatakan {entries} anggota dan daftar isi {_mb(directory)} "
            f"(batas {max_members} anggota, {_mb(MAX_DIRECTORY_BYTES)}); kemungkinan berkas jebakan.",
            _HINT,
        )
    return zipfile.ZipFile(path)


def stream_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap_bytes: int, max_ratio: int = DEFAULT_MAX_RATIO
) -> Iterator[bytes]:
    """A member's bytes in chunks, stopping with ``ParseFailure`` past ``cap_bytes`` or past the ratio
    limit *as really inflated* (headers can lie), so memory stays one chunk whatever the archive claims."""
    _refuse_over_cap(info.filename, info.file_size, cap_bytes)
    ratio_cap = max(info.compress_size * max_ratio, RATIO_FLOOR_BYTES)
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                _refuse_over_cap(info.filename, size, cap_bytes)
                if size > ratio_cap:
                    raise ParseFailure(
                        "zip_bomb",
                        f"Bagian '{info.filename}' mengembang lebih dari {max_ratio} kali lipat saat dibuka; "
                        "kemungkinan berkas jebakan (zip bomb), tidak diproses.",
                        _HINT,
                    )
                yield chunk
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        raise ParseFailure("corrupt", f"Bagian '{info.filename}' rusak ({exc}).", _HINT) from exc
    except NotImplementedError as exc:
        raise ParseFailure("corrupt", f"Bagian '{info.filename}' memakai kompresi yang tidak didukung.", _HINT) from exc


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap_bytes: int) -> bytes:
    """A small member (a manifest, a content-types file) read whole, but never past ``cap_bytes``."""
    return b"".join(stream_member(archive, info, cap_bytes))
