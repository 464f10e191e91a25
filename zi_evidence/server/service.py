"""What the server does for a push or an import, over its database and evidence store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zi_evidence.server import ingest, tokens
from zi_evidence.server.blobs import BlobStore
from zi_evidence.server.database import ServerDb
from zi_evidence.server.org import unit_id
from zi_evidence.server.push import read_zip, zip_chunks
from zi_evidence.server.snapshot import from_json


@dataclass(frozen=True)
class PushAnswer:
    unit: str
    missing: tuple[str, ...]
    changed: bool  # the unit's state moved to this snapshot just now

    def as_dict(self) -> dict[str, object]:
        return {"unit": self.unit, "missing": list(self.missing), "changed": self.changed}


class Ingest:
    def __init__(self, db: ServerDb, store: BlobStore) -> None:
        self.db = db
        self.store = store

    def push(self, token: str, raw: bytes) -> PushAnswer:
        """Commit the snapshot when the server holds all its files; otherwise say which it lacks."""
        with self.db.engine.connect() as connection:
            tokens.unit_of(connection, token)  # before reading what a stranger sent
        snapshot = from_json(raw)
        with self.db.engine.begin() as connection:
            unit, code = tokens.unit_of(connection, token)
            lacking = ingest.missing(connection, snapshot)
            if lacking:
                ingest.announce(connection, unit, snapshot, lacking)
                return PushAnswer(code, tuple(lacking), False)
            return PushAnswer(code, (), ingest.commit(connection, unit, snapshot))

    def blob(self, token: str, sha256: str, chunks: Iterable[bytes]) -> int:
        with self.db.engine.begin() as connection:
            unit, _ = tokens.unit_of(connection, token)
            return ingest.receive(connection, self.store, sha256, chunks, unit)

    def import_zip(self, path: Path, code: str) -> PushAnswer:
        """Load an archive from ``push --to FILE.zip``: every file's hash checked, then the snapshot."""
        snapshot, archive = read_zip(path)
        with archive, self.db.engine.begin() as connection:
            unit = unit_id(connection, code)
            for sha256 in ingest.missing(connection, snapshot):
                ingest.receive(connection, self.store, sha256, zip_chunks(archive, sha256))
            return PushAnswer(code, (), ingest.commit(connection, unit, snapshot))
