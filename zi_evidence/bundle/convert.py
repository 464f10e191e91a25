"""Evidence PMPZI would not take as it is (photos, Office files) turned into the PDF it takes.

Converters are plugins (``register_converters``); the core only decides what to convert, reads each source
once (no link followed, its catalog hash checked), hands the bytes to the converter, and caches the PDF in
the state folder under the sources' SHA-256 and the converter's version. A converter whose output differs
run to run (LibreOffice stamps times and ids) then still gives a byte-identical bundle the second time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from zi_evidence.bundle.model import Candidate, Converted
from zi_evidence.problems import Problem
from zi_evidence.tree.safeopen import open_no_follow, read_hashed

CACHE_DIR = "konversi"


@dataclass(frozen=True)
class SourceFile:
    """One evidence file to convert: its name (for the converter's temp file and messages) and its bytes."""

    name: str
    data: bytes
    mime: str = ""


@dataclass(frozen=True)
class ConvertedPdf:
    data: bytes
    pages: int


class ConversionFailed(Exception):
    """A converter could not convert a file; the message (Bahasa Indonesia) says why and what to do."""


class Converter(Protocol):
    """A class returned by ``register_converters``: made with the settings of
    ``bundle.converters.<name>`` in zi-evidence.yaml (an empty mapping when none)."""

    name: ClassVar[str]
    label: ClassVar[str]
    mime_types: ClassVar[tuple[str, ...]]
    #: files of one folder mapped to one question become one PDF (the photos of one activity)
    merge_folder: ClassVar[bool]

    def __init__(self, settings: Mapping[str, Any]) -> None: ...

    def missing(self) -> Problem | None:
        """None when the converter can run; else what is missing and what to install."""

    def version(self) -> str:
        """Changes whenever the output may change: part of the cache key."""

    def convert(self, sources: Sequence[SourceFile], workdir: Path) -> ConvertedPdf:
        """One PDF of ``sources`` (in order); ``workdir`` is a private empty temp folder. Raises ConversionFailed."""


def needs_converter(missing: Problem) -> Problem:
    return Problem(
        "needs_converter", f"Berkas ini perlu diubah ke PDF untuk PMPZI, tetapi {missing.message}", missing.hint
    )


def convert_cached(
    root: bytes, state_dir: Path, converter: Any, candidates: Sequence[Candidate]
) -> Converted | Problem:
    """The cached PDF of ``candidates`` (converting once), or the problem that stopped it."""
    version = converter.version()
    folder, pdf, meta = _cache_paths(state_dir, converter.name, version, candidates)
    cached = _cached(pdf, meta)
    if cached is None:
        sources: list[SourceFile] = []
        for candidate in candidates:
            read = _read(root, candidate)
            if isinstance(read, Problem):
                return read
            sources.append(read)
        with tempfile.TemporaryDirectory(prefix="zi-evidence-konversi-") as work:
            try:
                result = converter.convert(sources, Path(work))
            except ConversionFailed as exc:
                return _failed(converter, str(exc))
            except Exception as exc:  # noqa: BLE001 - a broken converter plugin fails its files, not the bundle
                return _failed(converter, f"{type(exc).__name__}: {exc}")
        _store(folder, pdf, meta, result)
        cached = (hashlib.sha256(result.data).hexdigest(), len(result.data), result.pages)
    sha256, size, pages = cached
    return Converted(converter.name, version, tuple(candidates), pdf, size, sha256, pages)


def preview(root: bytes, state_dir: Path, converter: Any, candidates: Sequence[Candidate]) -> Converted:
    """What ``convert_cached`` would give, without converting: the cached PDF, or a pending one."""
    version = converter.version()
    _, pdf, meta = _cache_paths(state_dir, converter.name, version, candidates)
    cached = _cached(pdf, meta)
    if cached is None:
        return Converted(converter.name, version, tuple(candidates), None, sum(c.size for c in candidates), "", 0)
    sha256, size, pages = cached
    return Converted(converter.name, version, tuple(candidates), pdf, size, sha256, pages)


def _cache_paths(state_dir: Path, name: str, version: str, candidates: Sequence[Candidate]) -> tuple[Path, Path, Path]:
    key = hashlib.sha256("\0".join([name, version, *(c.sha256 for c in candidates)]).encode("utf-8")).hexdigest()
    folder = state_dir / CACHE_DIR
    return folder, folder / f"{key}.pdf", folder / f"{key}.json"


def _failed(converter: Any, why: str) -> Problem:
    return Problem(
        "convert_failed",
        f"Berkas tidak dapat diubah ke PDF ({converter.label}): {why}",
        "Buka berkasnya, simpan sebagai PDF sendiri, dan letakkan di folder yang sama.",
    )


def check_ready(converter: Any) -> Problem | None:
    """``converter.missing()``, with a converter that fails to answer counted as missing."""
    try:
        missing: Problem | None = converter.missing()
    except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the bundle
        return Problem(
            "converter_broken",
            f"pengubah PDF '{converter.name}' gagal ({type(exc).__name__}: {exc}).",
            "Periksa plugin itu dengan 'zi-evidence plugins', atau simpan berkasnya sebagai PDF sendiri.",
        )
    return missing


def _cached(pdf: Path, meta: Path) -> tuple[str, int, int] | None:
    """(sha256, size, pages) of a cached PDF whose bytes still match what was recorded."""
    try:
        recorded = json.loads(meta.read_text(encoding="utf-8"))
        data = pdf.read_bytes()
    except (OSError, ValueError):
        return None
    sha256 = hashlib.sha256(data).hexdigest()
    if not isinstance(recorded, dict) or recorded.get("sha256") != sha256:
        return None  # a damaged cache entry is made again, never bundled
    return sha256, len(data), int(recorded.get("pages", 0))


def _store(folder: Path, pdf: Path, meta: Path, result: ConvertedPdf) -> None:
    from zi_evidence.errors import BundleError
    from zi_evidence.outputs import write_atomically

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(pdf, result.data)
        record = {"sha256": hashlib.sha256(result.data).hexdigest(), "pages": result.pages}
        write_atomically(meta, (json.dumps(record) + "\n").encode("utf-8"))
    except OSError as exc:
        raise BundleError(
            f"Hasil konversi PDF tidak dapat disimpan di {folder} ({exc.strerror or exc}). "
            "Periksa izin dan ruang kosong folder status."
        ) from None


def _read(root: bytes, candidate: Candidate) -> SourceFile | Problem:
    """The file's bytes, read without following a link and checked against the catalog's hash."""
    try:
        fd = open_no_follow(root + b"/" + candidate.raw_path)
    except OSError as exc:
        return Problem("missing", f"Berkas tidak dapat dibuka ({exc.strerror}).", "Jalankan 'zi-evidence index'.")
    chunks: list[bytes] = []
    with os.fdopen(fd, "rb") as handle:
        sha256, _ = read_hashed(handle, sink=chunks.append)
    if sha256 != candidate.sha256:
        return Problem(
            "stale",
            "Berkas berubah sejak indeks terakhir; isi katalog tidak lagi sesuai.",
            "Jalankan 'zi-evidence index' lalu buat bundel lagi.",
        )
    return SourceFile(candidate.original_path.rsplit("/", 1)[-1], b"".join(chunks), candidate.mime)


def choose(converters: Mapping[str, Any], mime: str) -> Any | None:
    """The first converter (in plugin load order) that takes ``mime``."""
    return next((c for c in converters.values() if mime in c.mime_types), None)


def groups(
    candidates: Sequence[Candidate], converters: Mapping[str, Any], max_bytes: int | None = None
) -> list[tuple[Any, list[Candidate]]]:
    """One job per file, except that a merging converter's files of one folder and one question are one job,
    cut into several (in name order) where together they would pass the per-file limit ``max_bytes``."""
    jobs: dict[tuple[Any, ...], tuple[Any, list[Candidate]]] = {}
    for candidate in sorted(candidates, key=lambda c: (c.original_path, c.raw_path)):
        converter = choose(converters, candidate.mime)
        if converter is None:
            continue
        folder = candidate.raw_path.rpartition(b"/")[0]
        merge = converter.merge_folder
        key = (converter.name, candidate.target_id, folder) if merge else (converter.name, candidate.raw_path)
        jobs.setdefault(key, (converter, []))[1].append(candidate)
    out: list[tuple[Any, list[Candidate]]] = []
    for converter, members in jobs.values():
        out += [(converter, part) for part in _cut(members, max_bytes)]
    return out


def _cut(members: list[Candidate], max_bytes: int | None) -> list[list[Candidate]]:
    # a PDF of photos is their bytes plus a little: keep a margin under the limit
    budget = None if max_bytes is None else int(max_bytes * 0.95)
    parts: list[list[Candidate]] = [[]]
    used = 0
    for candidate in members:
        if budget is not None and parts[-1] and used + candidate.size > budget:
            parts.append([])
            used = 0
        parts[-1].append(candidate)
        used += candidate.size
    return parts


def make_converters(classes: Mapping[str, type], settings: Mapping[str, Any]) -> dict[str, Any]:
    """Each converter made with its own settings from ``bundle.converters`` (a broken one is left out)."""
    made: dict[str, Any] = {}
    for name, cls in classes.items():
        own = settings.get(name) or {}
        try:
            made[name] = cls(own if isinstance(own, Mapping) else {})
        except Exception:  # noqa: BLE001 - its files stay out by type, as without the plugin
            continue
    return made
