"""A no-change ``index`` answered without loading a plugin: the last settled run's record, and its proof.

A full run that left nothing pending (rows parsed with the current parser set, mapped with the current
rule set, kinds detected, the search index agreeing) writes down what that outcome depended on: the code
and data files of the plugins and of the core it loaded, the folders Python imports from (installing or
removing a package changes them), the paths and environment variables plugins name (``external_inputs``),
the configuration and the index files, and the catalog's generation. A later run in which none of these
moved and the walk finds every file as catalogued would change nothing, so the command says so at once.
Any doubt (no record, a damaged one, anything moved) means a full run, which writes a new record.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zi_evidence import __version__
from zi_evidence.config import RepoConfig, file_stamp, walk_exclusions
from zi_evidence.index.freshness import AGREED_KEY, KINDS_KEY, MAPPING_KEY, PARSERS_KEY
from zi_evidence.index.summary import IndexSummary
from zi_evidence.state import CATALOG_NAME, INDEX_DIR

if TYPE_CHECKING:
    from zi_evidence.repository import Repository
    from zi_evidence.state.catalog import Catalog

RECORD_NAME = "settled.json"
FORMAT = 1
CATALOG_KEYS = (PARSERS_KEY, MAPPING_KEY, KINDS_KEY, AGREED_KEY)
OWN_VARIABLES = "ZI_EVIDENCE_"  # every variable of ours can change what loads or how


def record(repo: Repository, catalog: Catalog, summary: IndexSummary, excluded: frozenset[str]) -> None:
    """After a full run with nothing pending, keep what its answer depended on (or nothing, when unsure)."""
    host = repo.host
    if summary.notes or not host.loaded_as_installed():
        return
    generation = catalog.generation()
    kept = {key: catalog.get_meta(key) for key in CATALOG_KEYS}
    if generation is None or not all(kept.values()):
        return
    inputs = host.external_inputs()
    if not host.loaded_as_installed():  # the hook itself failed: what it would have named is unknown
        return
    paths = set(inputs.paths) | {str(path) for _, path in host.ruleset_files()} | _module_files(host.plugin_modules())
    value = {
        "format": FORMAT,
        "environment": _environment(sorted(paths), sorted(set(inputs.variables))),
        "config": _stamp(str(repo.config.config_path)),
        "index": _tree(repo.state_dir / INDEX_DIR),
        "excluded": sorted(excluded),
        "expensive": sorted(repo.expensive_parsers()),
        "catalog": {"generation": generation, **kept},
        "counts": [summary.problems, summary.pages],
    }
    _write(repo.state_dir / RECORD_NAME, value)


def reuse(config: RepoConfig, without_expensive: bool) -> IndexSummary | None:
    """The summary of a run that would change nothing, or None when that cannot be proven cheaply."""
    started = time.monotonic()
    try:
        saved = json.loads((config.state_dir / RECORD_NAME).read_text(encoding="utf-8"))
        if not isinstance(saved, dict) or saved.get("format") != FORMAT:
            return None
        environment = saved["environment"]
        wanted = saved["expensive"] if without_expensive else []
        if (
            _environment(environment["paths"], environment["declared"]) != environment
            or _stamp(str(config.config_path)) != saved["config"]
            or _tree(config.state_dir / INDEX_DIR) != saved["index"]
            or saved["excluded"] != wanted
        ):
            return None
        return _unchanged(config, saved, started)
    except (OSError, ValueError, KeyError, TypeError):  # unreadable, damaged or foreign: a full run decides
        return None


def _unchanged(config: RepoConfig, saved: dict[str, Any], started: float) -> IndexSummary | None:
    """Compare the catalog with the record and the tree with the catalog, as a full run would."""
    import sqlite3

    from zi_evidence.state.catalog import Catalog
    from zi_evidence.tree.names import display
    from zi_evidence.tree.scan import observe, refuse_shared_hardlinks

    root = os.fsencode(config.root)
    if not (config.state_dir / CATALOG_NAME).is_file():
        return None  # opening it would create an empty one, outside the writer's lock
    try:
        with Catalog(config.state_dir / CATALOG_NAME) as catalog:
            expected = saved["catalog"]
            if _catalog_keys(catalog) != expected:
                return None
            stamps = catalog.stat_keys()
            seen = refuse_shared_hardlinks(observe(root, walk_exclusions(config)))
            if len(seen.files) != len(stamps) or not all(
                (stamp := stamps.get(entry.rel)) is not None and stamp.unchanged(entry) for entry in seen.files
            ):
                return None
            skipped = sorted(((display(entry.rel), entry.problem) for entry in seen.skipped), key=lambda e: e[0])
            if skipped != [(shown, problem) for shown, problem in catalog.skipped()]:
                return None
            if _catalog_keys(catalog) != expected:  # a writer committed while we looked
                return None
    except sqlite3.Error:
        return None
    problems, pages = saved["counts"]
    seconds = time.monotonic() - started
    return IndexSummary(
        unchanged=len(seen.files), pages=pages, problems=problems, skipped=len(seen.skipped), seconds=seconds
    )


def _catalog_keys(catalog: Catalog) -> dict[str, Any]:
    return {"generation": catalog.generation(), **{key: catalog.get_meta(key) for key in CATALOG_KEYS}}


def _environment(paths: list[str], declared: list[str]) -> dict[str, Any]:
    """Python, the folders it imports from and the named paths as stat sees them, and the variables' values."""
    names = sorted(set(declared) | {name for name in os.environ if name.startswith(OWN_VARIABLES)})
    return {
        "version": __version__,
        "python": sys.version,
        "sys_path": [[folder, _stamp(folder or ".")] for folder in sys.path],
        "paths": {path: _stamp(path) for path in paths},
        "declared": declared,
        "variables": {name: os.environ.get(name) for name in names},
    }


def _module_files(tops: list[str]) -> set[str]:
    """The files of every module loaded so far from the plugins' packages and from the core."""
    wanted = (*tops, "zi_evidence")
    found = set()
    for name, module in list(sys.modules.items()):
        if name.split(".", 1)[0] in wanted:
            path = getattr(module, "__file__", None)
            if path:
                found.add(str(path))
    return found


def _stamp(path: str) -> list[int] | None:
    stamp = file_stamp(path)
    return list(stamp) if stamp else None  # as JSON gives it back


def _tree(folder: Path) -> list[list[Any]]:
    """Every file and folder below ``folder`` with its stamp: an engine writes no file without moving one."""
    found: list[list[Any]] = []
    for base, folders, files in os.walk(folder):
        folders.sort()
        for name in (*folders, *sorted(files)):
            path = os.path.join(base, name)
            found.append([os.path.relpath(path, folder), _stamp(path)])
    return found


def _write(path: Path, value: dict[str, Any]) -> None:
    """Replace the record at once; a record that cannot be written only costs the next run its shortcut."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    try:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return
        partial = path.with_name(path.name + ".baru")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        try:
            path.unlink(missing_ok=True)  # an old record must not outlive the run that could not replace it
        except OSError:
            pass
