"""The segments of an index: a rebuild writes a few large ones; an update merges only its own small ones.

A rebuild writes one segment per chunk of text, each small enough that its writer keeps every posting
in memory (past its budget Whoosh pickles each posting to a temporary run and back, a third of a full
build). Whoosh's default merge policy (MERGE_SMALL) merges every segment below a Fibonacci bound; after a rebuild
in chunks (tens of segments of a few hundred files each) one changed file made it rewrite thousands
of documents: 66 s and 1.9 GB at 10,000 files. The rebuild names its segments in a file beside them
(``BUILT``) and they stay as built (the next rebuild, when most files changed, rewrites them). Updates
leave a segment of a few documents each; once a size band holds ``MERGE_AT`` of them they become one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from zi_evidence import IndexDoc

#: This many update segments of one size band (a power of ten of documents) are merged into one.
MERGE_AT = 8
BUILT = "BUILT"


def build(ix: Any, docs: Iterable[IndexDoc], chunk_chars: int, limitmb: int) -> None:
    """Write ``docs`` into the empty index ``ix``, one segment per ``chunk_chars`` of text per process
    (every core analyses its share of each chunk), and name those segments as the rebuild's."""
    from zi_evidence_whoosh.codec import SplitBlockCodec
    from zi_evidence_whoosh.schema import doc_fields

    procs = max(1, min(os.cpu_count() or 1, 4))
    options = {"procs": procs, "multisegment": True, "batchsize": 25} if procs > 1 else {}
    writer = None
    try:
        written = 0
        for doc in docs:
            if writer is None:
                writer = ix.writer(limitmb=limitmb, codec=SplitBlockCodec(), **options)
            writer.add_document(**doc_fields(doc))
            written += len(doc.text)
            if written >= chunk_chars * procs:
                writer.commit(merge=False)
                writer, written = None, 0
        if writer is None:
            writer = ix.writer(codec=SplitBlockCodec())  # an empty index still needs one commit
        writer.commit(merge=False)
        remember_built(Path(ix.storage.folder), (segment.segment_id() for segment in ix._segments()))
    except BaseException:
        if writer is not None:
            writer.cancel()
        raise


def commit_update(writer: Any, ix: Any) -> None:
    """Commit an update, merging only the small segments earlier updates left (never the rebuild's)."""
    present = [segment.segment_id() for segment in ix._segments()]
    writer.commit(mergetype=update_policy(built_segments(Path(ix.storage.folder), present)))


def remember_built(folder: Path, segment_ids: Iterable[str]) -> None:
    (folder / BUILT).write_text("\n".join(sorted(segment_ids)) + "\n", encoding="utf-8")


def built_segments(folder: Path, present: Iterable[str]) -> frozenset[str]:
    """The rebuild's segments; an index built before this file existed adopts what it has now."""
    try:
        return frozenset((folder / BUILT).read_text(encoding="utf-8").split())
    except FileNotFoundError:
        remember_built(folder, present)
        return frozenset(present)
    except OSError:
        return frozenset(present)


def update_policy(built: frozenset[str]) -> Callable[[Any, list[Any]], list[Any]]:
    """A Whoosh merge policy that keeps the rebuild's segments and merges full bands of the others."""

    def merge(writer: Any, segments: list[Any]) -> list[Any]:
        return _merge_bands(writer, segments, built)

    return merge


def _merge_bands(writer: Any, segments: list[Any], built: frozenset[str]) -> list[Any]:
    from whoosh.reading import SegmentReader

    bands: dict[int, list[Any]] = {}
    for segment in segments:
        if segment.segment_id() not in built:
            bands.setdefault(len(str(max(segment.doc_count_all(), 1))), []).append(segment)
    merging = [segment for band in bands.values() if len(band) >= MERGE_AT for segment in band]
    for segment in merging:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merging]
