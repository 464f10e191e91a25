"""The built-in document kinds. Names match the ``kind:`` values of the rule-set schema.

A file may have several kinds (a notulen with its daftar hadir attached is notulen, daftar_hadir and
rapat). Title patterns only look at the first lines, so a report that merely mentions "laporan" or
"keputusan" in its body is not taken for one.
"""

from __future__ import annotations

from zi_evidence_kinds.matching import PatternDetector

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "heic", "heif", "webp", "gif", "bmp", "tif", "tiff")
SHEET_EXTENSIONS = ("xlsx", "xlsm", "xls", "ods", "csv")
#: a photo, screenshot or meeting paper that merely mentions a decree or a plan in its name is not one
NOT_THE_DOCUMENT = (
    r"\bfoto\b",
    r"\bdokumentasi\b",
    r"tangkapan layar",
    r"\bnotul(?:en|a)\b",
    r"\bundangan\b",
    r"\bdaftar hadir\b",
)
SCREENSHOT_NAMES = (
    r"tangkapan layar",
    r"cuplikan layar",
    r"screen ?shots?",
    r"\bscreen ?capture",
    r"\bss\b",
    r"\bscrn",
    r"^capture\b",
)


class SK(PatternDetector):
    name = "sk"
    label = "Surat Keputusan (SK)"
    names = (r"\bsk\b", r"\bkeputusan\b", r"\bkepmen\b", r"\bkepdir\w*\b")
    not_names = NOT_THE_DOCUMENT
    # "KEPUTUSAN KEPALA KANTOR …" with "NOMOR …" a few lines below, or the "MEMUTUSKAN:" of the diktum
    phrases = (
        r"(?:^|\n)(?:salinan\s+)?(?:surat\s+)?keputusan\b[^\n]*\n(?:[^\n]*\n){0,4}?nomor\b",
        r"(?:^|\n)memutuskan\s*:?\s*(?:\n|$)",
    )


class Undangan(PatternDetector):
    name = "undangan"
    label = "Undangan"
    names = (r"\bundangan\b", r"\bundang\b")
    titles = (r"undangan\b",)
    headings = (r"(?:hal|perihal)\s*:\s*undangan\b",)
    phrases = (r"\bmengundang\s+(?:bapak|ibu|saudara|sdr)",)


class DaftarHadir(PatternDetector):
    name = "daftar_hadir"
    label = "Daftar hadir"
    names = (r"\bdaftar hadir\b", r"\babsen(si)?\b", r"\bpresensi\b", r"\battendance\b")
    headings = (r"daftar\s+hadir\b", r"absensi\b", r"presensi\s+(?:peserta|rapat|kegiatan)\b")


class Notulen(PatternDetector):
    name = "notulen"
    label = "Notulen rapat"
    names = (r"\bnotul(?:en|a)\b", r"\brisalah\b", r"\bcatatan rapat\b", r"\bminutes\b")
    titles = (r"(?:notulen|notula|risalah\s+rapat)\b",)
    headings = (r"notulis\s*:", r"notulen\s*:")


class Rapat(PatternDetector):
    """A meeting's evidence: any of its undangan, daftar hadir or notulen, or a file named after the meeting."""

    name = "rapat"
    label = "Bukti rapat (undangan, daftar hadir, notulen)"
    names = (r"\brapat\b", r"\bmeeting\b", r"\bfgd\b", r"\bcoffee morning\b")
    titles = (r"rapat\b",)

    @classmethod
    def detect(cls, filename: str, text: str) -> bool:
        parts = (Undangan, DaftarHadir, Notulen)
        return super().detect(filename, text) or any(p.detect(filename, text) for p in parts)


class Laporan(PatternDetector):
    name = "laporan"
    label = "Laporan (pelaksanaan, monev, kinerja)"
    names = (r"\blaporan\b", r"\blap\b", r"\blkj\w*\b", r"\blakip\b", r"\breport\b", r"\bmonev\b")
    not_names = NOT_THE_DOCUMENT
    titles = (r"laporan\b", r"lkj(?:ip)?\b", r"lakip\b")


class Rencana(PatternDetector):
    name = "rencana"
    label = "Rencana kerja / rencana aksi"
    names = (r"\brencana\b", r"\brenja\b", r"\brenstra\b", r"\brenaksi\b", r"\brkt\b", r"\baction plan\b")
    not_names = NOT_THE_DOCUMENT
    titles = (r"rencana\s+(?:kerja|aksi|strategis|tindak|pembangunan|kegiatan|pengembangan|kebutuhan)\b",)


class SOP(PatternDetector):
    name = "sop"
    label = "Standar Operasional Prosedur (SOP)"
    names = (r"\bsop\b", r"standar operasional prosedur", r"prosedur operasional standar")
    titles = (r"(?:standar\s+operasional\s+prosedur|prosedur\s+operasional\s+standar|sop)\b",)
    headings = (r"nomor\s+sop\b",)


class Kebijakan(PatternDetector):
    name = "kebijakan"
    label = "Kebijakan / pedoman / peraturan"
    names = (
        r"\bkebijakan\b",
        r"\bpedoman\b",
        r"\bperaturan\b",
        r"\bkode etik\b",
        r"\bkode perilaku\b",
        r"\bjuknis\b",
        r"\bjuklak\b",
        r"\bpanduan\b",
        r"\bsurat edaran\b",
        r"\bpola (?:mutasi|karier|karir|rotasi)\b",
        r"\bmaklumat\b",
    )
    not_names = NOT_THE_DOCUMENT
    titles = (r"(?:peraturan|pedoman|kebijakan|kode\s+etik|kode\s+perilaku|surat\s+edaran|instruksi)\b",)


