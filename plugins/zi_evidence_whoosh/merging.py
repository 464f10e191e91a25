"""Which segments an update may merge: only the small ones that updates leave behind.

Whoosh's default policy (MERGE_SMALL) merges every segment below a Fibonacci bound; after a rebuild
in chunks (tens of segments of a few hundred files each) one changed file made it rewrite thousands
of documents: 66 s and 1.9 GB at 10,000 files. The rebuild names its segments in a file beside them
(``BUILT``) and they stay as built (the next rebuild, when most files changed, rewrites them). Updates
leave a segment of a few documents each; once a size band holds ``MERGE_AT`` of them they become one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

#: This many update segments of one size band (a power of ten of documents) are merged into one.
MERGE_AT = 8
BUILT = "BUILT"


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
