"""Shared fixtures: evidence repositories in tmp_path, the file fabricator, tree fingerprints, the CLI,
indexed drives for the bundle and report tests, and LKE answer files.

Tests take these as fixture parameters; nothing imports this module (tests/meta/test_test_imports.py).
Fixtures that only hand out functions or data are session-scoped so module-scoped fixtures can use them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sys
import zipfile
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_repo"

CONFIG = """schema_version: 1
ruleset: {ruleset}
unit:
  name: Unit Uji
  institution: Kementerian Uji
year: 2026
target: WBK
"""


def _write_config(root: Path, ruleset: str, extra: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "zi-evidence.yaml").write_text(CONFIG.format(ruleset=ruleset) + extra, encoding="utf-8")
    return root


@pytest.fixture
def make_repo(tmp_path):
    """An empty evidence repository (config only) for a rule set; returns its root."""

    def make(name: str = "drive", ruleset: str = "permenpanrb-90-2021", extra: str = "") -> Path:
        return _write_config(tmp_path / name, ruleset, extra)

    return make


@pytest.fixture(scope="session")
def new_repo():
    """``make_repo`` at a path of the caller's choosing, for module-scoped fixtures."""

    def make(root: Path, ruleset: str = "permenpanrb-90-2021") -> Path:
        return _write_config(root, ruleset)

    return make


@pytest.fixture(scope="session")
def fabricate() -> ModuleType:
    """scripts/fabricate.py, loaded from its file, so that no test needs the repository root on sys.path."""
    spec = importlib.util.spec_from_file_location("fabricate", ROOT / "scripts" / "fabricate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look a class's module up by name
    spec.loader.exec_module(module)
    return module


def _tree_fingerprint(root: Path, skip: str = ".zi-evidence") -> dict[str, tuple[str, int, int]]:
    """sha256, mtime and mode of every file below ``root`` (the state folder excepted)."""
    result = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != skip]
        for name in files:
            path = Path(folder, name)
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
            result[str(path.relative_to(root))] = (digest, info.st_mtime_ns, info.st_mode)
    return result


@pytest.fixture(scope="session")
def tree_fingerprint():
    return _tree_fingerprint


_SAMPLE_AT_START = pytest.StashKey[dict]()


def pytest_sessionstart(session):
    # taken before any test runs, so a test that writes into the original sample_repo/ is caught
    session.stash[_SAMPLE_AT_START] = _tree_fingerprint(SAMPLE)


@pytest.fixture(scope="session")
def sample_before(request):
    """The fingerprint of sample_repo/ when the session started (the quick start may have indexed it)."""
    return request.session.stash[_SAMPLE_AT_START]


@pytest.fixture(scope="session")
def run_cli():
    """``zi-evidence ARGS…`` through click's runner; arguments may be paths or numbers."""
    from zi_evidence.cli import cli

    def run(*args, **invoke_options):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **invoke_options)

    return run


@pytest.fixture(scope="session")
def indexed_repo():
    """Indexes a drive with the real pipeline (one worker) and returns its ``Repository``."""
    from zi_evidence.index.run import IndexOptions, run_index
    from zi_evidence.repository import Repository

    def index(root: Path, host=None):
        repo = Repository.open(root, host=host)
        run_index(repo, IndexOptions(processes=1))
        return repo

    return index


# --- LKE answer files: every question at its best answer unless a test says otherwise -----------------

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


def _best_letter(ruleset, question_id: str) -> str:
    """The option worth the most for this question (A, or Ya)."""
    values = ruleset.answer_types[ruleset.question(question_id).answer_type].values
    return max(values, key=values.get)


def _best_answers(ruleset, full_counts=None, letters=None, counts=None) -> dict[str, dict]:
    """``jawaban`` for every question: the best letter, or the full counts of a '%' question; overrides last."""
    jawaban: dict[str, dict] = {}
    for question in ruleset.questions:
        if question.formula is not None:
            inputs = {**(full_counts or {})[question.id], **(counts or {}).get(question.id, {})}
            jawaban[question.id] = {"input": inputs}
        else:
            jawaban[question.id] = {"jawaban": (letters or {}).get(question.id, _best_letter(ruleset, question.id))}
    return jawaban


