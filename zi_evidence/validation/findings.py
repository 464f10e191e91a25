"""Findings about the evidence: what validator plugins report, and which answers the evidence supports.

The core builds one ``EvidenceContext`` from the catalog (the rule set, the year and target, every
catalogued file as plain data with its kinds and detected date, and the text of each file) and hands
it to the ``evidence_findings`` hook of every plugin. It knows no validator and no ministry; the
built-in checks live in the ``zi_evidence_checks`` plugin.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from zi_evidence.dates import DocumentDate, outside_date, text_date
from zi_evidence.parsing import LINK_TARGET
from zi_evidence.problems import SEVERITIES, Problem

SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}  # error 0, warning 1, info 2
#: Question-level finding codes that make an answer "unsupported" when their severity is error.
BLOCKING_CODES = frozenset({"no_evidence", "no_usable_evidence", "missing_kind"})
READABLE_STATUSES = frozenset({"ok", "unsupported"})  # unsupported: not read by us, but a person can open it


@dataclass(frozen=True)
class Finding:
    """One thing a ZI team should know or fix. ``message`` and ``hint`` are for civil servants (Bahasa Indonesia).

    ``question``: the LKE question/indicator/hasil id it concerns, if any; ``path``: the file's display path.
    ``source``: the plugin that reported it (filled in by ``PluginHost.findings``); ``page``: 1-based page
    of the file it concerns, when it concerns one page.
    """

    code: str
    severity: str
    message: str
    hint: str = ""
    question: str | None = None
    path: str | None = None
    source: str = ""
    page: int | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"severity must be one of {', '.join(SEVERITIES)}, not {self.severity!r}")


@dataclass(frozen=True)
class EvidenceFile:
    """A catalogued file as a validator sees it (no SQL, no bytes)."""

    id: int
    path: str
    size: int
    sha256: str
    mime: str
    status: str  # ok | problem | unsupported | pending
    problems: tuple[Problem, ...]
    target_id: str | None
    mapping_status: str  # question | indicator | unmapped | ambiguous
    mapping_reason: str
    kinds: tuple[str, ...] = ()
    page_count: int = 0
    metadata: Mapping[str, str] = field(default_factory=dict)
    folder_year: str = ""
    date: DocumentDate | None = None
    text_chars: int = 0
    parser: str = ""  # with the hash, what the extracted text depends on
    parser_version: str = ""

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def readable(self) -> bool:
        """The file can be opened and looked at: read by a parser (or a kind we keep unread), no error problem."""
        if self.status not in READABLE_STATUSES or self.size == 0:
            return False
        return not any(p.severity == "error" for p in self.problems)

    @property
    def is_pointer(self) -> bool:
        """A shortcut to a document kept elsewhere: it can be opened, but it proves nothing by itself."""
        return bool(self.metadata.get(LINK_TARGET))

    def has_problem(self, code: str) -> bool:
        return any(p.code == code for p in self.problems)


@dataclass(frozen=True)
class Target:
    """Something evidence is filed for: an LKE question or a hasil component, with its typical evidence."""

    id: str
    label: str
    indicator_id: str | None
    evidence: tuple[Any, ...]  # rulesets.model.EvidenceExpectation
    hasil: bool = False


@dataclass(frozen=True)
class EvidenceContext:
    """Everything a validator plugin may look at; plain, read-only data."""

    ruleset: Any
    year: int
    target: str  # the predicate aimed at: WBK or WBBM
    files: tuple[EvidenceFile, ...]
    targets: tuple[Target, ...]
    kind_labels: Mapping[str, str]
    as_of: date
    skipped: tuple[tuple[str, Problem], ...] = ()
    texts: Mapping[int, str] = field(default_factory=dict, repr=False)
    page_starts: Mapping[int, tuple[int, ...]] = field(default_factory=dict, repr=False)  # offsets in ``text``
    _order: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # built once (the dataclass stays frozen for callers); an indicator sorts just before its questions
        for target in self.targets:
            if target.indicator_id and target.indicator_id not in self._order:
                self._order[target.indicator_id] = len(self._order)
            self._order.setdefault(target.id, len(self._order))

    def text(self, file: EvidenceFile) -> str:
        """The extracted text of a file, pages joined; empty when it has none."""
        return self.texts.get(file.id, "")

    def page_at(self, file: EvidenceFile, offset: int) -> int:
        """The 1-based page of ``file`` holding character ``offset`` of its ``text`` (1 when pages are unknown)."""
        from bisect import bisect_right

        return max(1, bisect_right(self.page_starts.get(file.id, (0,)), offset))

    def files_for(self, target_id: str) -> tuple[EvidenceFile, ...]:
        return tuple(f for f in self.files if f.target_id == target_id)

    def kind_label(self, kind: str) -> str:
        return self.kind_labels.get(kind, kind.replace("_", " "))

    def in_period(self, file: EvidenceFile) -> bool:
        """Dated in the assessment year, or of unknown date (given the benefit of the doubt)."""
        return file.date is None or file.date.year == self.year

    def usable(self, file: EvidenceFile) -> bool:
        return file.readable and not file.is_pointer and self.in_period(file)

    def order(self, target_id: str | None) -> int:
        """Position in LKE order, for sorting; unknown ids last."""
        return self._order.get(target_id or "", len(self._order))


def ruleset_targets(ruleset: Any) -> tuple[Target, ...]:
    """Every question, then every hasil component, in LKE order."""
    targets = [Target(q.id, q.label, q.indicator_id, tuple(q.evidence)) for q in ruleset.questions]
    for group in ruleset.hasil:
        targets.extend(Target(c.id, c.name, group.id, tuple(c.evidence), hasil=True) for c in group.components)
    return tuple(targets)


def build_context(repo: Any, as_of: date | None = None) -> EvidenceContext:
    """Read the catalog of an indexed repository into an ``EvidenceContext``.

    ``as_of`` is "today" for periodic checks (reports not yet due are not missing); tests fix it.
    What each file's date and size of text need from its text is kept in the result cache per
    content, so only new or changed texts are read here; the others when a check asks for them.
    """
    from zi_evidence.state.results import results_cache
    from zi_evidence.validation.texts import CatalogTexts, PageStarts, extract_key

    with repo.catalog() as catalog:
        records = catalog.records()
        skipped = tuple(catalog.skipped())
        texts = CatalogTexts(records, repo.catalog)
        with results_cache(results_path(repo)) as cache:
            version = _facts_version()
            known = _decoded_facts(cache.load(FACTS_NAME, version))
            missing = {r.id: key for r in records if (key := extract_key(r)) and key not in known}
            texts.prefetch(catalog, missing)
            new = {key: _facts(texts[file_id]) for file_id, key in missing.items()}
            cache.update(FACTS_NAME, version, {k: json.dumps(v) for k, v in new.items()}, set(known) | set(new))
    known |= new
    files = [_evidence_file(record, known.get(extract_key(record) or ("", "", ""), _NO_TEXT)) for record in records]
    labels = {name: getattr(cls, "label", name) for name, cls in repo.kind_detectors.items()}
    return EvidenceContext(
        ruleset=repo.ruleset,
        year=int(repo.config.year),
        target=repo.config.target,
        files=tuple(files),
        targets=ruleset_targets(repo.ruleset),
        kind_labels=labels,
        as_of=as_of or date.today(),
        skipped=skipped,
        texts=texts,
        page_starts=PageStarts(texts),
    )


#: The result cache's name for what the core itself keeps per text (its version: ``_facts_version``).
FACTS_NAME = "zi_evidence.text"
_NO_TEXT: dict[str, Any] = {"chars": 0, "date": None}


def _facts_version() -> str:
    """A digest of the code that derives the facts: any edit of it reads every text again."""
    import hashlib

    from zi_evidence import dates

    digest = hashlib.sha256()
    for module in (dates.__file__, __file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def _facts(text: str) -> dict[str, Any]:
    """What the build needs of a text, as JSON: its size without blanks and the date it gives."""
    found = text_date(text)
    shown = None if found is None else [found.year, found.value and found.value.isoformat(), found.source, found.text]
    return {"chars": len(text.strip()), "date": shown}


def _decoded_facts(stored: Mapping[Any, str]) -> dict[Any, dict[str, Any]]:
    result = {}
    for key, encoded in stored.items():
        try:
            facts = json.loads(encoded)
            if isinstance(facts, dict) and isinstance(facts.get("chars"), int):
                result[key] = facts
        except ValueError:  # a damaged row: read again
            continue
    return result


def _date_of(facts: Mapping[str, Any]) -> DocumentDate | None:
    shown = facts.get("date")
    if not shown:
        return None
    year, value, source, text = shown
    return DocumentDate(int(year), date.fromisoformat(value) if value else None, source, text)


def _evidence_file(record: Any, facts: Mapping[str, Any]) -> EvidenceFile:
    readable = record.status in READABLE_STATUSES
    metadata = dict(record.metadata)
    return EvidenceFile(
        id=record.id,
        path=record.display,
        size=record.size,
        sha256=record.sha256,
        mime=record.mime,
        status=record.status,
        problems=tuple(record.all_problems),
        target_id=record.target_id,
        mapping_status=record.mapping_status,
        mapping_reason=record.mapping_reason,
        kinds=tuple(record.kinds),
        page_count=record.page_count,
        metadata=metadata,
        folder_year=record.year,
        date=(_date_of(facts) or outside_date(metadata, record.year)) if readable else None,
        text_chars=int(facts["chars"]),
        parser=record.parser or "",
        parser_version=record.parser_version or "",
    )


def run_checks(host: Any, context: EvidenceContext, cache: Path | None = None) -> list[Finding]:
    """Call every plugin's checks; a plugin that fails becomes a finding, never a crash.

    ``cache``: the result cache of the file checks (``results_path(repo)``); None computes every scan.
    """
    return sort_findings(set(host.findings(context, cache)), context)


def results_path(repo: Any) -> Path:
    """Where a repository keeps its file checks' results: its state folder, never the evidence tree."""
    from zi_evidence.state.results import RESULTS_NAME

    return Path(repo.state_dir) / RESULTS_NAME


