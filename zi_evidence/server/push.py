"""The unit side of ``push``: send the snapshot to a server over HTTP(S), or write it to a zip for a unit
without a network; the server side of ``server import`` reads such a zip.

Over HTTP: POST the snapshot, PUT each file the server asks for (by hash), POST the snapshot again to
commit. Every step may be repeated: an interrupted push is finished by running it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zi_evidence.errors import PushRefused, ServerError
from zi_evidence.server.blobs import CHUNK
from zi_evidence.server.snapshot import Snapshot, from_json

SNAPSHOT_MEMBER = "snapshot.json"
BLOB_FOLDER = "berkas/"


@dataclass(frozen=True)
class PushResult:
    sent: int  # files uploaded this time
    changed: bool  # False: the server already held exactly this snapshot


def _sources(repo: Any) -> dict[str, bytes]:
    """sha256 -> one catalogued path (bytes, relative to the root) holding those bytes."""
    with repo.catalog() as catalog:
        return {r.sha256: r.path for r in catalog.records() if r.sha256}


def _read(repo: Any, rel: bytes, sha256: str) -> Iterator[bytes]:
    """The file's bytes, read without following links; refused when they no longer match the catalog."""
    from zi_evidence.tree.safeopen import open_beneath

    try:
        fd = open_beneath(os.fsencode(repo.root), rel)
    except OSError as exc:
        raise ServerError(
            f"Berkas {os.fsdecode(rel)} tidak dapat dibuka ({exc}). Jalankan 'zi-evidence index'."
        ) from None
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            yield chunk
    if digest.hexdigest() != sha256:
        raise ServerError(
            f"Berkas {os.fsdecode(rel)} berubah sejak diindeks. Jalankan 'zi-evidence index' lalu ulangi."
        )


def _file_bytes(repo: Any, rel: bytes, sha256: str) -> bytes:
    return b"".join(_read(repo, rel, sha256))


class _Client:
    def __init__(self, url: str, token: str) -> None:
        self.base = url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(
        self, method: str, path: str, body: bytes | Iterator[bytes], kind: str, length: int = -1
    ) -> dict[str, Any]:
        headers = {**self.headers, "Content-Type": kind}
        if length >= 0:  # a file streams in chunks, never whole in memory
            headers["Content-Length"] = str(length)
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=300) as answer:
                return dict(json.loads(answer.read()))
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read())["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = f"HTTP {exc.code}"
            error = PushRefused if exc.code in (400, 409, 413, 422) else ServerError
            raise error(f"Server {self.base} menolak kiriman: {message}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise ServerError(
                f"Server {self.base} tidak dapat dihubungi ({exc}). Periksa alamat dan jaringan, lalu ulangi."
            ) from None


def push_http(
    repo: Any, snapshot: Snapshot, url: str, token: str, progress: Callable[[str], None] = lambda _: None
) -> PushResult:
    client = _Client(url, token)
    body = snapshot.to_json()
    answer = client.call("POST", "/api/push", body, "application/json")
    sources, sent = _sources(repo), 0
    sizes = {entry.sha256: entry.size for entry in snapshot.files}
    for sha256 in answer.get("missing", []):
        if sha256 not in sources:
            raise PushRefused(f"Server meminta berkas {sha256[:12]}… yang tidak ada di snapshot ini.")
        progress(os.fsdecode(sources[sha256]))
        chunks = _read(repo, sources[sha256], sha256)
        client.call("PUT", f"/api/blobs/{sha256}", chunks, "application/octet-stream", sizes[sha256])
        sent += 1
    if answer.get("missing"):
        answer = client.call("POST", "/api/push", body, "application/json")
    if answer.get("missing"):
        raise ServerError("Server masih kekurangan berkas sesudah dikirim. Ulangi 'zi-evidence push'.")
    return PushResult(sent, bool(answer.get("changed")))


def push_zip(repo: Any, snapshot: Snapshot, target: Path) -> PushResult:
    """The snapshot and every file it names, as one zip for a unit without a network."""
    if repo.contains(target.resolve()):
        raise ServerError(f"{target} ada di dalam folder data dukung; simpan arsip snapshot di luar folder itu.")
    partial = target.with_name(target.name + ".partial")
    sources = _sources(repo)
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(SNAPSHOT_MEMBER, snapshot.to_json())
            for sha256 in sorted(snapshot.hashes()):
                archive.writestr(BLOB_FOLDER + sha256, _file_bytes(repo, sources[sha256], sha256))
        os.replace(partial, target)
    except OSError as exc:
        raise ServerError(f"Arsip snapshot {target} tidak dapat ditulis ({exc}).") from None
    finally:
        if partial.exists():
            partial.unlink()
    return PushResult(len(snapshot.hashes()), True)


def read_zip(path: Path) -> tuple[Snapshot, zipfile.ZipFile]:
    """The snapshot of an archive ``push --to FILE.zip`` wrote, and the open archive for its files."""
    try:
        archive = zipfile.ZipFile(path)
        raw = archive.read(SNAPSHOT_MEMBER)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise PushRefused(
            f"{path} bukan arsip snapshot zi-evidence ({exc}). Buat ulang dengan 'zi-evidence push --to'."
        ) from None
    return from_json(raw), archive


def zip_chunks(archive: zipfile.ZipFile, sha256: str) -> Iterator[bytes]:
    try:
        with archive.open(BLOB_FOLDER + sha256) as member:
            while chunk := member.read(CHUNK):
                yield chunk
    except KeyError:
        raise PushRefused(f"Arsip tidak memuat berkas {sha256[:12]}… yang disebut manifestnya.") from None
