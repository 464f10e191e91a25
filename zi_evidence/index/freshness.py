"""What a run with nothing changed may skip, the catalog meta keys that prove it, and the passes they gate.

Each key holds a signature stored by the run that left the catalog consistent with it; a later run
whose signature is equal skips the matching pass, any other value (or none) makes it do the pass.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from zi_evidence import __version__

#: The mapper's source, read for its signature (importing it would compile its patterns in every run).
_MAPPER_CODE = Path(__file__).with_name("mapping.py")
#: Every file row carries the parser ``choose_parser`` picks with the parser set of this signature.
PARSERS_KEY = "parsers_signature"
#: Every file row is mapped with the rule set and mapping rules of this signature.
MAPPING_KEY = "mapping_signature"
#: Every file row's kinds were detected by the detectors of this signature.
KINDS_KEY = "kinds_signature"
#: The catalog generation and index fingerprint at which both were last seen to agree.
AGREED_KEY = "index_agreed"


def parsers_signature(parsers: Iterable[Any]) -> str:
    """Names, versions, mime types and each type's score: changes when a better parser appears or goes.

    The score is asked with an empty name: built-in parsers judge by type (and OCR by what is installed),
    and a parser whose choice follows the file name must bump its version when that rule changes.
    """
    parts = []
    for parser in sorted(parsers, key=lambda p: p.name):
        scores = [(mime, parser.score(mime, "")) for mime in sorted(parser.mime_types)]
        parts.append((parser.name, str(parser.version), scores))
    return _digest(parts)


def mapping_signature(ruleset_fingerprint: str, rules: Iterable[Any]) -> str:
    """The rule set's content, the repository's own mapping rules and the mapper's code decide each file's question."""
    code = hashlib.sha256(_MAPPER_CODE.read_bytes()).hexdigest()  # an edited mapper maps anew
    return _digest([ruleset_fingerprint, [(r.pattern, r.target_id) for r in rules], code, __version__])


def remap(catalog: Any, mapper: Callable[[], Any], signature: str, full: bool) -> int:
    """Map every file again when the rule set, the mapping rules or the mapper changed since the recorded
    signature; returns how many rows moved. ``mapper`` is asked for only then (building it loads the rule set)."""
    if catalog.get_meta(MAPPING_KEY) == signature:
        return 0  # every row, including those written now, is mapped this very way
    if not full:  # rows written now follow a rule set the recorded signature does not describe
        catalog.set_meta(MAPPING_KEY, "")
        return 0
    moved = 0
    current = mapper()
    for file_id, (shown, target, status, reason) in catalog.mappings().items():
        placement = current.map(shown)
        if (placement.target_id, placement.status, placement.reason) != (target, status, reason):
            catalog.update_file(
                file_id, target_id=placement.target_id, mapping_status=placement.status, mapping_reason=placement.reason
            )
            moved += 1
    catalog.set_meta(MAPPING_KEY, signature)
    return moved


def detect_stale_kinds(catalog: Any, detectors: list[Any], fresh: Collection[int] = ()) -> bool:
    """Detect the kinds of new and changed files, or of every file when the detectors changed (then True);
    ``fresh`` rows were written with kinds these very detectors found."""
    from zi_evidence.index.kinds import TEXT_HEAD_CHARS, detect_kinds, detectors_signature

    signature = detectors_signature(detectors)
    all_files = catalog.get_meta(KINDS_KEY) != signature
    for file_id, shown, text in catalog.kind_inputs(not all_files, TEXT_HEAD_CHARS):
        if file_id in fresh:
            continue
        kinds = detect_kinds(detectors, shown.rsplit("/", 1)[-1], text)
        catalog.update_file(file_id, kinds=",".join(kinds), kinds_stale=0)
    if all_files:  # rewriting the same value made every no-change run commit (and checkpoint) a write
        catalog.set_meta(KINDS_KEY, signature)
    return all_files


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()
