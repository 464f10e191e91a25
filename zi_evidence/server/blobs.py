"""The content-addressed evidence store: one copy per SHA-256, written only after the hash is checked.

``BlobStore`` is the small interface an object store (S3, MinIO) can implement later; ``FileBlobStore``
keeps files under ``root/ab/cd/<sha256>`` on a filesystem path (the data centre's filer).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Protocol

from zi_evidence.errors import PushRefused, ServerError

SHA256 = re.compile(r"[0-9a-f]{64}")
CHUNK = 1 << 20


class BlobStore(Protocol):
    def has(self, sha256: str) -> bool: ...

    def put(self, sha256: str, chunks: Iterable[bytes]) -> int:
        """Store the bytes if they hash to ``sha256`` (their size); refuse them with ``PushRefused`` if not."""
        ...

    def open(self, sha256: str) -> BinaryIO: ...


def check_sha256(value: str) -> str:
    if not SHA256.fullmatch(value):
        raise PushRefused(f"'{value[:80]}' bukan sidik SHA-256 (64 huruf heksadesimal kecil).")
    return value


class FileBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServerError(f"Folder penyimpanan berkas {self.root} tidak dapat dibuat ({exc}).") from None

    def _path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self._path(sha256).is_file()

    def put(self, sha256: str, chunks: Iterable[bytes]) -> int:
        final = self._path(sha256)
        if final.is_file():
            for _ in chunks:  # drain: the sender's bytes are not needed, one copy is kept
                pass
            return final.stat().st_size
        final.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, temporary = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise PushRefused(
                    f"Berkas yang diterima tidak cocok dengan sidiknya ({sha256[:12]}…, diterima "
                    f"{digest.hexdigest()[:12]}…): berkas rusak atau diubah di jalan. Kirim ulang."
                )
            os.replace(temporary, final)  # atomic: a reader sees the whole file or none
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return size

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self._path(sha256).open("rb")
        except FileNotFoundError:
            raise ServerError(f"Berkas {sha256[:12]}… tidak ada di penyimpanan server.") from None
