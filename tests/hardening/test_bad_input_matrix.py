"""Every command against bad input, as a careless or hostile user would give it (issue 18's table, extended).

Each row gets an exit code among the documented ones (0 done, 1 refused with a message, 2 usage error)
and never a traceback. All rows run in one child process under a 1 GB address-space limit, so an input
that were expanded into memory (a YAML or zip bomb) fails its row instead of eating the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEMORY_MB = 1024
RUNNER = """
import json, resource, sys, traceback
limit = int(sys.argv[1]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from click.testing import CliRunner
from zi_evidence.cli import cli
results = []
for args in json.loads(sys.stdin.read()):
    result = CliRunner().invoke(cli, args)
    crash = result.exception is not None and not isinstance(result.exception, SystemExit)
    results.append({
        "exit": result.exit_code,
        "output": result.output,
        "traceback": "".join(traceback.format_exception(result.exception)) if crash else "",
    })
print(json.dumps(results))
"""

FOLDER = "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja"


def laughs(levels: int = 9) -> str:
    """The 'billion laughs': ~1 KB of YAML that expands to 9**9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        prev, name = chr(96 + n), chr(97 + n)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def _zip_bomb(path: Path, member: str, megabytes: int = 600) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as handle:
            block = b" " * (1 << 20)
            for _ in range(megabytes):
                handle.write(block)
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory, new_repo, fabricate, indexed_repo):
    base = tmp_path_factory.mktemp("matrix")
    good = new_repo(base / "baik")
    fabricate.make_pdf(good / FOLDER / "1.i.a SK Tim.pdf", ["SK Tim Kerja zona integritas 2026"])
    indexed_repo(good)
    bundle = base / "bundel.zip"
    from zi_evidence.bundle import BundleOptions, build_bundle
    from zi_evidence.repository import Repository

    build_bundle(Repository.open(good), bundle, BundleOptions(types=("pdf",)))

    def variant(name: str, config: str | bytes | None = None, answers: str | bytes | None = None) -> Path:
        root = base / name
        shutil.copytree(good, root, symlinks=True)
        for file, content in (("zi-evidence.yaml", config), ("jawaban-lke.yaml", answers)):
            if content is not None:
                data = content.encode() if isinstance(content, str) else content
                (root / file).write_bytes(data)
        return root

    blocker = base / "berkas-biasa"
    blocker.write_text("bukan folder")
    not_zip = base / "bukan.zip"
    not_zip.write_bytes(b"PK\x03\x04 ini bukan zip")
    empty_zip = base / "kosong.zip"
    empty_zip.write_bytes(b"")
    bomb_manifest = base / "bom-manifes.zip"
    with zipfile.ZipFile(bomb_manifest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("manifest.json", "w", force_zip64=True) as handle:
            handle.write(b'{"files": "')
            for _ in range(600):
                handle.write(b" " * (1 << 20))
            handle.write(b'"}')
    fake_xlsx = base / "lke.xlsx"
    fake_xlsx.write_bytes(os.urandom(4096))
    return {
        "base": base,
        "good": good,
        "bundle": bundle,
        "laughs_config": variant("bom-konfigurasi", config=laughs()),
        "laughs_answers": variant("bom-jawaban", answers=laughs()),
        "deep_config": variant("dalam", config="unit: " + "[" * 5000 + "]" * 5000 + "\n"),
        "big_config": variant("besar", config="# " + "x" * (5 << 20) + "\n"),
        "latin1_config": variant("latin1", config="unit:\n  name: Kantor \xe9\n".encode("latin-1")),
        "list_config": variant("daftar", config="- satu\n- dua\n"),
        "empty_config": variant("kosong", config=""),
        "latin1_answers": variant("jawaban-latin1", answers=b"jawaban:\n  A.I.1.i.a: \xe9\n"),
        "binary_answers": variant("jawaban-biner", answers=os.urandom(2048)),
        "blocker": blocker,
        "not_zip": not_zip,
        "empty_zip": empty_zip,
        "bomb_manifest": bomb_manifest,
        "bomb_xlsx": _zip_bomb(base / "bom.xlsx", "xl/worksheets/sheet1.xml"),
        "fake_xlsx": fake_xlsx,
    }


def rows(w: dict) -> list[tuple[str, list, set[int], tuple[str, ...]]]:
    """(name, arguments, allowed exit codes, text the output must hold)."""
    g, b, out = w["good"], w["base"], w["base"] / "keluaran"
    laughs_c, laughs_a = w["laughs_config"], w["laughs_answers"]
    refused_config = ("zi-evidence.yaml", "alias")
    table = [
        *[
            (f"billion laughs in config: {name}", args, {1}, refused_config)
            for name, args in [
                ("status", ["status", "-C", laughs_c]),
                ("check", ["check", "-C", laughs_c, "-q"]),
                ("report", ["report", "-C", laughs_c, "-q", "-o", out / "a.html"]),
                ("bundle", ["bundle", laughs_c, "-q", "-o", out / "a.zip"]),
                ("index", ["index", laughs_c, "-q"]),
                ("files", ["files", laughs_c]),
                ("search", ["search", "-C", laughs_c, "tim"]),
                ("answers check", ["answers", "check", "-C", laughs_c]),
            ]
        ],
        # a rollup goes on past a unit it cannot read: that unit's row says why
        ("billion laughs in config: rollup", ["rollup", laughs_c, "-q"], {0}, refused_config),
        ("billion laughs in answers: answers check", ["answers", "check", "-C", laughs_a], {1}, ("alias",)),
        ("billion laughs in answers: check", ["check", "-C", laughs_a, "-q"], {1}, ("jawaban-lke.yaml",)),
        ("billion laughs in answers: report", ["report", "-C", laughs_a, "-q", "-o", out / "b.html"], {0}, ()),
        ("billion laughs in answers: export", ["answers", "export", "-C", laughs_a, "-o", out / "b.xlsx"], {1}, ()),
        ("config nested 5,000 deep", ["status", "-C", w["deep_config"]], {1}, ("zi-evidence.yaml",)),
        ("config over 4 MB", ["status", "-C", w["big_config"]], {1}, ("terlalu besar",)),
        ("config not UTF-8", ["status", "-C", w["latin1_config"]], {1}, ("UTF-8",)),
        ("config a list", ["status", "-C", w["list_config"]], {1}, ("zi-evidence.yaml",)),
        ("config empty", ["status", "-C", w["empty_config"]], {1}, ("zi-evidence.yaml",)),
        ("answers not UTF-8", ["answers", "check", "-C", w["latin1_answers"]], {1}, ("UTF-8",)),
        ("answers binary", ["answers", "check", "-C", w["binary_answers"]], {1}, ("jawaban-lke.yaml",)),
        ("query of 100,000 characters", ["search", "-C", g, "kata " * 20_000], {1}, ("terlalu panjang",)),
        ("query of 40 terms", ["search", "-C", g, " ".join(f"k{i}" for i in range(40))], {1}, ("batas 32",)),
        ("query of wildcards", ["search", "-C", g, "*a*b*c*d*e*f*"], {0, 1}, ()),
        ("query with an open quote", ["search", "-C", g, '"tim kerja'], {0, 1}, ()),
        ("query empty", ["search", "-C", g, ""], {0, 1, 2}, ()),
        ("bundle verify: not a zip", ["bundle", "verify", w["not_zip"]], {1}, ("zip",)),
        ("bundle verify: empty file", ["bundle", "verify", w["empty_zip"]], {1}, ()),
        ("bundle verify: a folder", ["bundle", "verify", b], {1, 2}, ()),
        ("bundle verify: missing", ["bundle", "verify", b / "tidak-ada.zip"], {1, 2}, ()),
        ("bundle verify: manifest bomb", ["bundle", "verify", w["bomb_manifest"]], {1}, ("manifest.json",)),
        ("bundle diff: manifest bomb", ["bundle", "diff", w["bundle"], w["bomb_manifest"]], {1}, ()),
        ("bundle verify: good", ["bundle", "verify", w["bundle"]], {0}, ()),
        ("rollup of a missing folder", ["rollup", "/tidak/ada/sama/sekali", "-q"], {1}, ("Bukan folder repositori",)),
        ("rollup of a folder that is no repository", ["rollup", b, "-q"], {1}, ("zi-evidence.yaml",)),
        ("init under a regular file", ["init", w["blocker"] / "unit", "--unit", "X"], {1}, ("bukan folder",)),
        ("report under a regular file", ["report", "-C", g, "-q", "-o", w["blocker"] / "r.html"], {1}, ("sudah ada",)),
        ("bundle under a regular file", ["bundle", g, "-q", "-o", w["blocker"] / "b.zip"], {1}, ("sudah ada",)),
        ("report into the tree", ["report", "-C", g, "-q", "-o", g / FOLDER / "r.html"], {1}, ("folder lain",)),
        ("report into the state folder", ["report", "-C", g, "-q", "-o", g / ".zi-evidence" / "r.html"], {1}, ()),
        ("report to a folder", ["report", "-C", g, "-q", "-o", b], {1, 2}, ()),
        ("report in an unknown format", ["report", "-C", g, "-q", "-o", out / "r.pdf"], {1}, ("--format",)),
        ("state folder in a question folder", ["index", g, "-q", "--state-dir", g / FOLDER / "st"], {1}, ()),
        ("state folder at the root", ["index", g, "-q", "--state-dir", g], {1}, ("tempat bawaannya",)),
        ("answers import: random bytes", ["answers", "import", w["fake_xlsx"], "-C", g, "-o", out / "j.yaml"], {1}, ()),
        ("answers import: zip bomb", ["answers", "import", w["bomb_xlsx"], "-C", g, "-o", out / "k.yaml"], {1}, ()),
        ("index of a missing folder", ["index", b / "tidak-ada", "-q"], {1, 2}, ()),
        ("status outside any repository", ["status", "-C", b], {1}, ("zi-evidence.yaml",)),
        ("files with an unknown area", ["files", g, "--area", "9"], {0, 1, 2}, ()),
        ("rulesets show unknown", ["rulesets", "show", "tidak-ada"], {1}, ()),
        ("audit verify without a review database", ["audit", "verify", "-C", g], {0, 1}, ()),
        ("review status of an unknown question", ["review", "status", "Z.9.9", "-C", g], {0, 1, 2}, ()),
        ("users list without a review database", ["users", "list", "-C", g], {0, 1}, ()),
        ("today not a date", ["check", "-C", g, "--today", "kemarin"], {2}, ()),
    ]
    return [(name, [str(a) for a in args], codes, needles) for name, args, codes, needles in table]


def test_every_command_with_bad_input_ends_with_a_documented_exit_code_and_no_traceback(world):
    table = rows(world)
    (world["base"] / "keluaran").mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(MEMORY_MB)],
        input=json.dumps([args for _, args, _, _ in table]),
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    failures = []
    for (name, _, codes, needles), result in zip(table, results, strict=True):
        output = result["output"]
        if result["traceback"] or "Traceback" in output:
            failures.append(f"{name}: traceback\n{result['traceback'] or output}")
        elif result["exit"] not in codes:
            failures.append(f"{name}: exit {result['exit']} not in {sorted(codes)}\n{output[-600:]}")
        elif any(n not in output for n in needles):
            failures.append(f"{name}: output lacks {needles}\n{output[-600:]}")
    assert not failures, "\n\n".join(failures)
    # nothing of it changed the good repository's tree, nor wrote into it
    assert not list((world["good"] / FOLDER).glob("r.*"))
