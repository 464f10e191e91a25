"""``bundle verify``: does a bundle still hold exactly what its manifest says?

Usable on any bundle, also one received from a unit: member names are checked before anything
else, every member is re-hashed, and the manifest's own hash is compared with its sidecar.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_evidence.bounded import MAX_JSON_BYTES, load_json_bytes
from zi_evidence.bundle.manifest import MANIFEST, SIDECAR, sidecar_hash, validate
from zi_evidence.bundle.naming import is_safe_member
from zi_evidence.errors import BundleError, InputBoundError
from zi_evidence.parsing import ParseFailure
from zi_evidence.parsing.office import open_archive, read_member, stream_member


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


#: A bundle received from a unit is untrusted: every read from it is bounded (zi_evidence/parsing/office.py).
MAX_BUNDLE_MEMBERS = 200_000
MAX_SIDECAR_BYTES = 4096


def read_manifest(archive: zipfile.ZipFile) -> tuple[bytes, dict[str, Any]]:
    """The manifest's bytes and JSON, under the size, ratio and depth bounds; raises ``BundleError``."""
    try:
        data = read_member(archive, archive.getinfo(MANIFEST), MAX_JSON_BYTES)
        manifest = load_json_bytes(data, MANIFEST)
    except KeyError:
        raise BundleError(f"{MANIFEST} tidak ada di dalam zip.") from None
    except ParseFailure as failure:
        raise BundleError(f"{MANIFEST}: {failure.problem.message}") from None
    except InputBoundError as exc:
        raise BundleError(str(exc)) from None
    if not isinstance(manifest, dict):
        raise BundleError(f"{MANIFEST} bukan objek JSON.")
    return data, manifest


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, listed_size: int) -> tuple[str, int]:
    """Streamed SHA-256; a member inflating past the size the manifest lists is altered, not read on."""
    digest = hashlib.sha256()
    size = 0
    try:
        for chunk in stream_member(archive, info, max(listed_size, 0)):
            digest.update(chunk)
            size += len(chunk)
    except ParseFailure:
        return "", -1
    return digest.hexdigest(), size


def verify_bundle(path: Path) -> VerifyReport:
    report = VerifyReport(str(path))
    try:
        archive = open_archive(path, MAX_BUNDLE_MEMBERS)
    except ParseFailure as failure:
        report.problems.append(f"{failure.problem.message} Minta kiriman ulang bundelnya.")
        return report
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
    except BundleError as exc:
        report.problems.append(f"{MANIFEST} rusak, diubah atau melampaui batas: {exc}")
        return
    if SIDECAR not in names:
        report.problems.append(f"{SIDECAR} tidak ada: keutuhan manifes tidak dapat dibuktikan.")
    else:
        try:
            sidecar = read_member(archive, archive.getinfo(SIDECAR), MAX_SIDECAR_BYTES)
        except ParseFailure:
            sidecar = b""
        expected = sidecar_hash(sidecar)
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
        sha, size = _digest(archive, by_name[name], listed[name][1])  # a CRC error: changed inside the zip
        report.checked += 1
        if (sha, size) != listed[name]:
            report.altered.append(name)
