"""PMPZI upload limits (configuration, since PMPZI publishes none) and the exact size of a zip.

Evidence is stored uncompressed (PDFs and images are compressed already), so the size of a volume
is known before a byte is written: what does not fit is reported first, and ``--split`` packs
volumes that are guaranteed to stay under the limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from zi_evidence.bundle.model import Candidate
from zi_evidence.problems import MB, Problem

TYPES_BY_MIME = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/jpeg": "jpg",
    "image/png": "png",
}
KNOWN_TYPES = ("pdf", "docx", "xlsx", "jpg", "png")
LOCAL_HEADER = 30
CENTRAL_HEADER = 46
END_RECORD = 22
DEFLATE_LEVEL = 6


def type_of(mime: str) -> str:
    """The upload type of a file by its content (the catalog sniffs it), never by its extension alone."""
    return TYPES_BY_MIME.get(mime, "lainnya")


def parse_types(text: str | Iterable[str]) -> tuple[str, ...]:
    items = text.split(",") if isinstance(text, str) else list(text)
    chosen = tuple(dict.fromkeys(t.strip().lower().lstrip(".") for t in items if t.strip()))
    chosen = tuple("jpg" if t == "jpeg" else t for t in chosen)
    unknown = [t for t in chosen if t not in KNOWN_TYPES]
    if unknown or not chosen:
        from zi_evidence.errors import BundleError

        raise BundleError(
            f"Jenis berkas tidak dikenal: {', '.join(unknown) or '(kosong)'}. Pilih dari: {', '.join(KNOWN_TYPES)}."
        )
    return chosen


def mb_to_bytes(value: float | None) -> int | None:
    return None if value is None else int(value * MB)


def member_cost(name: str, stored_size: int) -> int:
    """Bytes one member adds to the archive: local header, data, central directory entry."""
    encoded = len(name.encode("utf-8"))
    return LOCAL_HEADER + encoded + stored_size + CENTRAL_HEADER + encoded


def archive_size(members: Iterable[tuple[str, int]]) -> int:
    return END_RECORD + sum(member_cost(name, size) for name, size in members)


def stored_size(data: bytes) -> tuple[int, bool]:
    """(bytes in the archive, deflated?) for an in-memory member, exactly as the writer will store it."""
    packer = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    packed = len(packer.compress(data) + packer.flush())
    return (packed, True) if packed < len(data) else (len(data), False)


def fmt_mb(size: int | float) -> str:
    return f"{size / MB:.2f} MB".replace(".", ",")


def check_type(candidate: Candidate, allowed: tuple[str, ...]) -> Problem | None:
    if candidate.type_name in allowed:
        return None
    return Problem(
        "type_not_allowed",
        f"Jenis berkas {candidate.type_name.upper()} tidak termasuk jenis yang diunggah ({', '.join(allowed)}).",
        _type_advice(candidate, allowed),
    )


#: Files that only point at an online document; saving them as PDF would print the link, not the document.
SHORTCUTS = (".url", ".webloc", ".lnk", ".desktop", ".gdoc", ".gsheet", ".gslides", ".gform", ".gdraw")
MEDIA = (".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".amr", ".mp4", ".mov", ".avi", ".mkv", ".3gp", ".webm")


def _type_advice(candidate: Candidate, allowed: tuple[str, ...]) -> str:
    name = candidate.original_path.lower()
    if name.endswith(SHORTCUTS):
        return (
            "Berkas ini hanya pintasan ke dokumen daring, bukan dokumennya: buka tautannya, unduh dokumennya "
            "sebagai PDF, lalu simpan di folder pertanyaan yang sama."
        )
    if name.endswith(MEDIA) or candidate.mime.startswith(("audio/", "video/")):
        return (
            "PMPZI tidak menerima rekaman suara atau video: lampirkan transkrip atau notulen kegiatannya, "
            "atau tangkapan layarnya, sebagai PDF."
        )
    return (
        "Simpan ulang sebagai PDF (cetak ke PDF), atau izinkan jenis ini dengan --types "
        f"{','.join((*allowed, candidate.type_name))} bila PMPZI menerimanya."
    )


def check_size(candidate: Candidate, max_file: int | None) -> Problem | None:
    if max_file is None or candidate.size <= max_file:
        return None
    return Problem(
        "too_large",
        f"Berkas {fmt_mb(candidate.size)} melebihi batas per berkas {fmt_mb(max_file)}.",
        "Kompres PDF-nya (mis. turunkan resolusi pindaian) atau pecah menjadi beberapa berkas, "
        "atau naikkan --max-file-mb bila PMPZI menerima berkas lebih besar.",
    )


def pack(costs: list[int], first_capacity: int, capacity: int) -> list[list[int]]:
    """Indexes of items in order, cut into consecutive volumes whose summed cost stays within capacity.

    Volume 1 has less room (it also carries the letters). Consecutive, not best-fit, packing keeps each
    volume a contiguous stretch of the LKE, which is what a reviewer expects volume after volume.
    """
    volumes: list[list[int]] = [[]]
    used, room = 0, first_capacity
    for index, cost in enumerate(costs):
        if used + cost > room and (volumes[-1] or len(volumes) == 1):
            volumes.append([])
            used, room = 0, capacity
        volumes[-1].append(index)
        used += cost
    return volumes