class PaktaIntegritas(PatternDetector):
    name = "pakta_integritas"
    label = "Pakta integritas"
    names = (r"\bpakta\b",)
    titles = (r"pakta\s+integritas\b",)
    headings = (r"pakta\s+integritas\s*$",)


class Foto(PatternDetector):
    name = "foto"
    label = "Foto / dokumentasi kegiatan"
    names = (r"\bfoto\b", r"\bphoto\b", r"\bdokumentasi\b", r"\bdok\b", r"^img\b", r"^dsc\w*", r"\bgambar\b")
    not_names = SCREENSHOT_NAMES
    extensions = IMAGE_EXTENSIONS
    titles = (r"(?:dokumentasi|foto)\s+(?:kegiatan|pelaksanaan|rapat)\b", r"dokumentasi\s*$")


class TangkapanLayar(PatternDetector):
    name = "tangkapan_layar"
    label = "Tangkapan layar (screenshot)"
    names = SCREENSHOT_NAMES
    titles = (r"tangkapan\s+layar\b",)


class Aplikasi(PatternDetector):
    """Proof that a system runs: usually a screenshot of an application, website or social-media account."""

    name = "aplikasi"
    label = "Aplikasi / laman / media sosial"
    names = (
        r"\baplikasi\b",
        r"\bapp\b",
        r"\bsistem informasi\b",
        r"\bwebsite\b",
        r"\bweb\b",
        r"\blaman\b",
        r"\bsitus\b",
        r"\bportal\b",
        r"\bdashboard\b",
        r"\bsimpeg\b",
        r"\be ?kinerja\b",
        r"\bsp4n\b",
        r"\bmedia sosial\b",
        r"\bmedsos\b",
        r"\binstagram\b",
        r"\bfacebook\b",
        r"\btwitter\b",
        r"\byoutube\b",
        r"\btiktok\b",
        r"\bwhatsapp\b",
    )
    not_names = (r"\bsk\b", r"\bkeputusan\b", r"\bnotul(?:en|a)\b", r"\bundangan\b", r"\blaporan\b")
    titles = (r"(?:tangkapan\s+layar\s+)?aplikasi\b",)


class Survei(PatternDetector):
    name = "survei"
    label = "Survei (SKM, IPAK, IPKP)"
    names = (
        r"\bsurvei\b",
        r"\bsurvey\b",
        r"\bskm\b",
        r"\bikm\b",
        r"\bipak\b",
        r"\bipkp\b",
        r"\bku[ie]sioner\b",
        r"\bkepuasan masyarakat\b",
    )
    titles = (r"(?:laporan\s+)?(?:hasil\s+)?(?:survei|survey)\b", r"indeks\s+kepuasan\s+masyarakat\b")


class Rekap(PatternDetector):
    name = "rekap"
    label = "Rekapitulasi / daftar / register"
    names = (
        r"\brekap\w*",
        r"\bdaftar\b(?! hadir)",
        r"\bregister\b",
        r"\bmatriks\b",
        r"\binventaris\w*",
        r"\bkertas kerja\b",
    )
    extensions = SHEET_EXTENSIONS
    titles = (r"rekap(?:itulasi)?\b", r"daftar\s+(?!hadir)\w+", r"register\b")


class SuratPernyataan(PatternDetector):
    name = "surat_pernyataan"
    label = "Surat pernyataan"
    names = (r"\bsurat pernyataan\b", r"\bpernyataan\b", r"\bsptjm\b")
    titles = (r"surat\s+pernyataan\b", r"pernyataan\b")

    @classmethod
    def by_text(cls, text: str) -> bool:
        # "yang bertanda tangan di bawah ini … menyatakan", but a pakta integritas is its own kind
        lowered = " ".join(text.lower().split())
        signed_statement = "bertanda tangan di bawah ini" in lowered and "menyatakan" in lowered
        return super().by_text(text) or (signed_statement and "pakta integritas" not in lowered)


class Surat(PatternDetector):
    """Any official letter (usulan, pernyataan, edaran, nota dinas): a Nomor and a Hal/Perihal line."""

    name = "surat"
    label = "Surat (usulan, pernyataan, nota dinas)"
    names = (r"\bsurat\b", r"\bnota dinas\b", r"\bnodin\b", r"\bmemo\b")
    titles = (r"surat\b", r"nota\s+dinas\b")
    phrases = (r"(?:^|\n)(?:nomor|no)\s*\.?\s*:[^\n]*\n(?:[^\n]*\n){0,3}?(?:hal|perihal)\s*:",)

    @classmethod
    def detect(cls, filename: str, text: str) -> bool:
        return super().detect(filename, text) or SuratPernyataan.detect(filename, text)


DETECTORS: tuple[type[PatternDetector], ...] = (
    SK,
    Undangan,
    DaftarHadir,
    Notulen,
    Rapat,
    Laporan,
    Rencana,
    SOP,
    Kebijakan,
    PaktaIntegritas,
    Foto,
    TangkapanLayar,
    Aplikasi,
    Survei,
    Rekap,
    SuratPernyataan,
    Surat,
)
