"""``index`` over a drive of hostile inputs: every file gets exactly one outcome, nothing hangs,
memory stays bounded, nothing outside the tree is opened and not a byte of the tree changes."""

import hashlib
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from zi_evidence.cli import cli

LIMITS = """limits:
  seconds: 4
  memory_mb: 512
  file_mb: 50
  inflated_mb: 20
"""
# The main process holds the catalog, the index writer and plugin code; workers are separate.
MAX_MAIN_RSS_MB = 400

RUNNER = textwrap.dedent(
    """
    import json, os, resource, sys
    log = os.open(sys.argv[2], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    outside = sys.argv[3]
    def audit(event, args):
        # forked parse workers inherit the hook and the descriptor, so their opens are caught too
        if event == "open" and isinstance(args[0], (str, bytes)):
            path = os.fsdecode(args[0])
            if "CANARY" in path or path.startswith(outside):
                os.write(log, os.fsencode(path) + b"\\n")
    sys.addaudithook(audit)
    from click.testing import CliRunner
    from zi_evidence.cli import cli
    result = CliRunner().invoke(cli, ["index", sys.argv[1], "--json", "--processes", "2"])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({"exit": result.exit_code, "output": result.output, "rss_mb": rss}))
    """
)


def _snapshot(root: Path) -> dict[bytes, tuple]:
    """Content hash (streamed; stat only for huge sparse files), mtime and mode of everything in the tree."""
    result = {}
    base = os.fsencode(root)
    for folder, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d != b".zi-evidence"]
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            digest = ""
            if stat.S_ISREG(info.st_mode) and info.st_size < 100 << 20:
                with open(path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
            result[os.path.relpath(path, base)] = (digest, info.st_size, info.st_mtime_ns, info.st_mode)
    return result


@pytest.fixture
def hostile(make_repo, tmp_path, build_corpus):
    root = make_repo(extra=LIMITS)
    expected = build_corpus(root, tmp_path / "outside")
    return root, expected


def test_index_survives_a_hostile_drive(hostile, tmp_path, canary_text):
    root, expected = hostile
    before = _snapshot(root)
    canary_before = os.stat(expected.canary)
    opened_log = tmp_path / "opened.txt"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    # the bound: every parse is limited to LIMITS' 4 s, so the whole run has a generous ceiling
    run = subprocess.run(
        [sys.executable, "-c", RUNNER, str(root), str(opened_log), str(expected.canary.parent)],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "Fatal Python error" not in run.stderr, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome["exit"] == 0, outcome["output"]
    assert outcome["rss_mb"] < MAX_MAIN_RSS_MB, f"main process peaked at {outcome['rss_mb']} MB"

    from zi_evidence.repository import Repository

    repo = Repository.open(root)
    with repo.catalog() as catalog:
        records = {r.path: r for r in catalog.records()}
        rows = catalog.db.execute("SELECT path, problem FROM skipped")
        skipped = {path: json.loads(problem)["code"] for path, problem in rows}
        texts = "\n".join(t for r in records.values() for t in catalog.page_texts(r))

    # every regular file has exactly one row (paths are UNIQUE), with the outcome expected of it
    for rel, want in expected.files.items():
        assert rel in records, f"{rel!r} has no catalog row"
        record = records[rel]
        codes = {p.code for p in record.all_problems}
        if want == "ok":
            assert record.status == "ok", (rel, record.status, codes)
        elif want == "problem":
            assert record.status == "problem", (rel, record.status)
        elif want:
            assert codes & set(want.split("|")), (rel, codes)
    assert set(records) <= set(expected.files), set(records) - set(expected.files)

    # specials and links are reported, not read; the over-long folder is reported where it starts
    for rel, code in expected.skipped.items():
        if rel.startswith(b"PREFIX:"):
            prefix = rel[len(b"PREFIX:") :]
            assert any(p.startswith(prefix) and c == code for p, c in skipped.items()), skipped
        else:
            assert skipped.get(rel) == code, (rel, skipped.get(rel))

    # nothing outside the tree was opened or read
    assert opened_log.read_text(encoding="utf-8", errors="replace") == "", "a file outside the tree was opened"
    assert canary_text not in texts
    assert os.stat(expected.canary).st_mtime_ns == canary_before.st_mtime_ns

    assert _snapshot(root) == before, "the evidence tree must not change"


def test_odd_names_are_printed_searched_and_reported(hostile):
    root, _ = hostile
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(root), "-q"], catch_exceptions=False).exit_code == 0
    found = runner.invoke(cli, ["search", "--repo", str(root), "--json", "gratifikasi"], catch_exceptions=False)
    paths = {hit["path"] for hit in json.loads(found.output)["hits"]}
    assert "nama/bukan-utf8-\\xff\\xfe.pdf" in paths
    assert "nama/baris\\u000abaru.pdf" in paths and "nama/rtl-\\u202egnp.pdf" in paths
    assert "nama/emoji-\U0001f4c4.pdf" in paths and "nama/-awalan-minus.pdf" in paths
    assert len(paths) == 7 and all("\n" not in p for p in paths)
    text = runner.invoke(cli, ["search", "--repo", str(root), "gratifikasi", "--limit", "20"], catch_exceptions=False)
    assert "bukan-utf8-\\xff\\xfe.pdf" in text.output
    status = runner.invoke(cli, ["status", "--repo", str(root)], catch_exceptions=False)
    assert status.exit_code == 0 and "jarang.pdf" in status.output and "pipa.pdf" in status.output
    assert "\u202e" not in status.output, "a bidi mark must never reach the terminal raw"
