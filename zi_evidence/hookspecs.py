"""Every hook a zi-evidence plugin can implement. Built-in plugins use exactly these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

hookspec = pluggy.HookspecMarker("zi_evidence")


@hookspec
def register_parsers() -> list[type]:
    """Return parser classes (see ``zi_evidence.parsing.Parser``) that extract text from evidence files."""


@hookspec
def register_rulesets() -> list[Any]:
    """Return paths of rule-set data files (YAML) this plugin contributes."""


@hookspec
def register_search_backends() -> list[type]:
    """Return search backend classes (see ``zi_evidence.search.backend.SearchBackend``)."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``zi-evidence`` command-line group."""


@hookspec
def register_kind_detectors() -> list[Any]:
    """Return document-kind detectors (see ``zi_evidence.index.kinds.KindDetector``): SK, notulen, laporan…"""


@hookspec
def evidence_findings(context: Any) -> list[Any]:
    """Return findings (``zi_evidence.validation.findings.Finding``) about the evidence in ``context``."""


@hookspec
def register_report_formats() -> list[type]:
    """Return report format classes (HTML, Markdown, JSON, XLSX…) for ``zi-evidence report``."""


@hookspec
def register_bundle_layouts() -> list[type]:
    """Return upload-bundle layout classes (the PMPZI layout, a ministry's internal upload…)."""
