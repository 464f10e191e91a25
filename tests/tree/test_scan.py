import os

from zi_evidence.tree.scan import FileEntry, SkippedEntry, walk


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


def test_over_long_folders_are_reported_not_silently_skipped(tmp_path, overlong_tree):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    overlong_tree(tmp_path, b"panjang")
    entries = _walk(tmp_path)
    files = [e.rel for e in entries if isinstance(e, FileEntry)]
    too_long = [e for e in entries if isinstance(e, SkippedEntry)]
    assert files == [b"a.pdf"]
    assert len(too_long) == 1 and too_long[0].problem.code == "path_too_long"
    assert too_long[0].rel.startswith(b"panjang/")


def test_an_unreadable_folder_becomes_a_problem_and_the_walk_goes_on(tmp_path, monkeypatch):
    import errno

    from zi_evidence.tree import scan

    (tmp_path / "tertutup").mkdir()
    (tmp_path / "tertutup" / "x.pdf").write_bytes(b"x")
    (tmp_path / "terbuka").mkdir()
    (tmp_path / "terbuka" / "y.pdf").write_bytes(b"y")
    real_open = scan.open_beneath

    def deny(root, rel, directory=False):  # root may read anything, so the refusal is simulated
        if rel == b"tertutup":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(root, rel, directory)

    monkeypatch.setattr(scan, "open_beneath", deny)
    entries = {e.rel: e for e in _walk(tmp_path)}
    assert isinstance(entries[b"terbuka/y.pdf"], FileEntry)
    assert entries[b"tertutup"].problem.code == "unreadable_folder"


def test_open_beneath_never_follows_a_link_in_any_component(tmp_path):
    import errno

    import pytest

    from zi_evidence.tree.safeopen import open_beneath

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"secret")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "folder").symlink_to(outside, target_is_directory=True)  # a folder swapped for a link
    with pytest.raises(OSError) as raised:
        open_beneath(os.fsencode(tree), b"folder/secret.pdf")
    assert raised.value.errno in (errno.ELOOP, errno.ENOTDIR)
    with pytest.raises(OSError):
        open_beneath(os.fsencode(tree), b"../outside/secret.pdf")


def test_observe_limits_the_walk_to_dirty_paths(tmp_path):
    from zi_evidence.tree.scan import narrow, observe

    for rel in ("A/1.pdf", "A/2.pdf", "B/3.pdf"):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    scopes = narrow({b"A", b"A/1.pdf", b"B/~$lock.docx", b"gone.pdf"}, set())
    assert scopes == (b"A", b"gone.pdf")
    seen = observe(os.fsencode(tmp_path), set(), scopes)
    assert [f.rel for f in seen.files] == [b"A/1.pdf", b"A/2.pdf"]
    assert seen.covers(b"gone.pdf") and seen.covers(b"A/9.pdf") and not seen.covers(b"B/3.pdf")
    assert narrow({b"", b"A"}, set()) is None, "the root itself changed: a full walk"
