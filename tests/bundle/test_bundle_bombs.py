"""``bundle verify`` and ``bundle diff`` on hostile zips: a received bundle is untrusted by design.

Each check runs the real CLI in a child process under a 500 MB address-space limit, so a bomb that were
inflated into memory would fail the test with a MemoryError, whatever the archive claims.
"""

from __future__ import annotations

import struct
import zipfile

import pytest

from zi_evidence.parsing import ParseFailure
from zi_evidence.parsing.office import open_archive

FOLDER = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"
BOMB_MB = 600  # more than the child may hold


def _spaces(handle, megabytes: int) -> None:
    block = b" " * 2**20
    for _ in range(megabytes):
        handle.write(block)


@pytest.fixture(scope="module")
def real_bundle(tmp_path_factory, new_repo, fabricate, indexed_repo):
    from zi_evidence.bundle import BundleOptions, build_bundle

    root = new_repo(tmp_path_factory.mktemp("drive") / "drive")
    fabricate.make_pdf(root / FOLDER / "1.i.a SK Tim.pdf", ["SK Tim Kerja 2026"])
    repo = indexed_repo(root)
    out = tmp_path_factory.mktemp("out") / "pmpzi.zip"
    build_bundle(repo, out, BundleOptions(types=("pdf",)))
    return out


def _rewrite(source, target, replace):
    """Copy ``source`` member by member; ``replace[name](handle)`` writes that member's new bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for info in old.infolist():
            if info.filename in replace:
                with new.open(info.filename, "w", force_zip64=True) as handle:
                    replace[info.filename](handle)
            else:
                new.writestr(info, old.read(info))
    return target


def test_a_manifest_bomb_is_refused_in_bounded_memory(real_bundle, tmp_path, run_limited):
    def bomb(handle):
        handle.write(b'{"files": "')
        _spaces(handle, BOMB_MB)
        handle.write(b'"}')

    hostile = _rewrite(real_bundle, tmp_path / "bom.zip", {"manifest.json": bomb})
    result = run_limited("bundle", "verify", hostile, memory_mb=500)
    assert "TRACEBACK" not in result.stdout
    assert result.returncode == 1
    assert "TIDAK UTUH" in result.stdout and "manifest.json" in result.stdout and "terlalu besar" in result.stdout
    diffed = run_limited("bundle", "diff", real_bundle, hostile, memory_mb=500)
    assert "TRACEBACK" not in diffed.stdout
    assert diffed.returncode == 1 and str(hostile) in diffed.stdout


def test_a_member_inflating_past_its_listed_size_is_altered_not_read_on(real_bundle, tmp_path, run_limited):
    with zipfile.ZipFile(real_bundle) as archive:
        listed = next(n for n in archive.namelist() if n.endswith("sk-tim.pdf"))
    hostile = _rewrite(real_bundle, tmp_path / "member.zip", {listed: lambda h: _spaces(h, BOMB_MB)})
    result = run_limited("bundle", "verify", hostile, memory_mb=500)
    assert "TRACEBACK" not in result.stdout
    assert result.returncode == 1
    assert f"Berubah: {listed}" in result.stdout
    assert run_limited("bundle", "verify", real_bundle, memory_mb=500).returncode == 0


def test_a_directory_claiming_too_much_is_refused_before_zipfile_reads_it(real_bundle, tmp_path, run_cli):
    data = bytearray(real_bundle.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    struct.pack_into("<L", data, at + 12, 200 * 2**20)  # central directory size: 200 MB
    hostile = tmp_path / "dir.zip"
    hostile.write_bytes(bytes(data))
    with pytest.raises(ParseFailure, match="daftar isi"):
        open_archive(hostile)
    result = run_cli("bundle", "verify", hostile)
    assert result.exit_code == 1 and "kemungkinan berkas jebakan" in result.output


def test_a_manifest_claiming_a_billion_volumes_is_refused(real_bundle, tmp_path, run_cli):
    import json

    with zipfile.ZipFile(real_bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["volume"]["count"] = 10**9
    text = json.dumps(manifest).encode()
    hostile = _rewrite(real_bundle, tmp_path / "pmpzi-01.zip", {"manifest.json": lambda h: h.write(text)})
    result = run_cli("bundle", "diff", real_bundle, hostile)
    assert result.exit_code == 1 and "jumlah jilid" in result.output
