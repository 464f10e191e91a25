"""``bundle diff``: which evidence was added, removed, changed or moved between two submissions.

Evidence is matched by its original path in the tree and by its SHA-256, read from the manifests
(every volume of a split bundle is read when its siblings lie next to it).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_evidence.bundle.manifest import validate
from zi_evidence.bundle.verify import MAX_BUNDLE_MEMBERS, read_manifest
from zi_evidence.errors import BundleError
from zi_evidence.parsing import ParseFailure
from zi_evidence.parsing.office import open_archive

MAX_VOLUMES = 99
_VOLUME = re.compile(r"^(?P<stem>.*)-(?P<n>\d{2})$")


@dataclass(frozen=True)
class Entry:
    original_path: str
    sha256: str
    target_id: str | None
    bundle_path: str


@dataclass
class BundleDiff:
    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    changed: list[tuple[Entry, Entry]] = field(default_factory=list)
    moved: list[tuple[Entry, Entry]] = field(default_factory=list)
    remapped: list[tuple[Entry, Entry]] = field(default_factory=list)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.moved or self.remapped)


def _manifest(path: Path) -> dict[str, Any]:
    try:
        with open_archive(path, MAX_BUNDLE_MEMBERS) as archive:
            return read_manifest(archive)[1]
    except ParseFailure as failure:
        detail = failure.problem.message
    except (BundleError, OSError, ValueError, zipfile.BadZipFile) as exc:
        detail = str(exc)
    raise BundleError(f"Manifes {path} tidak dapat dibaca ({detail}). Periksa dengan 'zi-evidence bundle verify'.")


def volumes_of(path: Path) -> list[Path]:
    """``path`` and, for one volume of a split bundle, its siblings ``NAME-01.zip``…"""
    count = _manifest(path).get("volume", {}).get("count", 1)
    match = _VOLUME.match(path.stem)
    if not isinstance(count, int) or not 0 < count <= MAX_VOLUMES:  # names carry two digits: -01 … -99
        raise BundleError(f"Manifes {path} menyatakan jumlah jilid {count!r} (batas {MAX_VOLUMES}); bundel rusak.")
    if count <= 1 or not match:
        return [path]
    return [path.with_name(f"{match['stem']}-{n:02d}{path.suffix}") for n in range(1, count + 1)]


def _files(volume: Path) -> list[dict[str, Any]]:
    """The manifest's file entries, checked against its schema first: a hostile one is one clear error."""
    manifest = _manifest(volume)
    errors = validate(manifest)
    if errors:
        raise BundleError(f"Manifes {volume} tidak sesuai skema: " + "; ".join(errors[:5]))
    return list(manifest["files"])


def load_entries(path: Path, notes: list[str]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for volume in volumes_of(path):
        if not volume.exists():
            notes.append(f"Jilid {volume.name} tidak ditemukan di samping {path.name}; isinya tidak dibandingkan.")
            continue
        for item in _files(volume):
            # a PDF made for the bundle is compared by the evidence it was made from: a photo added to an
            # activity folder is one added file, and a newer converter alone changes nothing
            made = item.get("converted_from")
            sources = made["sources"] if made else [item]
            for source in sources:
                entry = Entry(source["original_path"], source["sha256"], item.get("target_id"), item["bundle_path"])
                entries[entry.original_path] = entry
    return entries


def diff_bundles(old: Path, new: Path) -> BundleDiff:
    result = BundleDiff()
    before = load_entries(old, result.notes)
    after = load_entries(new, result.notes)
    gone = {p: e for p, e in before.items() if p not in after}
    came = {p: e for p, e in after.items() if p not in before}
    came_by_hash: dict[str, list[Entry]] = {}
    for entry in came.values():
        came_by_hash.setdefault(entry.sha256, []).append(entry)
    for path in sorted(gone):
        twins = came_by_hash.get(gone[path].sha256)
        if twins:
            moved_to = twins.pop(0)
            result.moved.append((gone[path], moved_to))
            del came[moved_to.original_path]
        else:
            result.removed.append(gone[path])
    result.added = [came[p] for p in sorted(came)]
    for path in sorted(set(before) & set(after)):
        a, b = before[path], after[path]
        if a.sha256 != b.sha256:
            result.changed.append((a, b))
        elif a.target_id != b.target_id:
            result.remapped.append((a, b))
        else:
            result.unchanged += 1
    return result
