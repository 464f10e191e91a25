"""Reading rule-set files: YAML, schema, ``extends`` resolution, then the model.

A rule set that extends another is checked twice: its own file against the schema (so faults point
into that file), then the merged result, which must be as complete as a stand-alone rule set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zi_evidence import usercache as cache
from zi_evidence.bounded import MAX_RULESET_BYTES, decode_utf8, load_yaml_text, read_bounded
from zi_evidence.errors import InputBoundError, RulesetError, RulesetValidationError

if TYPE_CHECKING:
    from zi_evidence.rulesets.model import Ruleset


@dataclass(frozen=True)
class RawDocument:
    """A parsed but unchecked rule-set file."""

    data: dict[str, Any]
    source: Path
    digest: str = ""  # of the file's bytes (and parser version): names this content, e.g. in a fingerprint


#: Finds a parent rule set by id: its raw document (with or without its path), or None when unknown.
Resolver = Callable[[str], "RawDocument | Mapping[str, Any] | None"]


def read_document(path: Path) -> RawDocument:
    """Parse one YAML file; syntax errors name the file and line. A parse of the same bytes is reused."""
    path = Path(path)
    content, key = _read(path)
    return _document(path, content, key)


def document_id(path: Path) -> tuple[Any, str]:
    """The ``id:`` of one rule-set file and its content digest (``RawDocument.digest``), from a small cache
    entry of its own: a run that needs no rule set then decodes none of the files' parses."""
    path = Path(path)
    content, key = _read(path)
    found = cache.load("yaml-id", key)
    if isinstance(found, dict) and "id" in found:
        return found["id"], key
    ruleset_id = _document(path, content, key).data.get("id")
    cache.store("yaml-id", key, {"id": ruleset_id})
    return ruleset_id, key


def _read(path: Path) -> tuple[bytes, str]:
    try:
        content = read_bounded(path, MAX_RULESET_BYTES)
    except OSError as exc:
        raise RulesetError(
            f"Berkas rule set tidak dapat dibaca: {path} ({exc}). Periksa jalur dan izin berkas."
        ) from exc
    except InputBoundError as exc:
        raise RulesetError(str(exc)) from None
    return content, cache.digest("yaml", content, cache.library_version("PyYAML"), cache.tool_version())


def _document(path: Path, content: bytes, key: str) -> RawDocument:
    cached = cache.load("yaml", key)
    if isinstance(cached, dict):  # these very bytes decoded and parsed before
        return RawDocument(cached, path, key)
    try:
        text = decode_utf8(content, str(path))  # what read_text() gave: decoded, with universal newlines
    except InputBoundError as exc:
        raise RulesetError(str(exc)) from None
    data = _parse_yaml(text, path)
    if not isinstance(data, dict):
        raise RulesetValidationError(path, [("$", "isi berkas harus berupa pemetaan (id:, name:, areas: ...)")])
    cache.store("yaml", key, data)
    return RawDocument(data, path, key)


def _parse_yaml(text: str, path: Path) -> Any:
    import yaml  # only on a cache miss: most runs never need the parser

    try:
        # libyaml's loader, where PyYAML was built with it, reads a 110-question rule set ~10x faster
        return load_yaml_text(text, str(path))
    except InputBoundError as exc:
        raise RulesetError(str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" baris {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        raise RulesetError(
            f"Berkas rule set bukan YAML yang sah: {path}{where}: {exc.problem or exc}. "
            "Periksa indentasi, tanda titik dua dan tanda kutip di sekitar baris tersebut."
        ) from exc
    except yaml.YAMLError as exc:
        raise RulesetError(f"Berkas rule set bukan YAML yang sah: {path}: {exc}") from exc


def _sibling_resolver(directory: Path) -> Resolver:
    def resolve(ruleset_id: str) -> RawDocument | None:
        for suffix in (".yaml", ".yml"):
            candidate = directory / f"{ruleset_id}{suffix}"
            if candidate.is_file():
                return read_document(candidate)
        return None

    return resolve


def _as_raw(found: RawDocument | Mapping[str, Any], ruleset_id: str) -> RawDocument:
    if isinstance(found, RawDocument):
        return found
    return RawDocument(dict(found), Path(f"<rule set {ruleset_id}>"))


def _load(raw: RawDocument, resolve: Resolver, chain: tuple[str, ...]) -> tuple[Ruleset, dict[str, Any]]:
    # the model and its checks load here, when a rule set is built: reading files to learn ids needs neither
    from zi_evidence.rulesets import derive
    from zi_evidence.rulesets.build import build
    from zi_evidence.rulesets.problems import Problems
    from zi_evidence.rulesets.validate import checked_problems

    problems = checked_problems(raw.data)
    if problems:
        raise RulesetValidationError(raw.source, problems)
    doc, own_id = raw.data, raw.data["id"]
    if own_id in chain:
        cycle = " → ".join((*chain, own_id))
        raise RulesetError(f"extends melingkar: {cycle} (di {raw.source}). Hapus salah satu extends.")
    lineage: tuple[str, ...] = (own_id,)
    sources: tuple[Path, ...] = (raw.source,)
    derived: derive.Derived = {}
    if "extends" in doc:
        parent_id = doc["extends"]
        found = resolve(parent_id)
        if found is None:
            raise RulesetError(
                f"Rule set induk '{parent_id}' (extends di {raw.source}) tidak ditemukan. Pasang plugin yang "
                f"menyediakannya dan muat lewat RulesetRegistry, atau letakkan {parent_id}.yaml di folder yang sama."
            )
        parent, parent_doc = _load(_as_raw(found, parent_id), resolve, (*chain, own_id))
        merged = derive.merge(parent_doc, doc)
        if doc.get("derive", {}).get("rescale_to_area_weights"):
            derived = derive.rescale(parent_doc, doc, merged, lambda d: str(d.get("id")))
        context = f" (hasil gabungan dengan induk '{parent_id}' dari {parent.source})"
        problems = checked_problems(merged)
        if problems:
            raise RulesetValidationError(raw.source, problems, context)
        doc, lineage, sources = merged, (own_id, *parent.lineage), (raw.source, *parent.sources)
    else:
        context = ""
    try:
        ruleset = build(doc, raw.source, lineage=lineage, sources=sources, derived=derived)
    except Problems as found_problems:
        raise RulesetValidationError(raw.source, found_problems.items, context) from None
    return ruleset, doc


def load_document(raw: RawDocument, resolve: Resolver | None = None) -> Ruleset:
    """Build a rule set from an already parsed document (the registry's entry point)."""
    return _load(raw, resolve or _sibling_resolver(raw.source.parent), ())[0]


def load_ruleset_file(path: Path | str, resolve: Resolver | None = None) -> Ruleset:
    """Load, validate and build one rule-set file.

    ``resolve(id)`` supplies the parent named by ``extends``; without it the parent is looked for as
    ``<id>.yaml`` next to the file. Every fault raises :class:`~zi_evidence.errors.RulesetError`.
    """
    return load_document(read_document(Path(path)), resolve)
