"""The surat pengajuan and one SPTJM per unit: filled from the config, per the rule set's template."""

import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document

NEEDS_LIBREOFFICE = pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _letters(build, root, out):
    build(root, out)
    with zipfile.ZipFile(out) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("SURAT/")}


def test_national_letter_and_sptjm_carry_unit_leader_nip_and_predicate(
    make_repo, tmp_path, indexed_repo, make_drive, build
):
    root = make_drive(make_repo)
    indexed_repo(root)
    letters = _letters(build, root, tmp_path / "a.zip")
    assert sorted(letters) == [
        "SURAT/01-surat-pengajuan-evaluasi.docx",
        "SURAT/02-sptjm-unit-uji.docx",
        "SURAT/03-sptjm-balai-uji-kedua.docx",
    ]
    letter = _text(letters["SURAT/01-surat-pengajuan-evaluasi.docx"])
    for expected in (
        "KEMENTERIAN UJI",
        "B-123/ZI/V/2026",
        "Jakarta, 20 Mei 2026",
        "Pengajuan Unit Kerja Berpredikat Menuju WBK/WBBM",
        "c.q. Deputi Bidang Reformasi Birokrasi, Akuntabilitas Aparatur, dan Pengawasan",
        "Nomor 90 Tahun 2021",
        "Nomor 5 Tahun 2024",
        "(TPI) Kementerian Uji tahun 2026",
        "Unit Uji",
        "Menuju Wilayah Bebas dari Korupsi (WBK)",
        "Balai Uji Kedua",
        "Menuju Wilayah Birokrasi Bersih dan Melayani (WBBM)",
        "Dr. Hadi Purnomo Santoso",
        "NIP. 196901011990031001",
        "Sekretaris Jenderal",
        "1. Inspektur Jenderal",
    ):
        assert expected in letter, expected
    sptjm = _text(letters["SURAT/02-sptjm-unit-uji.docx"])
    for expected in (
        "SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK",
        "Budi Santoso Wibowo",
        "197805122001121002",
        "Unit Uji",
        "Menuju Wilayah Bebas dari Korupsi (WBK)",
        "Kementerian Uji",
        "data dukung",
    ):
        assert expected in sptjm, expected
    second = _text(letters["SURAT/03-sptjm-balai-uji-kedua.docx"])
    assert "Sri Lestari Wulandari" in second and "(WBBM)" in second
    props = Document(io.BytesIO(letters["SURAT/01-surat-pengajuan-evaluasi.docx"])).core_properties
    assert "PermenPANRB 90/2021" in props.comments


def test_kemenkumham_rule_set_uses_its_review_letter(make_repo, tmp_path, indexed_repo, make_drive, build):
    root = make_drive(make_repo, ruleset="permenkumham-29-2019")
    indexed_repo(root)
    letters = _letters(build, root, tmp_path / "a.zip")
    assert "SURAT/01-surat-pengajuan-reviu.docx" in letters
    letter = _text(letters["SURAT/01-surat-pengajuan-reviu.docx"])
    assert "Wilayah Bebas dari Korupsi (WBK)/Wilayah Birokrasi Bersih dan Melayani (WBBM)" in letter
    assert "Nomor 52 Tahun 2014" in letter and "melakukan reviu" in letter
    assert "Keputusan Menteri Hukum dan Hak Asasi Manusia" in letter
    props = Document(io.BytesIO(letters["SURAT/01-surat-pengajuan-reviu.docx"])).core_properties
    assert "Permenkumham 29/2019" in props.comments


def test_missing_fields_show_as_placeholders_and_in_the_summary(make_repo, tmp_path, build, indexed_repo, make_drive):
    root = make_drive(make_repo, letters=False)
    indexed_repo(root)
    result = build(root, tmp_path / "a.zip")
    assert any("submission.leader.nip" in note for note in result.notes)
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        letter = _text(archive.read("SURAT/01-surat-pengajuan-evaluasi.docx"))
    assert "(nomor surat)" in letter and "(nama pimpinan instansi)" in letter


def test_template_lookup_follows_the_lineage():
    from zi_evidence_pmpzi.templates import family_of, letter_template

    assert family_of("permenpanrb-90-2021") == "permenpanrb-90"
    assert family_of("permenkumham-29-2019") == "permenkumham"
    assert letter_template(("permenkumham-29-2019", "permenpanrb-10-2019")).family == "permenkumham"
    assert letter_template(("kemenkeu-1-2025", "permenpanrb-10-2019")).family == "permenpanrb-10"
    assert letter_template(("unknown-1",)).family == "permenpanrb-90"


@NEEDS_LIBREOFFICE
def test_letters_and_listing_open_in_libreoffice(make_repo, tmp_path, build, indexed_repo, make_drive):
    root = make_drive(make_repo)
    indexed_repo(root)
    out = tmp_path / "a.zip"
    build(root, out)
    unpacked = tmp_path / "isi"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(unpacked)
    # the LKE workbook when a report plugin made it, else the plain listing: either must open
    sources = (
        sorted(unpacked.glob("SURAT/*.docx")) + sorted(unpacked.glob("*.xlsx")) + sorted(unpacked.glob("*/*.xlsx"))
    )
    assert any(s.suffix == ".xlsx" for s in sources)
    converted = tmp_path / "pdf"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"  # a private profile: parallel-safe
    subprocess.run(
        ["libreoffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(converted), *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for source in sources:
        produced = converted / (source.stem + ".pdf")
        assert produced.exists() and produced.read_bytes().startswith(b"%PDF"), source.name