def _write_answers_file(root: Path, raw: dict) -> Path:
    """``jawaban-lke.yaml`` in ``root``, as a team's file would be written."""
    path = root / "jawaban-lke.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def lke():
    """The answer-file builders: ``best_answers``, ``write_answers_file``, ``PREREQUISITES_MET``, ``FULL_COUNTS_90``."""
    return SimpleNamespace(
        best_answers=_best_answers,
        write_answers_file=_write_answers_file,
        PREREQUISITES_MET=PREREQUISITES_MET,
        FULL_COUNTS_90=FULL_COUNTS_90,
    )


# --- a small real drive for the bundle tests (tests/bundle, tests/plugins/pmpzi) ------------------------

ALL_TYPES = ("pdf", "docx", "xlsx", "jpg", "png")
SUBMISSION = """submission:
  letter_number: "B-123/ZI/V/2026"
  letter_date: "2026-05-20"
  place: Jakarta
  report_year: 2026
  leader: {name: Dr. Hadi Purnomo Santoso, nip: "196901011990031001", title: Sekretaris Jenderal}
  tembusan: [Inspektur Jenderal]
  other_units:
    - {name: Balai Uji Kedua, predicate: WBBM, head: {name: Sri Lestari Wulandari, nip: "198002022005012002"}}
"""
HEAD = """  head: {name: Budi Santoso Wibowo, nip: "197805122001121002", title: Kepala Unit Uji}
"""


@pytest.fixture(scope="session")
def pdf(fabricate):
    """A one-page PDF at ``root/rel`` whose text names the file."""

    def make(root: Path, rel: str, text: str = "Laporan kegiatan 2026") -> Path:
        return fabricate.make_pdf(root / rel, [f"{text}\n{rel}"])

    return make


@pytest.fixture(scope="session")
def make_drive(fabricate, pdf):
    """A drive with PDFs, a DOCX, an XLSX, a photo, an encrypted PDF, an empty file and an unmapped file."""

    def make(make_repo, name: str = "drive", ruleset: str = "permenpanrb-90-2021", letters: bool = True) -> Path:
        root = make_repo(name, ruleset, SUBMISSION if letters else "")
        if letters:
            config = root / "zi-evidence.yaml"
            text = config.read_text(encoding="utf-8").replace(
                "  institution: Kementerian Uji\n", "  institution: Kementerian Uji\n" + HEAD
            )
            config.write_text(text, encoding="utf-8")
        area = "PEMENUHAN/AREA I - Manajemen Perubahan" if ruleset == "permenpanrb-90-2021" else "AREA I"
        tim = f"{area}/i. Penyusunan Tim Kerja"
        pdf(root, f"{tim}/1.i.a SK Tim Kerja ZI.pdf", "KEPUTUSAN KEPALA\nNOMOR 1 TAHUN 2026")
        pdf(root, f"{tim}/1.i.b Kriteria Seleksi Anggota.pdf")
        fabricate.make_docx(root / f"{tim}/1.i.a Notulen Rapat.docx", ["NOTULEN RAPAT", "Pembentukan tim"])
        fabricate.make_xlsx(
            root / f"{area}/ii. Rencana/1.ii.a Rencana Kerja.xlsx", {"Rencana": [["No", "Kegiatan"], [1, "Rapat"]]}
        )
        fabricate.make_photo(root / f"{area}/ii. Rencana/1.ii.c Foto Sosialisasi.jpg", "Sosialisasi ZI")
        for month in ("Januari", "Februari", "Maret"):
            pdf(root, f"{area}/iii. Monev/1.iii.b Laporan Monev {month} 2026.pdf", f"Laporan monev {month} 2026")
        fabricate.make_encrypted_pdf(root / f"{area}/iii. Monev/1.iii.c Tindak Lanjut Monev.pdf", ["rahasia"])
        (root / f"{area}/iii. Monev/1.iii.a Laporan Kosong.pdf").write_bytes(b"")
        pdf(root, "Lain-lain/catatan lama.pdf")
        return root

    return make


