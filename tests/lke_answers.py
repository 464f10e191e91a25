"""Answer files for tests: every question at its best answer unless a test says otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: PermenPANRB 90/2021 prerequisites, every one met (WBK and WBBM).
PREREQUISITES_MET = {
    "opini_bpk": "WTP",
    "sakip_instansi": "BB",
    "indeks_rb": "BB",
    "maturitas_spip": 3,
    "layanan_utama": True,
    "tlhp": 100,
    "lhkpn_lhkasn": {"lhkpn": 100, "lhkasn": 100},
    "lama_pembangunan": 2,
    "sakip_unit": "BB",
}

#: Counts that give every '%' question of 90/2021 its full value.
FULL_COUNTS_90 = {
    "A.II.1.i.a": {"jumlah_agen_perubahan": 5, "jumlah_perubahan_dibuat": 5},
    "A.II.1.i.b": {"jumlah_perubahan_dibuat": 5, "jumlah_perubahan_terintegrasi": 5},
    "A.II.3.iii.a": {"jumlah_pelanggaran_tahun_sebelumnya": 3, "jumlah_pelanggaran_tahun_ini": 0},
    "A.II.4.i.a": {"jumlah_sasaran_kinerja": 6, "jumlah_sasaran_tercapai_100": 6},
    "A.II.5.ii.a": {"jumlah_harus_ditindaklanjuti": 10, "jumlah_selesai_ditindaklanjuti": 10},
    "A.II.5.iii.a": {"wajib_kepala_satker": 1, "wajib_pejabat_lhkpn": 2, "wajib_lainnya": 0, "sudah_melaporkan": 3},
    "A.II.5.iii.b": {
        "wajib_administrator": 2,
        "wajib_pengawas": 4,
        "wajib_fungsional_pelaksana": 20,
        "sudah_melaporkan": 26,
    },
    "A.II.6.i.b": {"jumlah_layanan_terdata": 4, "jumlah_layanan_dipermudah": 4},
}


def best_letter(ruleset: Any, question_id: str) -> str:
    """The option worth the most for this question (A, or Ya)."""
    values = ruleset.answer_types[ruleset.question(question_id).answer_type].values
    return max(values, key=values.get)


def best_answers(
    ruleset: Any, full_counts: dict | None = None, letters: dict | None = None, counts: dict | None = None
) -> dict[str, dict]:
    """``jawaban`` for every question: the best letter, or the full counts of a '%' question; overrides last."""
    jawaban: dict[str, dict] = {}
    for question in ruleset.questions:
        if question.formula is not None:
            inputs = {**(full_counts or {})[question.id], **(counts or {}).get(question.id, {})}
            jawaban[question.id] = {"input": inputs}
        else:
            jawaban[question.id] = {"jawaban": (letters or {}).get(question.id, best_letter(ruleset, question.id))}
    return jawaban


def write_answers_file(root: Path, raw: dict) -> Path:
    """``jawaban-lke.yaml`` in ``root``, as a team's file would be written."""
    path = root / "jawaban-lke.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
