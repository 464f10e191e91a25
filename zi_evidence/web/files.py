"""The original bytes of a catalogued file: by catalog id only, opened beneath the root without following links.

A request never names a path: the id gives the catalog record, the record gives the path relative to
the root, and ``tree.safeopen`` opens it component by component. The file must still be the one the
catalog describes (size and modification time, and for whole-file answers its SHA-256); otherwise the
answer is 409 and no other bytes are served.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from zi_evidence.problems import MB
from zi_evidence.state.records import FileRecord
from zi_evidence.tree.safeopen import open_beneath
from zi_evidence.web.filedata import inline_type

CHUNK = 256 * 1024
#: Whole-file answers up to this size are hashed before the first byte goes out (ranges check identity only).
HASH_LIMIT = 64 * MB
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unavailable(Exception):
    """The file cannot be served as catalogued; ``status`` is the HTTP status, the message says what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Opened:
    fd: int
    size: int
    content_type: str
    disposition: str


def open_original(root: str | os.PathLike[str], record: FileRecord, verify_hash: bool) -> Opened:
    """A descriptor of the catalogued file (the caller streams and closes it), or ``Unavailable``."""
    try:
        fd = open_beneath(os.fsencode(root), record.path)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise Unavailable(
                404, "Berkas ini tidak ada lagi di folder data dukung. Jalankan 'zi-evidence index'."
            ) from None
        if exc.errno == errno.ELOOP:
            raise Unavailable(
                409, "Berkas ini kini berupa tautan (symlink); tautan tidak dibuka. Jalankan 'zi-evidence index'."
            ) from None
        raise Unavailable(409, f"Berkas tidak dapat dibuka ({exc.strerror}).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unavailable(409, "Entri ini bukan berkas biasa lagi. Jalankan 'zi-evidence index'.")
        if info.st_size != record.size or info.st_mtime_ns != record.mtime_ns:
            raise Unavailable(409, _CHANGED)
        if verify_hash and info.st_size <= HASH_LIMIT and _sha256(fd) != record.sha256:
            raise Unavailable(409, _CHANGED)
    except BaseException:
        os.close(fd)
        raise
    return Opened(fd, info.st_size, content_type(record.mime), _disposition(record))


_CHANGED = (
    "Berkas ini berubah sejak diindeks, jadi isinya tidak lagi sama dengan katalog. "
    "Jalankan 'zi-evidence index' (atau 'serve --watch'), lalu buka lagi."
)


def _sha256(fd: int) -> str:
    digest = hashlib.sha256()
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, MB):
        digest.update(chunk)
    return digest.hexdigest()


def content_type(mime: str) -> str:
    base = mime.split(";")[0].strip().lower() or "application/octet-stream"
    if base.startswith("text/"):
        return f"{base}; charset=utf-8" if base == "text/plain" else base
    return base


def _disposition(record: FileRecord) -> str:
    return disposition(record.display, record.mime)


def disposition(path: str, mime: str) -> str:
    """``inline`` for what a browser shows safely, ``attachment`` otherwise; the name per RFC 6266/5987."""
    name = path.rsplit("/", 1)[-1] or "berkas"
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in " ._-()[],+") else "_" for c in name)
    kind = "inline" if inline_type(mime) else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def parse_range(header: str | None, size: int) -> tuple[int, int] | None | str:
    """``(start, end)`` inclusive for one satisfiable range, ``None`` to answer whole, ``"unsatisfiable"``.

    Several ranges or a malformed header are answered with the whole file (RFC 9110 lets a server ignore them).
    """
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, end


def stream(fd: int, start: int, end: int) -> Iterator[bytes]:
    """Bytes ``start..end`` (inclusive) of ``fd``, which is closed when done or abandoned."""
    try:
        offset = os.lseek(fd, start, os.SEEK_SET)  # one reader per descriptor: seek once, then read on
        while offset <= end:
            chunk = os.read(fd, min(CHUNK, end - offset + 1))
            if not chunk:
                break
            offset += len(chunk)
            yield chunk
    finally:
        os.close(fd)
