"""A build that fails half-way leaves no bundle under the real name (and keeps an older one intact)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from zi_evidence.bundle import writer
from zi_evidence.errors import BundleError


@pytest.fixture
def drive(make_repo, make_drive, indexed_repo):
    root = make_drive(make_repo)
    indexed_repo(root)
    return root


def test_crash_mid_build_leaves_no_output(drive, tmp_path, monkeypatch, build):
    original = writer.copy_member
    copied = []

    def crash_after_two(archive, info, member):
        if len(copied) == 2:
            raise RuntimeError("disk penuh (simulasi)")
        copied.append(member.name)
        original(archive, info, member)

    monkeypatch.setattr(writer, "copy_member", crash_after_two)
    out = tmp_path / "out" / "bundel.zip"
    with pytest.raises(RuntimeError, match="simulasi"):
        build(drive, out)
    assert copied and not out.exists()
    assert list(out.parent.iterdir()) == [], "no temporary file may be left behind"


def test_crash_keeps_the_previous_bundle(drive, tmp_path, monkeypatch, build):
    out = tmp_path / "bundel.zip"
    build(drive, out)
    previous = out.read_bytes()
    monkeypatch.setattr(writer, "copy_member", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        build(drive, out, include_problems=True)
    assert out.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_file_changed_while_writing_aborts_the_build(drive, tmp_path, monkeypatch, build):
    original = writer.copy_member

    def tamper(archive, info, member):
        with open(member.source, "r+b") as handle:  # same size, other bytes: only the hash can tell
            first = handle.read(1)
            handle.seek(0)
            handle.write(bytes([first[0] ^ 1]))
        original(archive, info, member)

    monkeypatch.setattr(writer, "copy_member", tamper)
    out = tmp_path / "bundel.zip"
    with pytest.raises(BundleError, match="tidak sama dengan yang tercatat di katalog"):
        build(drive, out)
    assert not out.exists()


KILLED_BUILD = """
import sys, time
from pathlib import Path
from zi_evidence.bundle import BundleOptions, build_bundle, writer
from zi_evidence.repository import Repository
original = writer.copy_member
def slow(archive, info, member):
    original(archive, info, member)
    print("copied", flush=True)
    time.sleep(30)
writer.copy_member = slow
build_bundle(Repository.open(Path({drive!r})), Path({out!r}), BundleOptions(types={types!r}))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_process_leaves_no_output(drive, tmp_path, bundle_types):
    out = tmp_path / "out" / "bundel.zip"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = KILLED_BUILD.format(drive=str(drive), out=str(out), types=bundle_types)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, cwd=root)
    try:
        assert process.stdout.readline().strip() == b"copied"
    finally:
        process.kill()
        process.wait()
    time.sleep(0.1)
    assert not out.exists()
    # only a hidden temporary remains (never under the real name); the next build ignores it
    assert all(p.name.startswith(".bundel.zip.") for p in out.parent.iterdir())
