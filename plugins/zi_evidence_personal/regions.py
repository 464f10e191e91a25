"""Region codes that open a NIK or KK number: the province (2 digits) and a plausible regency/city code.

Province codes: Kepmendagri Nomor 100.1.1-6117 Tahun 2022 tentang Pemberian dan Pemutakhiran Kode, Data
Wilayah Administrasi Pemerintahan, dan Pulau (38 provinsi), under Permendagri 72/2019 on kode wilayah.
The four Papua provinces of 2022 (93–96) are new; residents registered before keep 91/92 in their NIK.
"""

from __future__ import annotations

PROVINCES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}


def plausible_regency(code: str) -> bool:
    """Kabupaten are numbered from 01 (no province has 40), kota from 71; 00 and 61–70 are unused (margin kept)."""
    number = int(code)
    return 1 <= number <= 60 or 71 <= number <= 99


def plausible_district(code: str) -> bool:
    """Kecamatan are numbered from 01 within their regency."""
    return code != "00"
