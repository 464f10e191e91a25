"""What the catalog knows of one file, as the stages after it read it (no SQL here: see ``catalog``)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from zi_evidence.problems import Problem

#: Bump when the index document built from a file changes shape: every document is then rewritten.
INDEX_DOC_VERSION = "2"


def problems_to_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.__dict__ for p in problems], ensure_ascii=False)


def problems_from_json(text: str) -> tuple[Problem, ...]:
    return tuple(Problem(**item) for item in json.loads(text))


class StatKey(NamedTuple):
    """What tells an unchanged file without reading it (a tuple: one per file on every run)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    status: str

    def unchanged(self, entry: Any) -> bool:
        """Whether a file as walked (size, mtime, ctime) is this settled row: ctime also moves on an edit
        that restored size and mtime; a pending row is read again whatever its stamp."""
        same = (self.size, self.mtime_ns, self.ctime_ns) == (entry.size, entry.mtime_ns, entry.ctime_ns)
        return same and self.status != "pending"


class ChangeKey(NamedTuple):
    """What a run needs of a file's row to tell a change, a move or a better parser."""

    id: int
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int
    sha256: str
    status: str
    mime: str
    parser: str | None
    parser_version: str | None


@dataclass(frozen=True)
class FileRecord:
    id: int
    path: bytes
    display: str
    size: int
    mtime_ns: int
    sha256: str
    mime: str
    parser: str | None
    parser_version: str | None
    status: str
    problems: tuple[Problem, ...]
    target_id: str | None
    mapping_status: str
    mapping_reason: str
    year: str
    kinds: tuple[str, ...] = ()
    page_count: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    extract_problems: tuple[Problem, ...] = ()

    @property
    def format(self) -> str:
        return format_name(self.mime, self.display)

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        return self.problems + self.extract_problems

    @property
    def stamp(self) -> str:
        """Changes whenever what the search index holds for this file changes."""
        return stamp_of(
            self.sha256, self.parser, self.parser_version, self.target_id, self.display, self.year, ",".join(self.kinds)
        )


def stamp_of(
    sha256: str, parser: str | None, version: str | None, target_id: str | None, shown: str, year: str, kinds: str
) -> str:
    """The index stamp from the catalog columns it depends on (``kinds`` as stored: comma-separated)."""
    kinds = ",".join(kind for kind in kinds.split(",") if kind)
    parts = (INDEX_DOC_VERSION, sha256, parser or "", version or "", target_id or "", shown, year, kinds)
    return hashlib.sha1("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def record_from_row(row: tuple[Any, ...]) -> FileRecord:
    file_id, path, shown, size, mtime_ns, sha256, mime, parser, version, status = row[:10]
    target_id, mapping_status, mapping_reason, year = row[11:15]
    return FileRecord(
        id=file_id,
        path=path,
        display=shown,
        size=size,
        mtime_ns=mtime_ns,
        sha256=sha256,
        mime=mime,
        parser=parser,
        parser_version=version,
        status=status,
        problems=problems_from_json(row[10]),
        target_id=target_id,
        mapping_status=mapping_status,
        mapping_reason=mapping_reason,
        year=year,
        kinds=tuple(k for k in row[15].split(",") if k),
        page_count=row[16],
        metadata=json.loads(row[17]),
        extract_problems=problems_from_json(row[18]),
    )


def format_name(mime: str, path: str) -> str:
    """Short format name from the content's mime type (pdf, docx, jpg…), whichever parser read it; for a
    type Python's table does not know (a Drive shortcut, audio/wav), the file's own extension."""
    import mimetypes  # on first use, not when the catalog module loads (every command)

    extension = mimetypes.guess_extension(mime) or os.path.splitext(path)[1].lower()[:12]
    return extension.lstrip(".")