@pytest.fixture(scope="session")
def bundle_types():
    """Every file type a bundle may take: the tests build with all of them."""
    return ALL_TYPES


@pytest.fixture(scope="session")
def build():
    """``build_bundle`` over a drive with every file type allowed; options as keyword arguments."""
    from zi_evidence.bundle import BundleOptions, build_bundle
    from zi_evidence.repository import Repository

    def run(root: Path, out: Path, host=None, **options):
        repo = Repository.open(root, host=host)
        return build_bundle(repo, out, BundleOptions(**{"types": ALL_TYPES, **options}))

    return run


@pytest.fixture(scope="session")
def members():
    """The member names of a zip file."""

    def names(path: Path) -> list[str]:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()

    return names


@pytest.fixture(scope="session")
def rewrite_zip():
    """Copy a zip member by member; ``change(name, data)`` returns new data, or None to drop the member."""

    def rewrite(source: Path, target: Path, change) -> None:
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
            for info in old.infolist():
                data = change(info.filename, old.read(info))
                if data is not None:
                    new.writestr(info, data)

    return rewrite


# --- drives for the report tests (tests/readiness, tests/plugins/reports) ---------------------------------

# Counts that put every "%" question of 90/2021 at 100 %.
REPORT_FULL_COUNTS = {
    "A.II.1.i.a": {"jumlah_agen_perubahan": 6, "jumlah_perubahan_dibuat": 6},
    "A.II.1.i.b": {"jumlah_perubahan_dibuat": 6, "jumlah_perubahan_terintegrasi": 6},
    "A.II.3.iii.a": {
        "jumlah_pelanggaran_tahun_sebelumnya": 6,
        "jumlah_pelanggaran_tahun_ini": 0,
        "jumlah_pelanggaran_diberi_sanksi": 0,
    },
    "A.II.4.i.a": {"jumlah_sasaran_kinerja": 4, "jumlah_sasaran_tercapai_100": 4},
    "A.II.5.ii.a": {
        "jumlah_harus_ditindaklanjuti": 41,
        "jumlah_sedang_diproses": 0,
        "jumlah_selesai_ditindaklanjuti": 41,
    },
    "A.II.5.iii.a": {"wajib_kepala_satker": 1, "wajib_pejabat_lhkpn": 5, "wajib_lainnya": 1, "sudah_melaporkan": 7},
    "A.II.5.iii.b": {
        "wajib_administrator": 0,
        "wajib_pengawas": 6,
        "wajib_fungsional_pelaksana": 37,
        "sudah_melaporkan": 43,
    },
    "A.II.6.i.b": {"jumlah_layanan_terdata": 12, "jumlah_layanan_dipermudah": 12},
}
HOSTILE = "A.I.1.ii.c <script>alert('x')<.script> & \"kutip\" #1 100% ?.pdf"
FORMULA = "=1+1 A.I.1.ii.a Rencana Kerja.pdf"


@pytest.fixture(scope="session")
def ruleset_90():
    from zi_evidence.plugins import make_plugin_manager
    from zi_evidence.rulesets import RulesetRegistry

    return RulesetRegistry.from_host(make_plugin_manager()).get("permenpanrb-90-2021")


@pytest.fixture(scope="session")
def write_answers(ruleset_90):
    """Every question at its best answer (then ``letters``), good survey results: a unit aiming at WBK."""

    def write(root: Path, letters=None, hasil=None, counts=None, facts=None) -> Path:
        raw = {
            "schema_version": 1,
            "ruleset": ruleset_90.id,
            "jenis_instansi": "kl",
            "jawaban": _best_answers(ruleset_90, REPORT_FULL_COUNTS, letters, counts),
            "hasil": {"ipak": 3.68, "capaian_kinerja": "A", "ipkp": 3.41, **(hasil or {})},
            "prasyarat": {**PREREQUISITES_MET, **(facts or {})},
        }
        return _write_answers_file(root, raw)

    return write


