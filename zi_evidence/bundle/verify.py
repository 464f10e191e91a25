"""``bundle verify``: does a bundle still hold exactly what its manifest says?

Usable on any bundle, also one received from a unit: member names are checked before anything
else, every member is re-hashed, and the manifest's own hash is compared with its sidecar.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_evidence.bundle.manifest import MANIFEST, SIDECAR, sidecar_hash, validate
from zi_evidence.bundle.naming import is_safe_member
from zi_evidence.problems import MB


@dataclass
class VerifyReport:
    path: str
    manifest_intact: bool = False
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    checked: int = 0
    volume: tuple[int, int] = (1, 1)

    @property
    def ok(self) -> bool:
        return self.manifest_intact and not (self.missing or self.extra or self.altered or self.unsafe or self.problems)


def read_manifest(archive: zipfile.ZipFile) -> tuple[bytes, dict[str, Any]]:
    data = archive.read(MANIFEST)
    return data, json.loads(data.decode("utf-8"))


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with archive.open(info) as handle:
        for chunk in iter(lambda: handle.read(MB), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def verify_bundle(path: Path) -> VerifyReport:
    report = VerifyReport(str(path))
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        report.problems.append(f"Bukan berkas zip yang utuh ({exc}). Minta kiriman ulang bundelnya.")
        return report
    with archive:
        _verify(archive, report)
    return report


def _verify(archive: zipfile.ZipFile, report: VerifyReport) -> None:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    names = [i.filename for i in infos]
    report.unsafe = sorted({n for n in (i.filename for i in archive.infolist()) if not is_safe_member(n.rstrip("/"))})
    if len(set(names)) != len(names):
        report.problems.append("Ada nama anggota yang muncul dua kali di dalam zip.")
    if MANIFEST not in names:
        report.problems.append(f"{MANIFEST} tidak ada: ini bukan bundel zi-evidence atau manifesnya dihapus.")
        return
    try:
        manifest_bytes, manifest = read_manifest(archive)
    except (zipfile.BadZipFile, zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.problems.append(f"{MANIFEST} rusak atau diubah ({exc}).")
        return
    if SIDECAR not in names:
        report.problems.append(f"{SIDECAR} tidak ada: keutuhan manifes tidak dapat dibuktikan.")
    else:
        expected = sidecar_hash(archive.read(SIDECAR))
        report.manifest_intact = expected == hashlib.sha256(manifest_bytes).hexdigest()
        if not report.manifest_intact:
            report.problems.append(f"{MANIFEST} telah diubah: SHA-256-nya tidak sama dengan {SIDECAR}.")
    errors = validate(manifest)
    if errors:
        report.problems.append(f"{MANIFEST} tidak sesuai skema: " + "; ".join(errors[:5]))
        return
    volume = manifest["volume"]
    report.volume = (volume["number"], volume["count"])
    listed = {e["bundle_path"]: (e["sha256"], e["size"]) for e in manifest["files"] + manifest["documents"]}
    by_name = {i.filename: i for i in infos}
    report.missing = sorted(set(listed) - set(by_name))
    report.extra = sorted(set(by_name) - set(listed) - {MANIFEST, SIDECAR})
    for name in sorted(set(listed) & set(by_name)):
        try:
            sha, size = _digest(archive, by_name[name])
        except (zipfile.BadZipFile, zlib.error, OSError):
            sha, size = "", -1  # a CRC error: the bytes were changed inside the zip
        report.checked += 1
        if (sha, size) != listed[name]:
            report.altered.append(name)
