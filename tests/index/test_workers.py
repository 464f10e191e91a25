"""The worker pool on real parser classes that misbehave on purpose."""

import os
import time

from zi_evidence.index.workers import ParseTask, WorkerPool
from zi_evidence.parsing import ParsedDocument, ParseFailure, ParseLimits


class EchoParser:
    name, version, mime_types = "echo", "1", ("text/plain",)

    def parse(self, path, limits):
        text = path.read_text()
        if text == "hang":
            time.sleep(60)
        if text == "lambat":
            time.sleep(0.5)  # ten RSS samples while the worker is busy
        if text == "hog":
            blob = bytearray(4 * 1024 * 1024 * 1024)  # far over the memory limit
            return ParsedDocument((str(len(blob)),), 1)
        if text == "die":
            os._exit(3)
        if text == "encrypted":
            raise ParseFailure("encrypted", "Berkas terenkripsi.")
        if text == "bug":
            raise KeyError("word/document.xml")
        return ParsedDocument((text.upper(),), 1)


TIGHT = ParseLimits(seconds=3, memory_mb=256)


def _run(tmp_path, contents, limits=TIGHT):
    tasks = []
    for i, text in enumerate(contents):
        path = tmp_path / f"f{i}.txt"
        path.write_text(text)
        tasks.append(ParseTask(i, os.fsencode(path), "echo"))
    with WorkerPool({"echo": EchoParser}, limits, processes=2) as pool:
        return {o.key: o for o in pool.run(tasks)}


def test_every_file_gets_exactly_one_outcome_and_the_pool_survives(tmp_path):
    outcomes = _run(tmp_path, ["halo", "hang", "hog", "die", "encrypted", "bug", "akhir"])
    assert sorted(outcomes) == list(range(7))
    assert outcomes[0].document.pages == ("HALO",)
    assert outcomes[1].problem.code == "timeout"
    assert outcomes[2].problem.code == "memory"
    assert outcomes[3].problem.code == "crashed"
    assert outcomes[4].problem.code == "encrypted"
    assert outcomes[5].problem.code == "corrupt" and "KeyError" in outcomes[5].problem.message
    assert outcomes[6].document.pages == ("AKHIR",), "a fresh worker replaced the killed ones"


def test_special_files_and_oversized_files_are_refused_before_parsing(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    tasks = [ParseTask("fifo", os.fsencode(fifo), "echo"), ParseTask("big", os.fsencode(big), "echo")]
    with WorkerPool({"echo": EchoParser}, ParseLimits(seconds=5, file_mb=1), processes=1) as pool:
        outcomes = {o.key: o for o in pool.run(tasks)}
    # a blocking open would end as "timeout"; the check must refuse it before any read
    assert outcomes["fifo"].problem.code == "special_file"
    assert outcomes["big"].problem.code == "too_large"


def test_a_file_replaced_after_hashing_is_never_parsed_under_the_old_hash(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("versi satu")
    info = path.stat()
    identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    path.write_text("versi dua yang lebih panjang")  # the content changed after it was hashed
    task = ParseTask("k", os.fsencode(path), "echo", os.fsencode(tmp_path), b"f.txt", identity)
    with WorkerPool({"echo": EchoParser}, TIGHT, processes=1) as pool:
        (outcome,) = list(pool.run([task]))
    assert outcome.problem.code == "changed_during_read"


def test_library_exceptions_become_plain_indonesian_problems():
    import zipfile

    from zi_evidence.index.workers import classify

    limits = ParseLimits()
    assert classify(MemoryError(), limits).code == "memory"
    assert classify(RecursionError("deep"), limits).code == "corrupt"
    assert classify(zipfile.BadZipFile("File is not a zip file"), limits).code == "corrupt"
    assert classify(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), limits).code == "corrupt"
    assert classify(OSError(5, "Input/output error"), limits).code == "io_error"
    assert "rusak" in classify(KeyError("word/document.xml"), limits).message


def test_a_slow_parse_in_a_worker_forked_from_a_large_parent_is_not_called_a_memory_hog(tmp_path):
    """A forked worker's RSS starts at the parent's (copy-on-write pages count in both): the pool
    charges the worker for what it adds, so a parent over the limit does not fail every slow file."""
    from zi_evidence.index.workers import _statm

    ballast = b"x" * (320 * 1024 * 1024)  # touched pages: the parent now holds more than the limit
    assert _statm()[1] > TIGHT.memory_mb * 1024 * 1024
    try:
        outcomes = _run(tmp_path, ["lambat", "halo"], limits=TIGHT)
    finally:
        del ballast
    assert outcomes[0].document.pages == ("LAMBAT",)
    assert outcomes[1].document.pages == ("HALO",)
