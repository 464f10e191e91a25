"""Links instead of evidence: a Drive shortcut or a .url file points at a document the drive does not hold."""

from __future__ import annotations

from collections.abc import Iterator

from zi_evidence import LINK_TARGET, EvidenceContext, Finding


def link_only(context: EvidenceContext) -> Iterator[Finding]:
    for file in context.files:
        target = file.metadata.get(LINK_TARGET)
        if not target:
            continue
        yield Finding(
            "evidence_is_link",
            "warning",
            f"Berkas ini hanya tautan ke {target}; data dukungnya sendiri tidak ada di drive, sehingga tidak dapat "
            "dibaca, dicari, maupun diunggah ke PMPZI.",
            "Buka tautannya, unduh dokumennya (mis. File > Download > PDF atau Microsoft Excel), lalu simpan berkas "
            "itu di folder ini; pintasannya boleh dihapus.",
            question=file.target_id if file.mapping_status in ("question", "indicator") else None,
            path=file.path,
        )
