import os

from zi_evidence.scan import FileEntry, SkippedEntry, walk


def _walk(root, exclude=()):
    return list(walk(os.fsencode(root), set(exclude)))


def test_walk_yields_regular_files_and_skips_junk(tmp_path):
    (tmp_path / "AREA I").mkdir()
    (tmp_path / "AREA I" / "sk.pdf").write_bytes(b"%PDF-1.4")
    junk_names = ("~$notulen.docx", ".~lock.laporan.docx#", "Thumbs.db", "desktop.ini")
    junk_names += ("a.tmp", "b.part", "c.crdownload")
    for junk in junk_names:
        (tmp_path / junk).write_bytes(b"x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.pdf").write_bytes(b"x")
    entries = _walk(tmp_path)
    assert [e.rel for e in entries] == [b"AREA I/sk.pdf"]
    assert isinstance(entries[0], FileEntry) and entries[0].size == 8


def test_links_and_special_files_are_reported_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"secret")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.pdf").symlink_to(outside / "secret.pdf")
    (tree / "linkdir").symlink_to(outside, target_is_directory=True)
    (tree / "loop").symlink_to(tree, target_is_directory=True)
    os.mkfifo(tree / "fifo.pdf")
    entries = {e.rel: e for e in _walk(tree)}
    assert set(entries) == {b"link.pdf", b"linkdir", b"loop", b"fifo.pdf"}
    assert all(isinstance(e, SkippedEntry) for e in entries.values())
    assert entries[b"link.pdf"].problem.code == "link"
    assert entries[b"fifo.pdf"].problem.code == "special_file"


def test_excluded_paths_and_non_utf8_names(tmp_path):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "catalog.sqlite").write_bytes(b"x")
    raw = os.fsencode(tmp_path) + b"/bad\xffname.pdf"
    with open(raw, "wb") as handle:
        handle.write(b"%PDF")
    entries = _walk(tmp_path, {b"state"})
    assert [e.rel for e in entries] == [b"bad\xffname.pdf"]
