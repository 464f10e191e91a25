"""Per-file checks: files that cannot be opened, suspiciously small files, duplicates, unmapped files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from zi_evidence import LINK_TARGET, EvidenceContext, EvidenceFile, Finding

TINY_BYTES = 1024  # no real PDF/DOCX/XLSX with content is this small
MIN_TEXT_CHARS = 40  # fewer characters than a one-line title: a blank template or a cover page only
OCR_TEXT_CHARS = 40  # a scan with at least this much (OCR) text is readable after all
_NO_TEXT = ("image/", "audio/", "video/")  # photos and recordings carry no text to judge by length
_REPLACE = "Minta berkas asli, simpan atau pindai ulang ke PDF, lalu ganti berkas ini."

#: catalog problem code -> (finding code, severity, message, hint); other codes keep the parser's own words
PROBLEM_FINDINGS: dict[str, tuple[str, str, str, str]] = {
    "encrypted": (
        "file_encrypted",
        "error",
        "Berkas terkunci kata sandi (terenkripsi); penilai tidak dapat membukanya.",
        "Buka berkas dengan kata sandinya, simpan atau cetak ulang ke PDF tanpa kata sandi, lalu ganti berkas ini.",
    ),
    "corrupt": ("file_corrupt", "error", "Berkas rusak atau tidak lengkap sehingga tidak dapat dibuka.", _REPLACE),
    "mismatch": (
        "file_corrupt",
        "error",
        "Isi berkas tidak sesuai dengan ekstensinya (rusak atau salah nama), sehingga tidak dapat dibuka.",
        "Buka berkas di komputer Anda; simpan ulang dalam format yang benar atau ganti dengan salinan yang baik.",
    ),
    "empty": (
        "file_empty",
        "error",
        "Berkas kosong (0 bita); kemungkinan salinan atau unggahan gagal.",
        "Ganti dengan berkas yang benar isinya.",
    ),
    "no_text_layer": (
        "file_needs_ocr",
        "warning",
        "Berkas hasil pindai tanpa lapisan teks (perlu OCR): isinya tidak dapat dicari dan tidak dapat diperiksa "
        "otomatis (jenis dokumen, tanggal, tanda tangan).",
        "Jalankan OCR pada berkas ini, atau unggah PDF hasil pindai yang teksnya dapat dicari (searchable PDF).",
    ),
    "unreadable": (
        "file_unreadable",
        "error",
        "Berkas tidak dapat dibaca (hak akses atau gangguan penyimpanan).",
        "Periksa hak akses berkas, atau salin ulang berkas dari sumbernya.",
    ),
}


def _question(file: EvidenceFile) -> str | None:
    return file.target_id if file.mapping_status in ("question", "indicator") else None


def file_problems(context: EvidenceContext) -> Iterator[Finding]:
    for file in context.files:
        for problem in file.problems:
            if problem.code == "no_text_layer" and file.text_chars >= OCR_TEXT_CHARS:
                continue  # OCR has already given it text
            if problem.severity == "info" and problem.code not in PROBLEM_FINDINGS:
                continue  # a note about how the text was read (e.g. by OCR), not something to fix
            code, severity, message, hint = PROBLEM_FINDINGS.get(
                problem.code, (f"file_{problem.code}", problem.severity, problem.message, problem.hint)
            )
            yield Finding(code, severity, message, hint, question=_question(file), path=file.path)
    for path, problem in context.skipped:
        yield Finding(f"skipped_{problem.code}", "warning", problem.message, problem.hint, path=path)


def tiny_files(context: EvidenceContext) -> Iterator[Finding]:
    for file in context.files:
        if not file.readable or file.mime.startswith(_NO_TEXT) or file.has_problem("no_text_layer"):
            continue
        if file.metadata.get(LINK_TARGET):  # a shortcut is small by nature; ``link_only`` speaks of it
            continue
        if file.size < TINY_BYTES:
            detail = f"hanya {file.size} bita"
        elif file.status == "ok" and file.text_chars < MIN_TEXT_CHARS:
            detail = f"isinya hanya {file.text_chars} karakter teks"
        else:
            continue
        yield Finding(
            "tiny_file",
            "warning",
            f"Berkas ini sangat kecil ({detail}); kemungkinan templat kosong, halaman sampul saja, atau salinan "
            "yang gagal.",
            "Buka dan periksa isinya; ganti dengan dokumen lengkap bila perlu.",
            question=_question(file),
            path=file.path,
        )


def duplicates(context: EvidenceContext) -> Iterator[Finding]:
    """Identical bytes under more than one path: flagged on every copy, naming the others."""
    groups: dict[str, list[EvidenceFile]] = defaultdict(list)
    for file in context.files:
        if file.size > 0 and file.sha256:
            groups[file.sha256].append(file)
    for copies in groups.values():
        if len(copies) < 2:
            continue
        across = len({c.target_id for c in copies}) > 1
        for file in copies:
            others = [c for c in copies if c is not file]
            listed = "; ".join(f"{c.path} ({c.target_id or 'belum terpetakan'})" for c in others)
            if across:
                yield Finding(
                    "duplicate",
                    "warning",
                    f"Isi berkas ini sama persis dengan berkas untuk pertanyaan lain: {listed}.",
                    "Pastikan dokumen ini memang mendukung kedua pertanyaan; bila salah tempat, pindahkan atau ganti "
                    "dengan dokumen yang tepat.",
                    question=_question(file),
                    path=file.path,
                )
            else:
                yield Finding(
                    "duplicate_same_question",
                    "info",
                    f"Berkas ini tersimpan lebih dari sekali untuk pertanyaan yang sama: {listed}.",
                    "Hapus salinan yang tidak perlu agar data dukung tidak berulang.",
                    question=_question(file),
                    path=file.path,
                )


def mapping(context: EvidenceContext) -> Iterator[Finding]:
    """Files the tool could not place under one question."""
    for file in context.files:
        if file.mapping_status == "unmapped":
            yield Finding(
                "unmapped",
                "warning",
                f"Berkas ini belum terpetakan ke pertanyaan LKE mana pun: {file.mapping_reason}.",
                "Pindahkan ke folder pertanyaan yang sesuai, beri id LKE pada nama berkas (mis. '1.i.a …'), atau "
                "tambahkan aturan 'mapping' di zi-evidence.yaml.",
                path=file.path,
            )
        elif file.mapping_status == "ambiguous":
            yield Finding(
                "ambiguous",
                "warning",
                f"Pertanyaan untuk berkas ini tidak dapat dipastikan: {file.mapping_reason}.",
                "Simpan di folder PEMENUHAN atau REFORM, atau pakai id lengkap (mis. 'A.II.1.i.a …') pada nama berkas.",
                path=file.path,
            )
        elif file.mapping_status == "indicator":
            yield Finding(
                "indicator_level",
                "info",
                f"Berkas ini hanya dikenali sampai indikator {file.target_id}; belum jelas mendukung pertanyaan mana.",
                "Simpan di folder pertanyaan (mis. 'a. …') atau tambahkan huruf pertanyaan pada nama berkas "
                "(mis. '2.i.a …').",
                question=file.target_id,
                path=file.path,
            )
