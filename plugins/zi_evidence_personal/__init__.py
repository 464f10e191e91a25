"""Personal data in the evidence: citizens' NIK, KK, NPWP, mobile numbers and e-mail, per file and page.

Daftar hadir and survey recaps often carry them, and they must not reach PMPZI or a report unnoticed
(UU 27/2022 tentang Pelindungan Data Pribadi). Officials' NIPs are normal in an SK: info only. Codes
start with ``personal_``, the prefix ``bundle`` refuses on (docs/plugins.md); numbers are masked.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from zi_evidence import hookimpl

if TYPE_CHECKING:
    from zi_evidence import EvidenceContext, EvidenceFile, Finding

#: kind -> (severity, what it is, in Bahasa Indonesia)
KINDS = {
    "nik": ("error", "NIK (Nomor Induk Kependudukan)"),
    "kk": ("error", "nomor Kartu Keluarga"),
    "npwp": ("warning", "NPWP"),
    "phone": ("warning", "nomor ponsel pribadi"),
    "email": ("warning", "alamat e-mail pribadi"),
    "nip": ("info", "NIP pegawai/pejabat"),
}
EXAMPLES = 3
HINT = (
    "Hitamkan (redaksi) data pribadi warga di berkas ini sebelum diunggah ke PMPZI, atau ganti dengan versi "
    "tanpa kolom tersebut (UU 27/2022 tentang Pelindungan Data Pribadi). Bila memang harus ikut, bundel "
    "dapat dibuat dengan --izinkan-data-pribadi atau aturan personal_data di zi-evidence.yaml."
)
NIP_HINT = "NIP pejabat penanda tangan lazim ada di SK dan surat dinas: tidak perlu dihitamkan."


@hookimpl
def find_personal_data(text: str) -> list[tuple[int, int]]:
    """Spans to mask where text is shown (search snippets): every kind, the officials' NIP too."""
    from zi_evidence_personal.detect import scan

    return [(hit.offset, hit.end) for hit in scan(text)]


@hookimpl
def evidence_findings(context: EvidenceContext) -> list[Finding]:
    from zi_evidence_personal.detect import scan

    findings: list[Finding] = []
    for file in context.files:
        text = context.text(file)
        if not text:
            continue
        by_page: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
        for hit in scan(text):
            by_page[(hit.kind, context.page_at(file, hit.offset))].setdefault(hit.key, hit.masked)
        findings.extend(_findings(file, by_page))
    return findings


def _findings(file: EvidenceFile, by_page: dict[tuple[str, int], dict[str, str]]) -> list[Finding]:
    """One finding per page and kind (distinct numbers counted); NIPs: one info finding per file."""
    from zi_evidence import Finding

    question = file.target_id if file.mapping_status in ("question", "indicator") else None
    result = []
    nip_pages: dict[int, dict[str, str]] = {}
    for (kind, page), masked in sorted(by_page.items(), key=lambda item: (item[0][1], item[0][0])):
        if kind == "nip":
            nip_pages[page] = masked
            continue
        severity, label = KINDS[kind]
        result.append(
            Finding(
                f"personal_{kind}",
                severity,
                f"Halaman {page} memuat {len(masked)} {label} ({_examples(masked)}).",
                HINT,
                question=question,
                path=file.path,
                page=page,
            )
        )
    if nip_pages:  # one line per file: NIPs are expected, not a problem
        count = len({key for found in nip_pages.values() for key in found})
        pages = ", ".join(str(p) for p in sorted(nip_pages))
        first = min(nip_pages)
        every = {key: shown for found in nip_pages.values() for key, shown in found.items()}
        result.append(
            Finding(
                "personal_nip",
                "info",
                f"Berkas memuat {count} {KINDS['nip'][1]} di halaman {pages} ({_examples(every)}).",
                NIP_HINT,
                question=question,
                path=file.path,
                page=first,
            )
        )
    return result


def _examples(masked: dict[str, str]) -> str:
    shown = list(dict.fromkeys(masked.values()))[:EXAMPLES]
    rest = len(masked) - len(shown)
    return f"mis. {', '.join(shown)}" + (f" dan {rest} lainnya" if rest > 0 else "")
