"""One folder per area / indicator / question, named so that the mapper reads them back.

Names stay short (labels cut at a word boundary) so that a full path stays far under
Windows' 260-character limit, even below a long shared-drive prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LABEL_CHARS = 28
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _label(text: str) -> str:
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if len(text) <= LABEL_CHARS:
        return text
    return text[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(" .,-")


def skeleton_folders(ruleset: Any) -> Iterator[Path]:
    """Relative folder paths, one per question (and per hasil component)."""
    parts = {"pemenuhan": "PEMENUHAN", "reform": "REFORM"}
    areas = {area.number: area for area in ruleset.areas}
    for indicator in ruleset.indicators:
        area = areas[indicator.area]
        base = Path(parts[indicator.part]) if indicator.part else Path()
        area_dir = f"AREA {ROMAN[area.number]} - {_label(area.name)}"
        indicator_dir = f"{ROMAN[indicator.ordinal].lower()}. {_label(indicator.name)}"
        for question in ruleset.questions_of(indicator.id):
            yield base / area_dir / indicator_dir / f"{question.letter}. {_label(question.label)}"
    for group in ruleset.hasil:
        for component in group.components:
            yield Path("HASIL") / f"{component.id} {_label(component.name)}"


def create_skeleton(root: Path, ruleset: Any) -> int:
    """Create missing folders only; existing folders and files are left as they are."""
    created = 0
    for folder in skeleton_folders(ruleset):
        target = root / folder
        if not target.exists():
            target.mkdir(parents=True)
            created += 1
    return created
