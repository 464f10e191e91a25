"""Built-in evidence checks: coverage per question, expected kinds, periodic series, dates, signatures, files.

Each check is a small function ``context -> findings``; a ministry adds its own through the same
``evidence_findings`` hook instead of editing these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from zi_evidence import hookimpl

if TYPE_CHECKING:  # the checks load when findings are asked for: `index` and `search` never need them
    from zi_evidence import EvidenceContext, Finding

    Check = Callable[[EvidenceContext], Iterable[Finding]]


def _checks() -> tuple[Check, ...]:
    from zi_evidence_checks.content import dated_outside_year, unsigned_sk
    from zi_evidence_checks.coverage import coverage
    from zi_evidence_checks.files import duplicates, file_problems, mapping, tiny_files
    from zi_evidence_checks.links import link_only
    from zi_evidence_checks.periodic import periodicity

    return (
        coverage,
        periodicity,
        dated_outside_year,
        unsigned_sk,
        file_problems,
        tiny_files,
        duplicates,
        mapping,
        link_only,
    )


@hookimpl
def evidence_findings(context: EvidenceContext) -> list[Finding]:
    return [finding for check in _checks() for finding in check(context)]
