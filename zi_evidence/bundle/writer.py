"""The deterministic, atomic zip writer.

Same members in → same bytes out: members in sorted order, one fixed timestamp (the build time),
fixed permissions, evidence stored byte for byte. Every volume is written to a temporary name in
the output folder and renamed only when all volumes are complete, so a crash, a full disk or a
file that changed under us never leaves a half bundle behind under the real name.
"""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from zi_evidence.bundle.limits import DEFLATE_LEVEL, stored_size
from zi_evidence.bundle.naming import check_member
from zi_evidence.bundle.ooxml import zip_time
from zi_evidence.errors import BundleError
from zi_evidence.outputs import usual_permissions
from zi_evidence.tree.safeopen import open_no_follow, read_hashed


@dataclass(frozen=True)
class Member:
    """One archive member: in-memory ``data``, or an evidence file ``source`` checked against its catalog hash."""

    name: str
    data: bytes | None = None
    source: bytes | None = None
    size: int = 0
    sha256: str = ""
    shown: str = ""


@contextmanager
def staged(outputs: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths next to ``outputs``; renamed onto them only if the block finishes."""
    temps: list[Path] = []
    try:
        for out in outputs:
            out.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".sebagian", dir=out.parent)
            os.close(fd)
            temps.append(Path(name))
        yield temps
        for temp, out in zip(temps, outputs, strict=True):
            usual_permissions(temp)
            os.replace(temp, out)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)


def write_archive(
    path: Path, members: list[Member], when: datetime, advance: Callable[[int], None] | None = None
) -> None:
    stamp = zip_time(when)
    with open(path, "wb") as handle:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            for member in sorted(members, key=lambda m: m.name):
                check_member(member.name)
                info = zipfile.ZipInfo(member.name, stamp)
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.create_system = 3  # unix, whatever machine builds it
                if member.data is not None:
                    _write_data(archive, info, member.data)
                else:
                    copy_member(archive, info, member)
                if advance:
                    advance(1)
        handle.flush()
        os.fsync(handle.fileno())


def _write_data(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    _, deflate = stored_size(data)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    archive.writestr(info, data, compresslevel=DEFLATE_LEVEL if deflate else None)


def copy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: Member) -> None:
    """Copy one evidence file byte for byte, refusing links and special files and checking its hash."""
    assert member.source is not None
    try:
        fd = open_no_follow(member.source)
    except OSError as exc:
        raise BundleError(
            f"Berkas {member.shown} tidak dapat dibuka saat menulis bundel ({exc.strerror}); "
            "mungkin diganti tautan atau dihapus. Jalankan 'zi-evidence index' lalu ulangi."
        ) from None
    with os.fdopen(fd, "rb") as source:
        info_now = os.fstat(source.fileno())
        if not stat.S_ISREG(info_now.st_mode) or info_now.st_size != member.size:
            raise BundleError(
                f"Berkas {member.shown} berubah saat bundel ditulis. Jalankan 'zi-evidence index' lalu ulangi."
            )
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = member.size
        with archive.open(info, "w") as target:
            sha, _ = read_hashed(source, sink=target.write)
    if sha != member.sha256:
        raise BundleError(
            f"Isi berkas {member.shown} tidak sama dengan yang tercatat di katalog. "
            "Jalankan 'zi-evidence index' lalu buat bundel lagi."
        )
