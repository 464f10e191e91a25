"""The PDFs PMPZI takes: a drive with photos, DOCX and XLSX evidence is bundled with them as PDFs (the photos
of one activity folder as one PDF), byte-identical on a second build; without LibreOffice the bundle names
the files that need it and what to install."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from zi_evidence import ConversionFailed, ConvertedPdf, hookimpl
from zi_evidence.bundle import BundleOptions, build_bundle
from zi_evidence.bundle.manifest import validate
from zi_evidence.plugins import make_plugin_manager

AREA = "PEMENUHAN/AREA I - Manajemen Perubahan"
ACTIVITY = f"{AREA}/iv. Perubahan Pola Pikir/1.iv.d Coffee Morning ZI"
NO_SOFFICE = "bundle:\n  converters:\n    libreoffice:\n      program: /tidak/ada/soffice\n"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")


@pytest.fixture
def drive(make_repo, fabricate, pdf):
    def make(extra: str = ""):
        root = make_repo("drive", extra=extra)
        pdf(root, f"{AREA}/i. Penyusunan Tim Kerja/1.i.a SK Tim Kerja ZI.pdf", "KEPUTUSAN KEPALA")
        fabricate.make_docx(root / f"{AREA}/i. Penyusunan Tim Kerja/1.i.a Notulen Rapat.docx", ["NOTULEN RAPAT"])
        fabricate.make_xlsx(root / f"{AREA}/ii. Rencana/1.ii.a Rencana Kerja.xlsx", {"Rencana": [["No"], [1]]})
        for n, size in enumerate(((640, 420), (420, 640), (800, 500)), start=1):
            fabricate.make_event_photo(root / f"{ACTIVITY}/IMG_000{n}.jpg", f"Coffee morning {n}", n, size)
        fabricate.make_photo(root / f"{AREA}/ii. Rencana/1.ii.c Tangkapan Layar Instagram.png", "Instagram")
        return root

    return make


def _bundle(root, out, indexed_repo, **options):
    repo = indexed_repo(root)
    result = build_bundle(repo, out, BundleOptions(**options))
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        pdfs = {name: archive.read(name) for name in archive.namelist() if name.endswith(".pdf")}
    return result, manifest, pdfs


@needs_soffice
def test_photos_and_office_files_go_in_as_pdfs_byte_identical_twice(drive, indexed_repo, tmp_path, tree_fingerprint):
    root = drive()
    before = tree_fingerprint(root)
    result, manifest, pdfs = _bundle(root, tmp_path / "a.zip", indexed_repo)
    assert validate(manifest) == []
    assert [e.candidate.original_path for e in result.exclusions] == []
    converted = {f["original_path"].rsplit("/", 1)[-1]: f for f in manifest["files"] if "converted_from" in f}
    assert set(converted) == {
        "1.i.a Notulen Rapat.docx",
        "1.ii.a Rencana Kerja.xlsx",
        "IMG_0001.jpg",
        "1.ii.c Tangkapan Layar Instagram.png",
    }
    photos = converted["IMG_0001.jpg"]
    assert [s["original_path"].rsplit("/", 1)[-1] for s in photos["converted_from"]["sources"]] == [
        "IMG_0001.jpg",
        "IMG_0002.jpg",
        "IMG_0003.jpg",
    ]
    assert photos["converted_from"]["converter"] == "img2pdf"
    for entry in converted.values():
        data = pdfs[entry["bundle_path"]]
        assert entry["type"] == "pdf" and entry["bundle_path"].endswith(".pdf") and data.startswith(b"%PDF")
        assert len(PdfReader(io.BytesIO(data)).pages) == entry["page_count"]
        for source in entry["converted_from"]["sources"]:
            assert len(source["sha256"]) == 64
    assert photos["page_count"] == 3  # one page per photo, in name order
    notulen = pdfs[converted["1.i.a Notulen Rapat.docx"]["bundle_path"]]
    assert "NOTULEN RAPAT" in PdfReader(io.BytesIO(notulen)).pages[0].extract_text()
    assert converted["1.i.a Notulen Rapat.docx"]["converted_from"]["converter"] == "libreoffice"
    # the second bundle reuses the cached PDFs: LibreOffice's own output differs from run to run
    _bundle(root, tmp_path / "b.zip", indexed_repo)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert tree_fingerprint(root) == before
    assert not any("konversi" in str(p) for p in root.rglob("*") if ".zi-evidence" not in str(p))


def test_photos_alone_are_lossless_and_deterministic_without_a_cache(drive, indexed_repo, tmp_path):
    root = drive(NO_SOFFICE)
    _, manifest, pdfs = _bundle(root, tmp_path / "a.zip", indexed_repo)
    photos = next(f for f in manifest["files"] if f["original_path"].endswith("IMG_0001.jpg"))
    jpeg = (root / ACTIVITY / "IMG_0001.jpg").read_bytes()
    assert jpeg in pdfs[photos["bundle_path"]]  # the JPEG is embedded byte for byte
    shutil.rmtree(root / ".zi-evidence" / "konversi")
    _, _, again = _bundle(root, tmp_path / "b.zip", indexed_repo)
    assert again[photos["bundle_path"]] == pdfs[photos["bundle_path"]]


def test_without_libreoffice_the_bundle_names_the_files_and_what_to_install(drive, run_cli, tmp_path):
    root = drive(NO_SOFFICE)
    assert run_cli("index", root, "-q").exit_code == 0
    result = run_cli("bundle", "build", root, "-o", tmp_path / "a.zip")
    assert result.exit_code == 0, result.output
    for name in ("1.i.a Notulen Rapat.docx", "1.ii.a Rencana Kerja.xlsx"):
        line = next(x for x in result.output.splitlines() if name in x)
        assert "perlu diubah ke PDF" in line and "LibreOffice ('/tidak/ada/soffice') tidak ditemukan" in line
    assert "2 berkas belum dapat diubah ke PDF" in result.output
    assert "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui" in result.output
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    waiting = {e["original_path"].rsplit("/", 1)[-1]: e["finding"]["code"] for e in manifest["excluded"]}
    assert waiting == {"1.i.a Notulen Rapat.docx": "needs_converter", "1.ii.a Rencana Kerja.xlsx": "needs_converter"}
    assert any("converted_from" in f for f in manifest["files"])  # the photos still went in


def test_no_convert_leaves_them_out_by_type(drive, run_cli, tmp_path):
    root = drive(NO_SOFFICE)
    run_cli("index", root, "-q")
    result = run_cli("bundle", "build", root, "-o", tmp_path / "a.zip", "--no-convert", "--json")
    codes = {e["code"] for e in json.loads(result.output)["exclusions"]}
    assert codes == {"type_not_allowed"}


class UpperCaseConverter:
    """A third-party converter for plain text, through the same hook; it refuses a text saying RUSAK."""

    name = "teks-uji"
    label = "teks ke PDF (uji)"
    mime_types = ("text/plain",)
    merge_folder = False

    def __init__(self, settings):
        self.settings = settings

    def missing(self):
        return None

    def version(self):
        return "1"

    def convert(self, sources, workdir):
        from reportlab.pdfgen import canvas

        (source,) = sources
        if b"RUSAK" in source.data:
            raise ConversionFailed("teksnya rusak")
        if b"MELEDAK" in source.data:
            raise RuntimeError("pengubah uji rusak")  # a bug in the plugin, not a bad file
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, invariant=1)
        page.drawString(72, 720, source.data.decode("utf-8").upper())
        page.save()
        return ConvertedPdf(buffer.getvalue(), 1)


class ConverterPlugin:
    @hookimpl
    def register_converters(self):
        return [UpperCaseConverter]


def test_a_plugin_converter_is_used_and_its_failures_are_reported(make_repo, indexed_repo, tmp_path):
    root = make_repo("drive", extra="bundle:\n  converters:\n    teks-uji: {catatan: ya}\n")
    (root / f"{AREA}/i. Penyusunan Tim Kerja").mkdir(parents=True)
    (root / f"{AREA}/i. Penyusunan Tim Kerja/1.i.a Catatan Tim.txt").write_text("catatan tim kerja", "utf-8")
    (root / f"{AREA}/i. Penyusunan Tim Kerja/1.i.b Rusak.txt").write_text("catatan RUSAK", "utf-8")
    (root / f"{AREA}/i. Penyusunan Tim Kerja/1.i.b Meledak.txt").write_text("catatan MELEDAK", "utf-8")
    host = make_plugin_manager()
    host.register(ConverterPlugin(), "uji")
    repo = indexed_repo(root, host=host)
    assert repo.host.converters()["teks-uji"] is UpperCaseConverter
    result = build_bundle(repo, tmp_path / "a.zip", BundleOptions())
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        entry = next(f for f in manifest["files"] if f["original_path"].endswith("Catatan Tim.txt"))
        text = PdfReader(io.BytesIO(archive.read(entry["bundle_path"]))).pages[0].extract_text()
    assert "CATATAN TIM KERJA" in text and entry["converted_from"]["converter"] == "teks-uji"
    failed = {e.candidate.original_path.rsplit("/", 1)[-1]: e.finding for e in result.exclusions}
    assert failed["1.i.b Rusak.txt"].code == "convert_failed" and "teksnya rusak" in failed["1.i.b Rusak.txt"].message
    assert "RuntimeError: pengubah uji rusak" in failed["1.i.b Meledak.txt"].message


def test_bundle_plan_previews_conversions_without_writing(drive, run_cli, tmp_path):
    root = drive(NO_SOFFICE)
    run_cli("index", root, "-q")
    shown = run_cli("bundle", "plan", root)
    assert shown.exit_code == 0, shown.output
    assert "IMG_0001.jpg" in shown.output and "(img2pdf, akan diubah)" in shown.output
    notulen = next(x for x in shown.output.splitlines() if "1.i.a Notulen Rapat.docx" in x)
    assert "LibreOffice ('/tidak/ada/soffice') tidak ditemukan" in notulen
    assert not (root / ".zi-evidence" / "konversi").exists()  # a plan converts and writes nothing
    run_cli("bundle", "build", root, "-o", tmp_path / "a.zip", "-q")
    data = json.loads(run_cli("bundle", "plan", root, "--json").output)
    photos = next(f for f in data["files"] if f["original_path"].endswith("IMG_0001.jpg"))
    assert photos["cached"] and len(photos["converted_from"]["sources"]) == 3
    assert {e["code"] for e in data["excluded"]} == {"needs_converter"}


@needs_soffice
def test_libreoffice_is_bounded_by_its_time_limit(drive, indexed_repo, tmp_path):
    root = drive("bundle:\n  converters:\n    libreoffice: {timeout_s: 0.05}\n")
    result, manifest, _ = _bundle(root, tmp_path / "a.zip", indexed_repo)
    failed = {e.candidate.original_path.rsplit("/", 1)[-1]: e.finding for e in result.exclusions}
    assert failed["1.i.a Notulen Rapat.docx"].code == "convert_failed"
    assert "tidak selesai dalam 0.05 detik" in failed["1.i.a Notulen Rapat.docx"].message
    assert not any("Notulen" in f["original_path"] for f in manifest["files"])


def test_diff_compares_converted_members_by_their_sources(drive, indexed_repo, fabricate, run_cli, tmp_path):
    root = drive(NO_SOFFICE)
    _bundle(root, tmp_path / "a.zip", indexed_repo)
    fabricate.make_event_photo(root / f"{ACTIVITY}/IMG_0004.jpg", "Coffee morning 4", 4)
    _bundle(root, tmp_path / "b.zip", indexed_repo)
    shown = run_cli("bundle", "diff", tmp_path / "a.zip", tmp_path / "b.zip").output
    assert "IMG_0004.jpg" in shown and "IMG_0001.jpg" not in shown  # one photo added, the others the same


def test_plugins_says_which_converters_run_here(run_cli, monkeypatch, tmp_path):
    if shutil.which("soffice"):
        assert "berkas Office ke PDF: LibreOffice" in run_cli("plugins").output
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without LibreOffice
    shown = run_cli("plugins").output
    assert "foto ke PDF: img2pdf" in shown
    assert "berkas Office tidak diubah ke PDF: LibreOffice ('soffice') tidak ditemukan" in shown


def test_the_offline_index_lists_a_converted_pdf_with_its_sources(drive, indexed_repo, tmp_path):
    root = drive(NO_SOFFICE)
    _, manifest, _ = _bundle(root, tmp_path / "a.zip", indexed_repo)
    photos = next(f for f in manifest["files"] if f["original_path"].endswith("IMG_0001.jpg"))
    index = zipfile.ZipFile(tmp_path / "a.zip").read("DAFTAR-ISI.html").decode("utf-8")
    row = next(r for r in index.split("<tr>") if photos["bundle_path"].rsplit("/", 1)[-1] in r)
    assert "IMG_0003.jpg" in row and "diubah ke PDF (img2pdf)" in row
    assert f"<code>{photos['sha256'][:12]}</code>" in row and "<td>3</td>" in row  # the PDF's hash, 3 pages


def test_an_activity_folder_past_the_file_limit_becomes_several_pdfs(drive, indexed_repo, tmp_path):
    root = drive(NO_SOFFICE)
    photos = sorted((root / ACTIVITY).iterdir())
    limit = sum(p.stat().st_size for p in photos[:2]) * 100 // 95 + 2000  # two photos fit, three do not
    result, manifest, pdfs = _bundle(root, tmp_path / "a.zip", indexed_repo, max_file_bytes=limit)
    made = [f for f in manifest["files"] if "Coffee Morning" in f["original_path"]]
    assert [[s["original_path"].rsplit("/", 1)[-1] for s in f["converted_from"]["sources"]] for f in made] == [
        ["IMG_0001.jpg", "IMG_0002.jpg"],
        ["IMG_0003.jpg"],
    ]
    assert all(f["size"] <= limit for f in made)
    assert not [e for e in result.exclusions if "Coffee Morning" in e.candidate.original_path]
