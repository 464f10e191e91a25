"""The audit log's hash chain: how a row's hash is made, and the proof that no row was edited or removed.

Each row's hash covers its own stored fields and the previous row's hash, so changing any byte of any
row breaks every hash from that row on; the store keeps the last hash and count apart (``audit_head``)
so that cutting rows off the end shows too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from zi_evidence.review.model import Event, EventDraft

GENESIS = "0" * 64


def canonical(detail: Mapping[str, Any]) -> str:
    """The one JSON text of a detail mapping: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(detail, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def row_hash(seq: int, draft_fields: tuple[str, ...], detail: str, prev_hash: str) -> str:
    payload = json.dumps([seq, *draft_fields, detail, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fields(event: Event | EventDraft) -> tuple[str, ...]:
    return (
        event.at,
        event.actor,
        event.action,
        event.unit,
        event.question_id,
        event.tier,
        event.status,
        event.fingerprint,
    )


def seal(draft: EventDraft, seq: int, prev_hash: str) -> Event:
    """The stored row for ``draft`` as number ``seq`` after a row hashed ``prev_hash``."""
    detail = canonical(draft.detail)
    digest = row_hash(seq, _fields(draft), detail, prev_hash)
    return Event(
        seq,
        draft.at,
        draft.actor,
        draft.action,
        draft.unit,
        draft.question_id,
        draft.tier,
        draft.status,
        draft.fingerprint,
        detail,
        prev_hash,
        digest,
    )


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of ``audit verify``: ``broken_seq`` is the first row that fails, with why."""

    rows: int
    broken_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(events: Iterable[Event], head: tuple[int, str] | None) -> ChainCheck:
    """Walk the rows in order; ``head`` is the stored (count, last hash) the rows must end at."""
    prev, expected_seq, count = GENESIS, 1, 0
    for event in events:
        if event.seq != expected_seq:
            return ChainCheck(count, expected_seq, f"baris {expected_seq} sampai {event.seq - 1} hilang (dihapus)")
        if event.prev_hash != prev:
            return ChainCheck(count, event.seq, "tautan ke baris sebelumnya tidak cocok (baris diubah atau disisipkan)")
        if row_hash(event.seq, _fields(event), event.detail, event.prev_hash) != event.hash:
            return ChainCheck(count, event.seq, "isi baris tidak cocok dengan hash-nya (baris diubah)")
        prev, expected_seq, count = event.hash, expected_seq + 1, count + 1
    stored_count, stored_hash = head or (0, GENESIS)
    if (count, prev) != (stored_count, stored_hash):
        return ChainCheck(count, count + 1, f"log berakhir di baris {count}, padahal tercatat {stored_count} baris")
    return ChainCheck(count)
