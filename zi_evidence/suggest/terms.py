"""Words for content-based mapping: fold, split, drop function words, expand ZI abbreviations, stem.

Kept apart from the search engine's analysis (a plugin the core must not import); the same Snowball
Indonesian stemmer, so *pembangunan* and *membangun* meet at ``bangun``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z][a-z0-9]*")
#: Function words, and words every ZI document carries (they tell no question from another).
STOP = frozenset(
    """
    yang dan di ke dari untuk dengan pada dalam ini itu atau oleh sebagai adalah akan telah sudah belum
    tidak bukan juga serta bagi kepada terhadap tentang antara agar karena sehingga maka namun jika bila
    bahwa saat selama sejak hingga sampai setelah sebelum lalu nya ialah yaitu yakni merupakan dapat harus
    masih hanya lebih para tersebut dll dsb tsb per atas bawah nomor tahun tanggal kantor kepala kelas
    unit kerja satuan republik indonesia kementerian hal halaman lampiran pdf docx xlsx jpg png the of
    ada secara setiap seluruh semua telah memiliki dilakukan mengenai sesuai
    """.split()
)
#: Abbreviations on real drives and the words the LKE spells out.
ABBREVIATIONS = {
    "zi": "zona integritas",
    "wbk": "wilayah bebas korupsi",
    "wbbm": "wilayah birokrasi bersih melayani",
    "sk": "surat keputusan",
    "sop": "standar operasional prosedur",
    "wbs": "whistle blowing system",
    "upg": "unit pengendalian gratifikasi",
    "skm": "survei kepuasan masyarakat",
    "spip": "sistem pengendalian intern pemerintah",
    "iku": "indikator kinerja utama",
    "lakip": "laporan akuntabilitas kinerja",
    "lkjip": "laporan kinerja",
    "lhkpn": "laporan harta kekayaan penyelenggara negara",
    "lhkasn": "laporan harta kekayaan aparatur sipil negara",
    "monev": "monitoring evaluasi",
    "ppid": "pejabat pengelola informasi dokumentasi",
    "tna": "training need analysis",
    "abk": "analisis beban kerja",
    "skp": "sasaran kinerja pegawai",
    "ipak": "indeks persepsi anti korupsi",
    "ipkp": "indeks persepsi kualitas pelayanan",
}
_STEMMER = snowballstemmer.stemmer("indonesian")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word)) if word.isalpha() else word


def fold(text: str) -> str:
    text = text.lower()
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def words(text: str) -> list[tuple[str, str]]:
    """(stem, word as written) for every content word; abbreviations add their spelled-out words."""
    found: list[tuple[str, str]] = []
    for word in _WORD.findall(fold(text).replace("_", " ")):
        if word.isdigit() or len(word) < 3 and word not in ABBREVIATIONS:
            continue
        expansion = ABBREVIATIONS.get(word)
        if expansion:
            found.extend((stem(part), word) for part in expansion.split() if part not in STOP)
            continue
        if word not in STOP and not word[0].isdigit():
            found.append((stem(word), word))
    return found


def bag(parts: list[tuple[str, float]]) -> tuple[dict[str, float], dict[str, str]]:
    """A weighted bag of stems from (text, weight) parts, with each stem's first spelling."""
    weights: dict[str, float] = {}
    shown: dict[str, str] = {}
    for text, weight in parts:
        counts: Counter[str] = Counter()
        for term, word in words(text):
            counts[term] += 1
            shown.setdefault(term, word)
        for term, count in counts.items():
            weights[term] = weights.get(term, 0.0) + weight * (1 + math.log(count))
    return weights, shown
