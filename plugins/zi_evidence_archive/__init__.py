"""Built-in archive parser: a ZIP of photos or documents is catalogued member by member.

The archive is one evidence file of its question; each member becomes one page, headed by its name and
size, followed by the text its own parser finds, so a word in a member (or its name) is found and shown
on that member's page. Office and OpenDocument files are zips too: they are left to their parsers.
RAR and 7z are read the same way when ``bsdtar`` is installed (see ``bsdtar``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import ClassVar

from zi_evidence import (
    MB,
    BaseParser,
    ParsedDocument,
    ParseFailure,
    ParseLimits,
    Problem,
    head_member_names,
    hookimpl,
    open_archive,
    open_for_parse,
    stream_member,
)

from .bsdtar import ArchiveToolParser
from .bsdtar import status as tool_status
from .members import Member, MemberReader, workspace

ZIP_MIME = "application/zip"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
#: Names whose presence at the head makes a zip an Office/OpenDocument/EPUB file, not an archive of evidence.
_FORMAT_PARTS = ("word/", "xl/", "ppt/", "mimetype", "[Content_Types].xml", "META-INF/")
_REUPLOAD = (
    "Buat ulang arsip ZIP dari folder aslinya (klik kanan > Kirim ke > Folder terkompresi), lalu unggah kembali."
)


class ZipParser(BaseParser):
    """ZIP archives: one page per member (name, size, then the member's text)."""

    name: ClassVar[str] = "archive"
    version: ClassVar[str] = "1"
    mime_types: ClassVar[tuple[str, ...]] = (ZIP_MIME,)
    empty_hint: ClassVar[str] = _REUPLOAD

    @classmethod
    def sniff(cls, head: bytes, filename: str) -> str | None:
        if not filename.lower().endswith(".zip") or not head.startswith((_ZIP_MAGIC, _EMPTY_ZIP)):
            return None  # a zip named .docx/.odt/.epub (or anything else) belongs to its own parser
        names = head_member_names(head)
        return None if names and names[0].startswith(_FORMAT_PARTS) else ZIP_MIME

    def parse(self, path: Path, limits: ParseLimits) -> ParsedDocument:
        with open_for_parse(path) as handle:
            self.check_not_empty(handle)
        try:
            archive = open_archive(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ParseFailure(
                "corrupt", f"Arsip ZIP rusak atau tidak lengkap ({exc or type(exc).__name__}).", _REUPLOAD
            ) from exc
        with archive:
            return _read(archive, limits)


def _read(archive: zipfile.ZipFile, limits: ParseLimits) -> ParsedDocument:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    shown = infos[: limits.pages]
    reader = MemberReader(limits)
    pages: list[str] = []
    problems: list[Problem] = []
    with workspace() as folder:
        for info in shown:
            member = Member(info.filename, info.file_size, bool(info.flag_bits & 0x1))
            chunks = stream_member(archive, info, limits.inflated_mb * MB)
            got = reader.read(member, chunks, Path(folder))  # the stream's own refusals become member notes
            pages.append(got.page)
            problems.extend(got.problems)
    if not infos:
        problems.append(Problem("archive_empty", "Arsip ZIP tidak berisi berkas apa pun.", _REUPLOAD, "warning"))
    if len(infos) > len(shown):
        problems.append(
            Problem(
                "members_limit",
                f"Arsip berisi {len(infos)} berkas; hanya {len(shown)} pertama yang dicatat (batas limits.pages).",
                "Pecah arsip menjadi beberapa arsip yang lebih kecil, atau simpan berkasnya langsung di folder.",
                "warning",
            )
        )
    budget = reader.budget_problem()
    if budget:
        problems.append(budget)
    if reader.out_of_time:
        problems.append(
            Problem(
                "members_unread",
                "Sebagian isi arsip hanya dicatat namanya: waktu baca untuk arsip ini habis.",
                "Simpan berkas-berkasnya langsung di folder pertanyaan agar dibaca satu per satu.",
                "warning",
            )
        )
    metadata = {
        "format": "ZIP",
        "members": str(len(infos)),
        "inflated_bytes": str(sum(info.file_size for info in infos)),
    }
    return ParsedDocument(tuple(pages), len(pages), metadata, tuple(problems))


def status() -> str:
    """One line for ``zi-evidence plugins``: ZIP always; RAR/7z when bsdtar is there."""
    return f"ZIP: selalu dibaca. RAR/7z: {tool_status()}"


@hookimpl
def register_parsers() -> list[type]:
    return [ZipParser, ArchiveToolParser]