@pytest.fixture(scope="session")
def complete_drive(fabricate, ruleset_90):
    """One readable, dated PDF for every question and hasil component: nothing for a validator to reject."""

    def fill(root: Path) -> Path:
        targets = [q.id for q in ruleset_90.questions] + [c.id for g in ruleset_90.hasil for c in g.components]
        for target in targets:
            part = "HASIL" if target.startswith("B.") else "BUKTI"
            page = f"LAPORAN PELAKSANAAN\n{target}\n12 Maret 2026"
            fabricate.make_pdf(root / part / f"{target} Laporan Pelaksanaan.pdf", [page])
        return root

    return fill


@pytest.fixture(scope="session")
def odd_names():
    """The two file names of ``small_drive`` a report must escape: markup and a spreadsheet formula."""
    return SimpleNamespace(HOSTILE=HOSTILE, FORMULA=FORMULA)


@pytest.fixture(scope="session")
def small_drive(fabricate, new_repo, indexed_repo, write_answers):
    """A few real PDFs, one with a hostile name, one whose name starts with '=', one unmapped; answers given."""

    def make(root: Path) -> Path:
        make_pdf = fabricate.make_pdf
        new_repo(root)
        area = root / "PEMENUHAN" / "AREA I - Manajemen Perubahan"
        decree = (
            "KEPUTUSAN KEPALA KANTOR\nNOMOR W.1-OT.02 TAHUN 2026\nDitetapkan di Jakarta pada tanggal 12 Januari 2026"
        )
        make_pdf(area / "i. Penyusunan Tim Kerja" / "1.i.a SK Tim Kerja ZI.pdf", [decree])
        make_pdf(area / "i. Penyusunan Tim Kerja" / "1.i.b Kriteria Seleksi Anggota.pdf", ["Kriteria seleksi 2026"])
        make_pdf(area / "ii. Rencana" / HOSTILE, ["Laporan sosialisasi 2026"])
        make_pdf(root / FORMULA, ["Rencana kerja pembangunan ZI 2026"])
        make_pdf(root / "Lain-lain" / "catatan lama.pdf", ["catatan"])
        make_pdf(root / "HASIL" / "B.I.a Rekap IPAK 2026.pdf", ["Rekap IPAK 2026: 3,68"])
        indexed_repo(root)
        write_answers(root)
        return root

    return make


@pytest.fixture(scope="session")
def sample_copy(indexed_repo):
    """A copy of sample_repo/ (never write inside the original), indexed."""

    def copy(target: Path) -> Path:
        shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".zi-evidence"))
        indexed_repo(target)
        return target

    return copy


# --- a folder nesting deeper than PATH_MAX (tests/tree, and the hostile corpus in tests/index) ------------


