"""The personal-data file check: what one text holds (cached by the core per content), then its findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zi_evidence import FileCheck

if TYPE_CHECKING:
    from zi_evidence import EvidenceContext, EvidenceFile, FileText, Finding

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


class PersonalData(FileCheck):
    """Per page and kind, the distinct numbers found: ``[kind, page, {digest: masked}]``."""

    name = "personal_data"
    version = "2"  # bump whenever detect.py would find something else in the same text

    def scan(self, text: FileText) -> list[list[Any]]:
        from zi_evidence_personal.detect import scan

        by_page: dict[tuple[str, int], dict[str, str]] = {}
        for hit in scan(text.text):
            by_page.setdefault((hit.kind, text.page_at(hit.offset)), {}).setdefault(hit.key, hit.masked)
        return [[kind, page, masked] for (kind, page), masked in by_page.items()]

    def findings(self, file: EvidenceFile, result: Any, context: EvidenceContext) -> list[Finding]:
        return _findings(file, {(kind, page): masked for kind, page, masked in result})


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
