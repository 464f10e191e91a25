"""Document kinds by file name and by content, on strings and on real files indexed by the pipeline."""

import pytest

from zi_evidence.index.kinds import detect_kinds
from zi_evidence.index.run import run_index
from zi_evidence.repository import Repository
from zi_evidence_kinds import DETECTORS, register_kind_detectors
from zi_evidence_kinds.matching import is_title_line, normalise_lines, normalise_name

RULESET_KINDS = {
    "sk", "rapat", "undangan", "daftar_hadir", "notulen", "foto", "laporan", "rencana", "sop", "kebijakan",
    "pakta_integritas", "tangkapan_layar", "survei", "rekap", "surat", "aplikasi",
}  # fmt: skip


def kinds(filename, text=""):
    return set(detect_kinds(DETECTORS, filename, text))


def test_every_kind_the_rule_sets_use_has_a_detector_with_label_and_version():
    names = {d.name for d in register_kind_detectors()}
    assert RULESET_KINDS <= names  # "dokumen" and "lainnya" mean any file
    assert len(names) == len(DETECTORS)
    for detector in DETECTORS:
        assert detector.label and detector.version


@pytest.mark.parametrize(
    "filename, expected",
    [
        ("1.i.a SK TIM ZONA INTEGRITAS.pdf", {"sk"}),
        ("sk_tim-zi_2026.pdf", {"sk"}),
        ("Keputusan Kepala Kantor ttg Agen Perubahan.pdf", {"sk"}),
        ("Undangan Rapat Pembentukan Tim.docx", {"undangan", "rapat"}),
        # an attendance list is evidence of a meeting too
        ("Daftar Hadir Sosialisasi.pdf", {"daftar_hadir", "rapat"}),
        ("absensi apel pagi.xlsx", {"daftar_hadir", "rapat", "rekap"}),
        ("Notulen Rapat Monev.docx", {"notulen", "rapat"}),
        ("1.iii.b Laporan Monev Maret 2026.pdf", {"laporan"}),
        ("LKjIP 2025.pdf", {"laporan"}),
        ("Rencana Aksi ZI 2026.pdf", {"rencana"}),
        ("Renstra 2025-2029.pdf", {"rencana"}),
        ("SOP Pelayanan Paspor.pdf", {"sop"}),
        ("Pedoman Penanganan Benturan Kepentingan.pdf", {"kebijakan"}),
        ("Pakta Integritas Pegawai.pdf", {"pakta_integritas"}),
        ("IMG_20260112.jpg", {"foto"}),
        ("Foto Kegiatan Apel.jpeg", {"foto"}),
        ("dokumentasi sosialisasi.pdf", {"foto"}),
        ("Tangkapan Layar Website.png", {"tangkapan_layar", "aplikasi"}),
        ("Screenshot 2026-03-01 101500.png", {"tangkapan_layar"}),
        ("Laporan Survei Kepuasan Masyarakat.pdf", {"laporan", "survei"}),
        ("Rekapitulasi Pengaduan.pdf", {"rekap"}),
        ("Surat Pernyataan Bebas Benturan Kepentingan.pdf", {"surat", "surat_pernyataan"}),
        ("Surat Usulan Mutasi.pdf", {"surat"}),
        ("Foto Penyerahan SK.jpg", {"foto"}),  # a photo of a decree is a photo
        ("berkas-001.pdf", set()),
    ],
)
def test_by_name(filename, expected):
    assert kinds(filename) == expected


SK_TEXT = """KEMENTERIAN IMIGRASI
KANTOR IMIGRASI KELAS II
K E P U T U S A N  KEPALA KANTOR IMIGRASI
NOMOR W.31-IMI.5-OT.02.01-0012 TAHUN 2026
TENTANG
PEMBENTUKAN TIM KERJA
MEMUTUSKAN:"""

