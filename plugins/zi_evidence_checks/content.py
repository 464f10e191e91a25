"""Checks that read a document's content: its date against the assessment year, and an SK's signature block."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zi_evidence import EvidenceContext, Finding

# "Ditetapkan di", also letter-spaced or broken across a line
_ENACTED = re.compile(r"d\s*i\s*t\s*e\s*t\s*a\s*p\s*k\s*a\s*n\s+d\s*i\b", re.IGNORECASE)
# the signing official's NIP: 18 digits, often grouped "19780512 200112 1 002"
_NIP = re.compile(r"\bNIP\b\.?\s*:?\s*(?:\d[ .]?){17}\d(?!\d)", re.IGNORECASE)
# an electronic signature (TTE/BSrE) replaces the wet one
_ELECTRONIC = re.compile(r"ditandatangani\s+secara\s+elektronik|tanda\s+tangan\s+elektronik|\bTTE\b", re.IGNORECASE)
_DECREE = re.compile(r"\bkeputusan\b", re.IGNORECASE)
_DECIDES = re.compile(r"\b(?:memutuskan|menetapkan)\b", re.IGNORECASE)
WEAK_SOURCES = frozenset({"metadata"})  # a scan or re-save date says little about the document itself


def dated_outside_year(context: EvidenceContext) -> Iterator[Finding]:
    for file in context.files:
        found = file.date
        if not file.readable or found is None or found.year == context.year:
            continue
        when = "sebelum" if found.year < context.year else "sesudah"
        yield Finding(
            "outside_year",
            "info" if found.source in WEAK_SOURCES else "warning",
            f"Dokumen ini bertanggal {found.describe()}, {when} tahun penilaian {context.year}.",
            f"Data dukung harus berasal dari periode penilaian: ganti dengan dokumen tahun {context.year}, atau "
            "biarkan bila dokumen ini memang masih berlaku (mis. Renstra lima tahunan, SK yang belum dicabut).",
            question=file.target_id if file.mapping_status in ("question", "indicator") else None,
            path=file.path,
        )


def unsigned_sk(context: EvidenceContext) -> Iterator[Finding]:
    """An SK whose text has no "Ditetapkan di" and no signing official's NIP: probably a draft."""
    for file in context.files:
        if "sk" not in file.kinds or not file.readable:
            continue
        text = context.text(file)
        if not text.strip() or not (_DECREE.search(text) and _DECIDES.search(text)):
            continue  # a scan without text, or only named "SK": nothing to judge
        if _ENACTED.search(text) or _NIP.search(text) or _ELECTRONIC.search(text):
            continue
        yield Finding(
            "unsigned_sk",
            "warning",
            "SK ini tampaknya belum ditandatangani: tidak ada bagian 'Ditetapkan di … pada tanggal …' dan tidak ada "
            "NIP pejabat yang menetapkan.",
            "Unggah SK final yang sudah ditandatangani (hasil pindai atau PDF bertanda tangan elektronik), bukan "
            "konsep atau draf.",
            question=file.target_id if file.mapping_status in ("question", "indicator") else None,
            path=file.path,
        )
