"""Document kinds (SK, notulen, daftar hadir, laporan…), recognised by plugins from name and text.

Kinds are computed once per file version in the catalog stage, so the index (``--kind``) and
the completeness checks read the same answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import ClassVar, Protocol

TEXT_HEAD_CHARS = 6000  # a kind shows in the title block; the head of the text is enough


class KindDetector(Protocol):
    """The shape of a class (or object) returned by the ``register_kind_detectors`` hook."""

    name: ClassVar[str]  # the kind, e.g. "sk"
    label: ClassVar[str]  # what people read, e.g. "Surat Keputusan (SK)"
    version: ClassVar[str]

    @classmethod
    def detect(cls, filename: str, text: str) -> bool:
        """Whether a file with this name and (head of) text is of this kind."""


def detect_kinds(detectors: Iterable[type[KindDetector]], filename: str, text: str) -> tuple[str, ...]:
    head = text[:TEXT_HEAD_CHARS]
    return tuple(sorted({d.name for d in detectors if d.detect(filename, head)}))


def detectors_signature(detectors: Iterable[type[KindDetector]]) -> str:
    """Changes when the set of detectors or their versions change: then every file is re-detected."""
    names = sorted(f"{d.name}:{d.version}" for d in detectors)
    return hashlib.sha1("|".join(names).encode()).hexdigest()
