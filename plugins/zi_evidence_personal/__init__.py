"""Personal data in the evidence: citizens' NIK, KK, NPWP, mobile numbers and e-mail, per file and page.

Daftar hadir and survey recaps often carry them, and they must not reach PMPZI or a report unnoticed
(UU 27/2022 tentang Pelindungan Data Pribadi). Officials' NIPs are normal in an SK: info only. Codes
start with ``personal_``, the prefix ``bundle`` refuses on (docs/plugins.md); numbers are masked.
The scan is a file check: its per-file result (masked numbers and digests only) is cached by content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zi_evidence import hookimpl

if TYPE_CHECKING:
    from zi_evidence import FileCheck


@hookimpl
def find_personal_data(text: str) -> list[tuple[int, int]]:
    """Spans to mask where text is shown (search snippets): every kind, the officials' NIP too."""
    from zi_evidence_personal.detect import scan

    return [(hit.offset, hit.end) for hit in scan(text)]


@hookimpl
def register_file_checks() -> list[type[FileCheck]]:
    from zi_evidence_personal.check import PersonalData

    return [PersonalData]
