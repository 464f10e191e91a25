"""Built-in document kinds (SK, notulen, daftar hadir, laporan, foto, tangkapan layar…) by file name and content.

A ministry adds its own kinds with the same hook; see ``detectors.py`` for the pattern-based base class.
"""

from __future__ import annotations

from zi_evidence import hookimpl
from zi_evidence_kinds.detectors import DETECTORS
from zi_evidence_kinds.matching import PatternDetector

__all__ = ["DETECTORS", "PatternDetector", "register_kind_detectors"]


@hookimpl
def register_kind_detectors() -> list[type]:
    return list(DETECTORS)
