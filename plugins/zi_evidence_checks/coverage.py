"""Is there evidence for each question, and of the kinds a TPI reviewer expects to see?

Severity of "no evidence at all": **error** for a pengungkit question, since the TPI cannot accept an
answer it cannot verify; **warning** for a hasil component, whose value comes from external surveys
(IPAK/IPKP by the TPN or BPS) or last year's performance report, which the unit may not hold; and
**warning** when the question's indicator has files that were not filed per question.
A missing *kind* takes the severity of the rule set's expectation (warning unless a ministry says
otherwise): the regulations list typical documents, not mandatory ones.
"""

from __future__ import annotations

from collections.abc import Iterator

from zi_evidence import EvidenceContext, EvidenceFile, Finding, Target

#: An expectation of kind K is met by a file of any of these kinds.
SATISFIED_BY: dict[str, frozenset[str]] = {
    "rapat": frozenset({"rapat", "undangan", "daftar_hadir", "notulen"}),
    "aplikasi": frozenset({"aplikasi", "tangkapan_layar"}),
    "kebijakan": frozenset({"kebijakan", "sk"}),
    "surat": frozenset({"surat", "surat_pernyataan", "undangan"}),
}
ANY_KIND = frozenset({"dokumen", "lainnya"})  # any readable file will do
SEVERITY_ORDER = ("info", "warning", "error")


def satisfying(kind: str) -> frozenset[str]:
    return SATISFIED_BY.get(kind, frozenset({kind}))


def examples(target: Target, limit: int = 4) -> str:
    """ "SK Tim Kerja ZI; undangan + daftar hadir …" for hints."""
    return "; ".join(e.description for e in target.evidence[:limit])


def _title(target: Target) -> str:
    return f"{target.id} ({target.label})"


def coverage(context: EvidenceContext) -> Iterator[Finding]:
    for target in context.targets:
        files = context.files_for(target.id)
        readable = [f for f in files if f.readable and not f.is_pointer]
        if not files:
            yield _no_evidence(context, target)
        elif not readable and all(f.is_pointer for f in files):
            yield _links_only(target, files)
        elif not readable:
            yield _no_usable(target, files)
        elif not any(context.in_period(f) for f in readable):
            yield _not_current(context, target)
        if readable:
            yield from missing_kinds(context, target, readable)


def _no_evidence(context: EvidenceContext, target: Target) -> Finding:
    nearby = [
        f
        for f in context.files
        if f.mapping_status == "indicator" and f.target_id == target.indicator_id and f.readable
    ]
    hint = "Tambahkan data dukung ke folder pertanyaan ini, atau beri id pertanyaan pada nama berkas."
    if target.evidence:
        hint = f"Contoh data dukung: {examples(target)}. " + hint
    if nearby:
        return Finding(
            "no_evidence",
            "warning",
            f"Belum ada data dukung yang disimpan khusus untuk {_title(target)}; baru ada {len(nearby)} berkas "
            f"di tingkat indikator {target.indicator_id}, tanpa keterangan pertanyaan mana yang didukung.",
            "Pindahkan berkas indikator yang sesuai ke folder pertanyaan ini (mis. 'b. …') atau tambahkan huruf "
            "pertanyaan pada nama berkasnya.",
            question=target.id,
        )
    if target.hasil:
        return Finding(
            "no_evidence",
            "warning",
            f"Belum ada data dukung untuk komponen hasil {_title(target)}.",
            "Nilai komponen hasil berasal dari survei eksternal atau laporan kinerja; simpan salinan hasilnya "
            "bila unit memilikinya. " + hint,
            question=target.id,
        )
    return Finding(
        "no_evidence",
        "error",
        f"Belum ada data dukung sama sekali untuk {_title(target)}; jawaban tanpa data dukung tidak dapat "
        "diverifikasi oleh penilai.",
        hint,
        question=target.id,
    )


def _no_usable(target: Target, files: tuple[EvidenceFile, ...]) -> Finding:
    names = ", ".join(f"'{f.name}'" for f in files[:5])
    return Finding(
        "no_usable_evidence",
        "warning" if target.hasil else "error",
        f"Semua data dukung {_title(target)} tidak dapat dibuka (rusak, terkunci kata sandi atau kosong): {names}.",
        "Ganti berkas tersebut dengan salinan yang baik (PDF tanpa kata sandi); lihat temuan per berkas.",
        question=target.id,
    )


def _links_only(target: Target, files: tuple[EvidenceFile, ...]) -> Finding:
    names = ", ".join(f"'{f.name}'" for f in files[:5])
    return Finding(
        "no_usable_evidence",
        "warning" if target.hasil else "error",
        f"Data dukung {_title(target)} hanya berupa tautan ke dokumen di tempat lain ({names}); penilai dan "
        "PMPZI memerlukan dokumennya sendiri.",
        "Unduh dokumen dari tautan itu (mis. File > Download > PDF) dan simpan di folder pertanyaan ini.",
        question=target.id,
    )


def _not_current(context: EvidenceContext, target: Target) -> Finding:
    return Finding(
        "no_current_evidence",
        "warning",
        f"Semua data dukung {_title(target)} bertanggal di luar tahun penilaian {context.year}.",
        f"Lengkapi dengan dokumen tahun {context.year}; dokumen lama hanya sah bila memang masih berlaku.",
        question=target.id,
    )


def missing_kinds(context: EvidenceContext, target: Target, readable: list[EvidenceFile]) -> Iterator[Finding]:
    """One finding per expected kind no readable file of the question has."""
    present = {kind for f in readable for kind in f.kinds}
    wanted: dict[str, list] = {}
    for expectation in target.evidence:
        kind = getattr(expectation, "kind", None)
        if kind and kind not in ANY_KIND:
            wanted.setdefault(kind, []).append(expectation)
    for kind, expectations in wanted.items():
        if present & satisfying(kind):
            continue
        severity = max((e.severity for e in expectations), key=SEVERITY_ORDER.index)
        described = "; ".join(e.description for e in expectations)
        label = context.kind_label(kind)
        yield Finding(
            "missing_kind",
            severity,
            f"Belum ada {label} untuk {_title(target)}. Yang biasanya dilampirkan: {described}.",
            f"Tambahkan {label.lower()} ke folder pertanyaan ini. Bila dokumennya sudah ada tetapi tidak dikenali, "
            f"beri nama berkas yang jelas (mis. '{target.id} {kind.replace('_', ' ').title()} …').",
            question=target.id,
        )