def plugin_failure(name: str, detail: str) -> Finding:
    return Finding(
        "plugin_error",
        "warning",
        f"Pemeriksaan dari plugin '{name}' gagal dijalankan ({detail}); hasil pemeriksaannya tidak ditampilkan.",
        f"Periksa 'zi-evidence plugins', perbarui plugin tersebut, atau nonaktifkan dengan "
        f"ZI_EVIDENCE_DISABLE_PLUGINS={name}.",
        source=name,
    )


def sort_findings(findings: Iterable[Finding], context: EvidenceContext) -> list[Finding]:
    """LKE order of the question, then errors first, then by file and code: the same input, the same list."""

    def key(f: Finding) -> tuple[Any, ...]:
        return (context.order(f.question), f.question or "", SEVERITY_RANK[f.severity], f.path or "", f.code, f.message)

    return sorted(findings, key=key)


def collect_findings(repo: Any, as_of: date | None = None) -> list[Finding]:
    """All findings about an indexed repository, in a deterministic order."""
    return run_checks(repo.host, build_context(repo, as_of), results_path(repo))


@dataclass(frozen=True)
class QuestionSupport:
    """Whether the evidence backs an answer to one question (or hasil component), and why not."""

    question: str
    usable_files: tuple[str, ...]
    blocking: tuple[Finding, ...]

    @property
    def supported(self) -> bool:
        return bool(self.usable_files) and not self.blocking

    def reasons(self) -> tuple[str, ...]:
        """Why the answer is unsupported, in Bahasa Indonesia (empty when supported)."""
        if self.supported:
            return ()
        found = tuple(f.message for f in self.blocking)
        if not self.usable_files and not found:
            found = ("Tidak ada berkas data dukung yang dapat dibaca dan bertanggal pada tahun penilaian.",)
        return found


def evidence_support(findings: Iterable[Finding], context: EvidenceContext) -> dict[str, QuestionSupport]:
    """Per question and hasil component: supported = at least one usable file filed for it directly (readable,
    not dated outside the assessment year) and no error-severity finding of a ``BLOCKING_CODES`` code on it.

    Files mapped only to the indicator do not count: the reviewer cannot tell which answer they prove.
    """
    blocking: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.question and finding.severity == "error" and finding.code in BLOCKING_CODES:
            blocking.setdefault(finding.question, []).append(finding)
    result = {}
    for target in context.targets:
        usable = tuple(f.path for f in context.files_for(target.id) if context.usable(f))
        result[target.id] = QuestionSupport(target.id, usable, tuple(blocking.get(target.id, ())))
    return result


def supported_questions(findings: Iterable[Finding], context: EvidenceContext) -> frozenset[str]:
    """The ids whose answers the evidence supports (see ``evidence_support`` for the rule)."""
    return frozenset(q for q, support in evidence_support(findings, context).items() if support.supported)
