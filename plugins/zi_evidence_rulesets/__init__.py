"""Built-in rule sets: the national LKE instruments and Kemenkumham's, as data files.

Loaded like any third-party plugin through the ``zi_evidence`` entry point ``rulesets``.
"""

from __future__ import annotations

from pathlib import Path

from zi_evidence import hookimpl

DATA = Path(__file__).parent / "data"
#: Parents first, so a reader of this list sees what extends what.
FILES = ("permenpanrb-90-2021.yaml", "permenpanrb-10-2019.yaml", "permenkumham-29-2019.yaml")


@hookimpl
def register_rulesets() -> list[Path]:
    """The rule-set files shipped with zi-evidence."""
    return [DATA / name for name in FILES]
