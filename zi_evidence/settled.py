"""What a run with nothing changed may skip, and the catalog meta keys that prove it.

Each key holds a signature stored by the run that left the catalog consistent with it; a later run
whose signature is equal skips the matching pass, any other value (or none) makes it do the pass.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from zi_evidence import __version__, mapping

#: Every file row carries the parser ``choose_parser`` picks with the parser set of this signature.
PARSERS_KEY = "parsers_signature"
#: Every file row is mapped with the rule set and mapping rules of this signature.
MAPPING_KEY = "mapping_signature"


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
    code = hashlib.sha256(Path(mapping.__file__).read_bytes()).hexdigest()  # an edited mapper maps anew
    return _digest([ruleset_fingerprint, [(r.pattern, r.target_id) for r in rules], code, __version__])


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()
