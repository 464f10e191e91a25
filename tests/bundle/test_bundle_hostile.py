"""Hostile names never escape the archive root or collide; links out of the tree are refused with a finding."""

import os
import posixpath
import zipfile

from zi_evidence.bundle import verify_bundle
from zi_evidence.bundle.naming import is_safe_member

FOLDER = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"
HOSTILE = [
    "1.i.a ...pdf",
    "1.i.a -rf --no-preserve-root.pdf",
    "1.i.a C:\\Windows\\System32\\evil.pdf",
    "1.i.a ..\\..\\etc\\passwd.pdf",
    "1.i.a " + "Ĺàpörân ŽÏ 東京 " * 10 + ".pdf",  # very long Unicode name (under the 255-byte file-name limit)
    "1.i.a Laporan.pdf",
    "1.i.a LAPORAN.pdf",
    "1.i.a Lapóran.pdf",
    "1.i.a Lapo\u0301ran.pdf",  # the same word with a combining accent (another byte sequence)
    "1.i.a \u202egnp.pdf",  # a right-to-left override
]


def test_hostile_names_stay_inside_and_unique(make_repo, tmp_path, build, indexed_repo, members, pdf):
    root = make_repo()
    for name in HOSTILE:
        assert len(name.encode()) < 255, name
        pdf(root, f"{FOLDER}/{name}")
    pdf(root, f"{FOLDER}/../../-rf/1.i.b x.pdf")  # a folder that starts with '-'
    indexed_repo(root)
    out = tmp_path / "a.zip"
    result = build(root, out)
    assert result.files == len(HOSTILE) + 1
    names = members(out)
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert is_safe_member(name), name
        assert name.isascii() and len(name) <= 200
        normal = posixpath.normpath(name)
        assert not normal.startswith(("..", "/")) and normal == name
        assert not any(part.startswith("-") for part in name.split("/"))
    # unpacking with the standard library keeps everything under the target folder
    target = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(target)
    for path in target.rglob("*"):
        assert path.resolve().is_relative_to(target.resolve())
    assert verify_bundle(out).ok


def test_link_out_of_the_tree_is_refused_with_a_finding(make_repo, tmp_path, build, indexed_repo, pdf):
    root = make_repo()
    pdf(root, f"{FOLDER}/1.i.a SK Tim.pdf")
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(b"%PDF-1.4 secret outside the tree")
    os.symlink(secret, root / FOLDER / "1.i.a Tautan Keluar.pdf")
    indexed_repo(root)
    result = build(root, tmp_path / "a.zip")
    refused = {e.candidate.original_path.rsplit("/", 1)[-1]: e.finding for e in result.exclusions}
    assert refused["1.i.a Tautan Keluar.pdf"].code == "link"
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert all(b"secret outside" not in archive.read(n) for n in archive.namelist())


def test_file_replaced_by_a_link_after_indexing_is_refused(make_repo, tmp_path, build, indexed_repo, pdf):
    root = make_repo()
    kept = pdf(root, f"{FOLDER}/1.i.a SK Tim.pdf")
    swapped = pdf(root, f"{FOLDER}/1.i.a Diganti.pdf")
    indexed_repo(root)
    outside = tmp_path / "luar.pdf"
    outside.write_bytes(swapped.read_bytes())
    swapped.unlink()
    os.symlink(outside, swapped)
    result = build(root, tmp_path / "a.zip")
    assert [(e.candidate.original_path, e.finding.code) for e in result.exclusions] == [
        (f"{FOLDER}/1.i.a Diganti.pdf", "link")
    ]
    assert result.files == 1 and kept.exists()


def test_folder_replaced_by_a_link_after_indexing_is_refused(make_repo, tmp_path, build, indexed_repo, pdf):
    root = make_repo()
    pdf(root, f"{FOLDER}/ii/1.i.b Berkas.pdf")
    indexed_repo(root)
    moved = tmp_path / "di-luar"
    (root / FOLDER / "ii").rename(moved)
    os.symlink(moved, root / FOLDER / "ii")
    result = build(root, tmp_path / "a.zip")
    assert [e.finding.code for e in result.exclusions] == ["outside_tree"]
