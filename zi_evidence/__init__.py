"""zi-evidence: a managed repository of Zona Integritas supporting documents (data dukung).

This module is also the public API for plugins: every name a plugin needs is importable from here
(``from zi_evidence import hookimpl, BaseParser, ParsedDocument``). Plugins import nothing else from
the core except ``zi_evidence.hookspecs``; ``tests/meta/test_plugin_api.py`` keeps it so.

Every name is loaded from its home module on first use (``hookimpl`` with pluggy), so loading the plugins
(each does ``from zi_evidence import hookimpl``) costs no parser, report or rule-set import, and a command
that loads no plugin does not load pluggy. Guide: docs/writing-plugins.md.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pluggy

    #: Plugins decorate their hook implementations with this marker: ``from zi_evidence import hookimpl``.
    hookimpl: pluggy.HookimplMarker

    from zi_evidence.bundle import (
        Document,
        Layout,
        LayoutContext,
        PlannedFile,
        component,
        fmt_mb,
        hasil_by_id,
        normalize,
        safe_id,
        slug,
    )
    from zi_evidence.bundle.convert import ConversionFailed, ConvertedPdf, Converter, SourceFile
    from zi_evidence.dates import MONTH_NAMES, MONTH_RE, MONTHS, format_date
    from zi_evidence.errors import IndexUnavailable, PluginError, QueryError, ZiError
    from zi_evidence.index.inputs import ExternalInputs
    from zi_evidence.index.kinds import KindDetector
    from zi_evidence.outputs import usual_permissions, write_atomically
    from zi_evidence.parsing import (
        LINK_TARGET,
        BaseParser,
        ParsedDocument,
        ParseFailure,
        ParseLimits,
        Parser,
        bounded_document,
        choose_parser,
        open_for_parse,
        sniff_mime,
    )
    from zi_evidence.parsing.office import (
        CFB_MAGIC,
        check_zip,
        head_member_names,
        open_archive,
        sniff_office,
        stream_member,
    )
    from zi_evidence.plugins import PluginHost, make_plugin_manager, switched_off
    from zi_evidence.problems import MB, SEVERITIES, Problem
    from zi_evidence.readiness import Readiness, Rollup, href
    from zi_evidence.readiness.formats import BaseReportFormat, ReportFormat, choose_format
    from zi_evidence.scoring import GAP_LABELS, PREREQUISITE_LABELS, STATUS_LABELS, format_number
    from zi_evidence.search.analysis import (
        STOP_WORDS,
        TOKEN_PATTERN,
        affixed_counts,
        fold,
        index_terms,
        split_words,
        stem,
        term_of,
        words_of,
    )
    from zi_evidence.search.backend import (
        FILTER_FIELDS,
        BackendHit,
        FileType,
        IndexDoc,
        SearchBackend,
        Snippet,
    )
    from zi_evidence.search.pages import PageText, page_matches, snippet
    from zi_evidence.search.pages import needle as page_needle
    from zi_evidence.search.parse import parse_query, plain_filters
    from zi_evidence.search.syntax import HINT as QUERY_HINT
    from zi_evidence.search.syntax import MAX_EXPANSION, check_syntax, too_many_words
    from zi_evidence.search.tree import EXACT_FIELD, FILTER_TO_FIELD, KEYWORD_FIELDS, TEXT_FIELDS
    from zi_evidence.search.tree import Every as QueryEvery
    from zi_evidence.search.tree import Group as QueryGroup
    from zi_evidence.search.tree import Node as QueryNode
    from zi_evidence.search.tree import Not as QueryNot
    from zi_evidence.search.tree import Nothing as QueryNothing
    from zi_evidence.search.tree import Pair as QueryPair
    from zi_evidence.search.tree import Pattern as QueryPattern
    from zi_evidence.search.tree import Phrase as QueryPhrase
    from zi_evidence.search.tree import Term as QueryTerm
    from zi_evidence.usercache import digest as cache_digest
    from zi_evidence.usercache import load as cache_load
    from zi_evidence.usercache import store as cache_store
    from zi_evidence.validation.filechecks import FileCheck, FileText
    from zi_evidence.validation.findings import EvidenceContext, EvidenceFile, Finding, Target

_HOMES = {
    "bundle": (
        "Document",
        "Layout",
        "LayoutContext",
        "PlannedFile",
        "component",
        "fmt_mb",
        "hasil_by_id",
        "normalize",
        "safe_id",
        "slug",
    ),
    "bundle.convert": ("ConversionFailed", "ConvertedPdf", "Converter", "SourceFile"),
    "dates": ("MONTH_NAMES", "MONTH_RE", "MONTHS", "format_date"),
    "errors": ("IndexUnavailable", "PluginError", "QueryError", "ZiError"),
    "index.kinds": ("KindDetector",),
    "index.inputs": ("ExternalInputs",),
    "outputs": ("usual_permissions", "write_atomically"),
    "parsing": (
        "LINK_TARGET",
        "BaseParser",
        "ParsedDocument",
        "ParseFailure",
        "ParseLimits",
        "Parser",
        "bounded_document",
        "choose_parser",
        "open_for_parse",
        "sniff_mime",
    ),
    "parsing.office": ("CFB_MAGIC", "check_zip", "head_member_names", "open_archive", "sniff_office", "stream_member"),
    "plugins": ("PluginHost", "make_plugin_manager", "switched_off"),
    "problems": ("MB", "SEVERITIES", "Problem"),
    "readiness": ("Readiness", "Rollup", "href"),
    "readiness.formats": ("BaseReportFormat", "ReportFormat", "choose_format"),
    "scoring": ("GAP_LABELS", "PREREQUISITE_LABELS", "STATUS_LABELS", "format_number"),
    "search.backend": (
        "FILTER_FIELDS",
        "BackendHit",
        "FileType",
        "IndexDoc",
        "SearchBackend",
        "Snippet",
    ),
    "search.analysis": (
        "STOP_WORDS",
        "TOKEN_PATTERN",
        "affixed_counts",
        "fold",
        "index_terms",
        "split_words",
        "stem",
        "term_of",
        "words_of",
    ),
    "search.pages": ("PageText", "page_matches", "snippet"),
    "search.parse": ("parse_query", "plain_filters"),
    "search.syntax": ("MAX_EXPANSION", "check_syntax", "too_many_words"),
    "search.tree": ("EXACT_FIELD", "FILTER_TO_FIELD", "KEYWORD_FIELDS", "TEXT_FIELDS"),
    "validation.filechecks": ("FileCheck", "FileText"),
    "validation.findings": ("EvidenceContext", "EvidenceFile", "Finding", "Target"),
}
#: Names exported under another name than at home: the per-user cache's generic verbs, the query tree.
_RENAMED = {
    "cache_digest": ("usercache", "digest"),
    "cache_load": ("usercache", "load"),
    "cache_store": ("usercache", "store"),
    "page_needle": ("search.pages", "needle"),
    "QUERY_HINT": ("search.syntax", "HINT"),
    # the query tree's nodes, named for what they are in the plugin namespace
    **{
        f"Query{node}": ("search.tree", node)
        for node in "Every Group Node Not Nothing Pair Pattern Phrase Term".split()
    },
}
_HOME_OF = {name: (module, name) for module, names in _HOMES.items() for name in names} | _RENAMED

__all__ = sorted({"__version__", "hookimpl", *_HOME_OF})


def __getattr__(name: str) -> Any:
    if name == "hookimpl":  # pluggy loads with the first plugin, not with every command
        import pluggy

        globals()[name] = pluggy.HookimplMarker("zi_evidence")
        return globals()[name]
    home = _HOME_OF.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = home
    value = getattr(import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value  # asked once: later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME_OF))
