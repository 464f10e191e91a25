"""Path → LKE question mapping over the notations found on real drives."""

import pytest

from zi_evidence.config import MappingRule
from zi_evidence.index.mapping import Mapper
from zi_evidence.plugins import make_plugin_manager
from zi_evidence.rulesets import RulesetRegistry


@pytest.fixture(scope="module")
def registry():
    return RulesetRegistry.from_host(make_plugin_manager())


@pytest.fixture(scope="module")
def national(registry):
    return Mapper(registry.get("permenpanrb-90-2021"))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # nested area / indicator / question folders
        ("PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/a. Tim ZI/SK Tim.pdf", "A.I.1.i.a"),
        ("REFORM/AREA V - Penguatan Pengawasan/ii. Penanganan Pengaduan/a. Persentase/rekap.xlsx", "A.II.5.ii.a"),
        # LKE-style ids as file-name prefixes, any separator and case
        ("PEMENUHAN/AREA I/iii. Pemantauan/1.iii.b Laporan Monev Januari 2026.pdf", "A.I.1.iii.b"),
        ("PEMENUHAN/Area 2 - Tatalaksana/2-i-a Peta Proses Bisnis.pdf", "A.I.2.i.a"),
        ("PEMENUHAN/AREA_III_SDM/3_vi_a Laporan Pemutakhiran.pdf", "A.I.3.vi.a"),
        ("pemenuhan/area 6/6.I.D tangkapan layar.png", "A.I.6.i.d"),
        # our full ids, with and without a part folder
        ("A.II.5.ii.a Rekap Penanganan Pengaduan 2026.xlsx", "A.II.5.ii.a"),
        ("Lain/a.i.4.ii.e laporan kinerja.pdf", "A.I.4.ii.e"),
        ("REFORM/A-II-1-i-a daftar perubahan.docx", "A.II.1.i.a"),
        # the real-drive example: no part folder, the indicator's name decides pemenuhan vs reform
        ("ZONA INTEGRITAS 2022/AREA I/i. Penyusunan Tim Kerja/1.i.a SK TIM ZONA INTEGRITAS.pdf", "A.I.1.i.a"),
        ("ZONA INTEGRITAS 2022/AREA I/i. Komitmen dalam Perubahan/1.i.a Daftar perubahan.pdf", "A.II.1.i.a"),
        # hasil components
        ("HASIL/B.I.a Survei Persepsi Anti Korupsi/hasil survei.pdf", "B.I.a"),
        ("HASIL/B.II.a Laporan IPKP 2026.pdf", "B.II.a"),
    ],
)
def test_question_notations(national, path, expected):
    mapping = national.map(path)
    assert (mapping.status, mapping.target_id) == ("question", expected), mapping.reason


def test_indicator_level_when_no_question_letter(national):
    mapping = national.map("PEMENUHAN/AREA II - Tatalaksana/i. SOP Kegiatan Utama/SOP Paspor.pdf")
    assert (mapping.status, mapping.target_id) == ("indicator", "A.I.2.i")


@pytest.mark.parametrize(
    ("path", "status", "reason_part"),
    [
        ("Lain-lain/catatan rapat lama.docx", "unmapped", "tidak ada id LKE"),
        ("AREA I/catatan.docx", "unmapped", "hanya area 1"),
        ("PEMENUHAN/AREA I/i. Tim/h. catatan.pdf", "unmapped", "pertanyaan 'h' tidak ada"),
        ("PEMENUHAN/AREA I/ix. Tidak ada/a. x.pdf", "unmapped", "tidak ada di aturan"),
        ("AREA I/i. Folder/1.i.a dokumen.pdf", "ambiguous", "PEMENUHAN/REFORM"),
    ],
)
def test_unmapped_and_ambiguous_files_say_why(national, path, status, reason_part):
    mapping = national.map(path)
    assert mapping.status == status and mapping.target_id is None
    if reason_part:
        assert reason_part in mapping.reason


def test_dates_and_numbers_are_not_mistaken_for_ids(national):
    assert national.map("Arsip/01.02.2026 notulen.pdf").status == "unmapped"
    assert national.map("Arsip/2026-01 laporan.pdf").status == "unmapped"


def test_mapping_rules_in_the_config_override_paths(registry):
    rules = (MappingRule("Arsip Lama/SK*.pdf", "A.I.1.i.a"), MappingRule("Arsip Lama/*", "A.I.9.z.z"))
    mapper = Mapper(registry.get("permenpanrb-90-2021"), rules)
    assert mapper.map("arsip lama/SK tim 2019.pdf").target_id == "A.I.1.i.a"
    wrong = mapper.map("Arsip Lama/lain.pdf")
    assert wrong.status == "unmapped" and "A.I.9.z.z" in wrong.reason


def test_flat_rule_set_ids(registry):
    mapper = Mapper(registry.get("permenpanrb-10-2019"))
    assert mapper.map("AREA I/1. Penyusunan Tim Kerja/a. SK/sk.pdf").target_id == "A.1.1.a"
    assert mapper.map("A.3.4.c Pengukuran kinerja.pdf").target_id == "A.3.4.c"
    assert mapper.map("AREA III/3.4.c Pengukuran kinerja.pdf").target_id == "A.3.4.c"


def test_every_sample_repo_file_maps_as_documented(national):
    """docs/sample_repo.md lists the expected id of every file of the sample drive."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    table = (root / "docs" / "sample_repo.md").read_text(encoding="utf-8").split("## Every file")[1]
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+?) \|", table, re.MULTILINE)
    assert len(rows) > 100, "the documented table of expected ids was not found"
    for path, expected in rows:
        if expected == "junk":
            continue
        mapping = national.map(path)
        assert (mapping.target_id or "(unmapped)") == expected, (path, mapping)