NOTULEN_TEXT = """KANTOR IMIGRASI
NOTULEN RAPAT PEMBENTUKAN TIM KERJA
Hari/Tanggal : Jumat, 9 Januari 2026
Notulis : Ayu
Peserta : daftar hadir terlampir
Susunan tim dituangkan dalam Keputusan Kepala Kantor.
DAFTAR HADIR
No Nama NIP"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (SK_TEXT, {"sk"}),
        (NOTULEN_TEXT, {"notulen", "daftar_hadir", "rapat"}),
        ("KANTOR\nHal : Undangan Rapat\nkami mengundang Bapak/Ibu", {"undangan", "rapat"}),
        ("KOP\nKOP\nKOP\nLAPORAN MONITORING DAN EVALUASI\nBULAN MARET 2026", {"laporan"}),
        ("KOP\nKOP\nKOP\nRENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", {"rencana"}),
        ("KOP\nKOP\nKOP\nSTANDAR OPERASIONAL PROSEDUR\nNomor SOP : 1", {"sop"}),
        ("KOP\nKOP\nKOP\nPAKTA INTEGRITAS\nSaya yang bertanda tangan di bawah ini menyatakan", {"pakta_integritas"}),
        ("SURAT PERNYATAAN\nYang bertanda tangan di bawah ini menyatakan bebas", {"surat", "surat_pernyataan"}),
        ("KOP\nKOP\nKOP\nREKAPITULASI PENGADUAN 2026", {"rekap"}),
        ("KOP\nKOP\nKOP\nLAPORAN HASIL SURVEI KEPUASAN", {"laporan", "survei"}),
        ("Nomor : 12/UND/2026\nLampiran : -\nHal : Usulan mutasi pegawai", {"surat"}),
    ],
)
def test_by_content(text, expected):
    assert kinds("berkas.pdf", text) == expected


def test_content_mentions_are_not_titles():
    # a report that mentions decrees, plans and SOPs in its body and tables is only a report
    text = "KOP\nKOP\nKOP\nLAPORAN KEGIATAN\nRencana Aksi\nSOP layanan\nsesuai Keputusan Kepala Kantor\nPernyataan"
    assert kinds("berkas.pdf", text) == {"laporan"}
    # a screenshot whose interface text starts with "Laporan" is not a report
    assert kinds("Tangkapan Layar SP4N.png", "https://lapor.example\nInstansi: Kanim\nLaporan 2026: 41") == {
        "tangkapan_layar",
        "aplikasi",
    }


def test_normalisation_helpers():
    assert normalise_name("SK_TIM-Zona.Integritas.PDF") == ("sk tim zona integritas", "pdf")
    assert normalise_name("tanpa ekstensi") == ("tanpa ekstensi", "")
    assert normalise_lines("  K E P U T U S A N   KEPALA \n\n x ") == ["KEPUTUSAN KEPALA", "x"]


def test_title_lines_by_share_of_capitals_in_ascii_and_other_text():
    # 8 capitals of 10 letters is a title; 7 of 10 is not, whatever digits and signs stand around
    assert is_title_line("LAPORAN Ab 2026 / No. 5", 3)
    assert not is_title_line("LAPORANabc", 3)
    assert is_title_line("LAPORÁN Éb", 3) and not is_title_line("LAPORÁNébc", 3)  # the same rule beyond ASCII
    assert not is_title_line("2026 - 17", 3) and not is_title_line("ÉÉ - 2026", 30)
    assert is_title_line("laporan biasa", 0)  # the very first line counts whatever its case


def test_kinds_of_real_files_after_indexing(make_repo, fabricate):
    root = make_repo()
    area = root / "PEMENUHAN" / "AREA I - Manajemen Perubahan"
    fabricate.make_pdf(
        area / "i. Tim" / "a. Tim" / "dokumen-01.pdf", [SK_TEXT, "Ditetapkan di Jakarta\npada tanggal 2 Januari 2026"]
    )
    fabricate.make_docx(
        area / "i. Tim" / "a. Tim" / "lampiran-3.docx",
        ["KANTOR IMIGRASI", "NOTULEN RAPAT PEMBENTUKAN TIM", "Notulis : Ayu", "DAFTAR HADIR"],
        table=[["No", "Nama", "Tanda Tangan"], ["1", "Ayu", "ttd"]],
    )
    fabricate.make_pdf(
        area / "iii. Monev" / "scan_0007.pdf", ["KOP\nKOP\nKOP\nLAPORAN MONITORING DAN EVALUASI\nBULAN MEI 2026"]
    )
    fabricate.make_photo(area / "iii. Monev" / "IMG_2001.jpg", "apel pagi")
    fabricate.make_photo(area / "iii. Monev" / "Screenshot aplikasi.png", "dashboard")
    fabricate.make_xlsx(area / "iii. Monev" / "Data Pengaduan.xlsx", {"Data": [["No", "Jumlah"], [1, 4]]})
    repo = Repository.open(root)
    run_index(repo)
    with repo.catalog() as catalog:
        found = {r.display.rsplit("/", 1)[-1]: set(r.kinds) for r in catalog.records()}
    assert found["dokumen-01.pdf"] == {"sk"}
    assert found["lampiran-3.docx"] == {"notulen", "daftar_hadir", "rapat"}
    assert found["scan_0007.pdf"] == {"laporan"}
    assert found["IMG_2001.jpg"] == {"foto"}
    assert found["Screenshot aplikasi.png"] == {"tangkapan_layar", "aplikasi"}
    assert found["Data Pengaduan.xlsx"] == {"rekap"}