@pytest.fixture(scope="session")
def overlong_tree():
    """Nested folders deeper than PATH_MAX, made relative to a descriptor (a plain mkdir would fail)."""

    def make(root: Path, folder: bytes, path_max: int = 4096) -> bytes:
        top = os.fsencode(root) + b"/" + folder
        os.mkdir(top)
        fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
        depth, name = 0, b"d" * 200
        try:
            while (depth + 1) * (len(name) + 1) < path_max + 400:
                os.mkdir(name, dir_fd=fd)
                inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
                os.close(fd)
                fd, depth = inner, depth + 1
            with open(os.open(b"deep.pdf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as handle:
                handle.write(b"%PDF-1.4 deep")
        finally:
            os.close(fd)
        return folder

    return make


# --- hostile input: the CLI in a child process under a memory limit (tests/bounded, tests/bundle, tests/cli)


_LIMITED_CLI = """
import resource, sys, traceback
from click.testing import CliRunner
limit = int(sys.argv[1]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from zi_evidence.cli import cli
result = CliRunner().invoke(cli, sys.argv[2:])
sys.stdout.write(result.output)
if result.exception is not None and not isinstance(result.exception, SystemExit):
    sys.stdout.write("TRACEBACK " + "".join(traceback.format_exception(result.exception)))
sys.exit(result.exit_code)
"""


@pytest.fixture(scope="session")
def run_limited():
    """``zi-evidence ARGS…`` in a child process whose address space is capped at ``memory_mb``: a bomb that
    expanded dies there with MemoryError (reported as 'TRACEBACK …' in stdout) instead of eating the machine."""
    import subprocess

    def run(*args, memory_mb: int = 700, **options):
        command = [sys.executable, "-c", _LIMITED_CLI, str(memory_mb), *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, timeout=900, **options)

    return run


# -- PostgreSQL (server tests and the review store's PostgreSQL runs) --------------------------------------
@pytest.fixture(scope="session")
def postgres_server():
    """The URL of a real PostgreSQL server: $ZI_EVIDENCE_TEST_PG when set, else a throwaway cluster that
    scripts/start-postgres starts now and stops after the session. Never skipped: no server, a failure."""
    import subprocess
    import tempfile

    if os.environ.get("ZI_EVIDENCE_TEST_PG"):
        yield os.environ["ZI_EVIDENCE_TEST_PG"]
        return
    folder = tempfile.mkdtemp(prefix="zi-evidence-pg-")  # under /tmp: the postgres user must reach it
    script = str(ROOT / "scripts" / "start-postgres")
    started = subprocess.run([script, folder], capture_output=True, text=True)
    if started.returncode != 0:
        pytest.fail(f"PostgreSQL for the tests did not start: {started.stderr.strip()}", pytrace=False)
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([script, "--stop", folder], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server):
    """A fresh, empty database on that server for one test (dropped afterwards); its SQLAlchemy URL."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    url = postgres_server.replace("/postgres?", f"/{name}?", 1)
    yield url
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --- search engines: `--backend=whoosh|tantivy` runs the suite with one; without it the fixture
# `search_backend_class` gives each backend-level search test both, and repositories get the default
ENGINES = ("whoosh", "tantivy")


def pytest_addoption(parser):
    parser.addoption("--backend", choices=ENGINES, default=None, help="search engine for the whole suite")


def pytest_configure(config):
    chosen = config.getoption("--backend")
    if chosen:  # every repository (and every CLI subprocess) then sees only the chosen engine
        others = [name for name in ENGINES if name != chosen]
        disabled = [n for n in os.environ.get("ZI_EVIDENCE_DISABLE_PLUGINS", "").split(",") if n.strip()]
        os.environ["ZI_EVIDENCE_DISABLE_PLUGINS"] = ",".join([*disabled, *others])


def pytest_collection_modifyitems(config, items):
    chosen = config.getoption("--backend")
    for item in items if chosen else ():
        needed = {name for mark in item.iter_markers("engines") for name in mark.args}
        if needed - {chosen}:
            item.add_marker(pytest.mark.skip(reason=f"needs {', '.join(sorted(needed))}; --backend={chosen}"))


@pytest.fixture(scope="session")
def switched_off_engines(pytestconfig):
    """The engine plugins ``--backend`` switched off: they are listed as "dinonaktifkan", as they should be."""
    chosen = pytestconfig.getoption("--backend")
    return {name for name in ENGINES if chosen and name != chosen}


def pytest_generate_tests(metafunc):
    if "search_backend_class" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--backend")
        metafunc.parametrize("search_backend_class", [chosen] if chosen else list(ENGINES), indirect=True)


@pytest.fixture
def search_backend_class(request):
    """The backend class of the engine named by the parameter (``whoosh`` or ``tantivy``)."""
    if request.param == "whoosh":
        from zi_evidence_whoosh import WhooshBackend

        return WhooshBackend
    from zi_evidence_tantivy import TantivyBackend

    return TantivyBackend


@pytest.fixture(scope="session")
def live_app():
    """``with live_app(app) as url:`` runs an ASGI app on a real uvicorn at a loopback port."""
    import contextlib
    import socket
    import threading
    import time

    @contextlib.contextmanager
    def run(app):
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            sock.close()

    return run
