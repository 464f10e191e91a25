"""Letter templates as data, keyed by rule-set family, each citing the regulation it follows.

The regulations prescribe the *elements* of the letters (addressee, subject, legal basis, year of
the TPI report, list of units and predicates, signature, copies); the sentences below are written
for this tool along those elements. Have the final text checked against the regulation before it
is signed. ``{placeholders}`` are filled by ``letters.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

ADDRESSEE = (
    "Yth. Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia",
    "c.q. Deputi Bidang Reformasi Birokrasi, Akuntabilitas Aparatur, dan Pengawasan",
    "di",
    "Jakarta",
)
PREDICATES = {
    "WBK": "Menuju Wilayah Bebas dari Korupsi (WBK)",
    "WBBM": "Menuju Wilayah Birokrasi Bersih dan Melayani (WBBM)",
}


@dataclass(frozen=True)
class LetterTemplate:
    family: str
    title: str  # what the letter is called in the regulation
    subject: str  # "Hal"
    basis: str  # the regulation the submission is made under
    opening: str
    request: str
    attachments_sentence: str
    closing: str
    citation: str
    note: str = ""


@dataclass(frozen=True)
class SptjmTemplate:
    title: str
    statement: str
    consequence: str
    closing: str
    citation: str


_CLOSING = "Demikian kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih."
_OPENING = (
    "Dalam rangka pelaksanaan {basis}, {institution} telah melaksanakan pembangunan Zona Integritas. "
    "Berdasarkan laporan hasil evaluasi Tim Penilai Internal (TPI) {institution} tahun {report_year}, "
    "dengan ini kami mengusulkan unit kerja berikut sebagai unit kerja berpredikat Menuju Wilayah Bebas dari "
    "Korupsi (WBK)/Wilayah Birokrasi Bersih dan Melayani (WBBM):"
)

NATIONAL_2021 = LetterTemplate(
    family="permenpanrb-90",
    title="Surat Pengajuan Evaluasi",
    subject="Pengajuan Unit Kerja Berpredikat Menuju WBK/WBBM",
    basis=(
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021 tentang "
        "Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih "
        "dan Melayani di Instansi Pemerintah sebagaimana telah diubah dengan Peraturan Menteri Pendayagunaan "
        "Aparatur Negara dan Reformasi Birokrasi Nomor 5 Tahun 2024"
    ),
    opening=_OPENING,
    request=(
        "Sehubungan dengan hal tersebut, kami mohon Tim Penilai Nasional dapat melakukan evaluasi atas usulan dimaksud."
    ),
    attachments_sentence=(
        "Sebagai kelengkapan, kami sampaikan Surat Pernyataan Tanggung Jawab Mutlak (SPTJM) pimpinan setiap unit "
        "kerja yang diusulkan; lembar kerja evaluasi TPI beserta data dukungnya disampaikan melalui aplikasi PMPZI."
    ),
    closing=_CLOSING,
    citation=(
        "PermenPANRB 90/2021 Lampiran II (contoh surat pengajuan evaluasi, Gambar 6) sebagaimana diubah "
        "PermenPANRB 5/2024: satu surat untuk seluruh unit yang diusulkan, dilampiri SPTJM (Gambar 7)"
    ),
)

NATIONAL_2019 = LetterTemplate(
    family="permenpanrb-10",
    title="Surat Permohonan Reviu",
    subject="Pengajuan Unit Kerja Berpredikat Menuju WBK/WBBM",
    basis=(
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 52 Tahun 2014 tentang "
        "Pedoman Pembangunan Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih dan "
        "Melayani di Lingkungan Instansi Pemerintah sebagaimana telah diubah dengan Peraturan Menteri "
        "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 10 Tahun 2019"
    ),
    opening=_OPENING,
    request=(
        "Sehubungan dengan hal tersebut, kami mohon Tim Penilai Nasional dapat melakukan reviu atas usulan dimaksud."
    ),
    attachments_sentence=("Hasil penilaian internal beserta bukti pendukungnya kami sampaikan melalui aplikasi PMPZI."),
    closing=_CLOSING,
    citation="PermenPANRB 52/2014 jo. 10/2019 (permohonan reviu kepada TPN melalui PMPZI paling lambat 31 Mei)",
    note="Susunan unsur surat mengikuti contoh surat pengajuan reviu pada Permenkumham 29/2019 Bab III.",
)

KEMENKUMHAM_2019 = LetterTemplate(
    family="permenkumham",
    title="Surat Pengajuan Reviu",
    subject=(
        "Pengajuan Unit Kerja Berpredikat Menuju Wilayah Bebas dari Korupsi (WBK)/"
        "Wilayah Birokrasi Bersih dan Melayani (WBBM)"
    ),
    basis=NATIONAL_2019.basis,
    opening=_OPENING,
    request=(
        "Sehubungan dengan hal tersebut, kami mohon agar Tim Penilai Nasional dapat melakukan reviu "
        "atas usulan dimaksud."
    ),
    attachments_sentence=(
        "Keputusan Menteri Hukum dan Hak Asasi Manusia tentang satuan kerja usulan WBK dan WBBM serta seluruh data "
        "dukung satuan kerja usulan kami sampaikan melalui aplikasi PMPZI."
    ),
    closing=_CLOSING,
    citation="Permenkumham 29/2019 Bab III huruf c–d dan contoh surat pengajuan reviu kepada TPN",
    note=(
        "Contoh surat Permenkumham 29/2019 menyebut dasar PermenPANRB 52/2014; di sini ditambahkan perubahannya "
        "(PermenPANRB 10/2019) sebagaimana bagian 'Mengingat' peraturan tersebut."
    ),
)

SPTJM = SptjmTemplate(
    title="SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK",
    statement=(
        "dengan ini menyatakan bahwa seluruh data dan informasi, termasuk data dukung, yang disampaikan dalam "
        "pengajuan {unit} sebagai unit kerja berpredikat {predicate} tahun {year} adalah benar dan sesuai dengan "
        "fakta yang sebenarnya."
    ),
    consequence=(
        "Apabila di kemudian hari ditemukan data atau informasi yang tidak sesuai dengan fakta, saya bersedia "
        "bertanggung jawab sesuai dengan ketentuan peraturan perundang-undangan."
    ),
    closing="Demikian surat pernyataan ini dibuat dengan sebenar-benarnya untuk dipergunakan sebagaimana mestinya.",
    citation=(
        "PermenPANRB 5/2024 (perubahan Lampiran II Bab II PermenPANRB 90/2021): SPTJM wajib dari pimpinan setiap "
        "unit yang diusulkan (Gambar 7); juga dipakai untuk rule set lama karena pengajuan ke PMPZI kini memintanya"
    ),
)

TEMPLATES = {t.family: t for t in (NATIONAL_2021, NATIONAL_2019, KEMENKUMHAM_2019)}
DEFAULT_FAMILY = "permenpanrb-90"


def family_of(ruleset_id: str) -> str:
    """``permenpanrb-90-2021`` → ``permenpanrb-90``; ``permenkumham-29-2019`` → ``permenkumham`` (ministry-wide)."""
    head, _, rest = ruleset_id.partition("-")
    number = rest.split("-", 1)[0]
    return f"{head}-{number}" if head == "permenpanrb" and number else head


def letter_template(lineage: tuple[str, ...]) -> LetterTemplate:
    """The template of the nearest rule set in the lineage that has one; the current national form otherwise."""
    for ruleset_id in lineage:
        found = TEMPLATES.get(family_of(ruleset_id))
        if found is not None:
            return found
    return TEMPLATES[DEFAULT_FAMILY]
