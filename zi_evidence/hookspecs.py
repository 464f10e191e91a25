"""Every hook a zi-evidence plugin can implement. Built-in plugins use exactly these.

The contracts are imported for type checkers only: loading the specs stays as cheap as before.
``zi_evidence.plugins.PluginHost`` is the one place that calls them (order: docs/plugins.md).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from zi_evidence.bundle.convert import Converter
    from zi_evidence.bundle.model import Layout
    from zi_evidence.index.inputs import ExternalInputs
    from zi_evidence.index.kinds import KindDetector
    from zi_evidence.parsing import Parser
    from zi_evidence.readiness.formats import ReportFormat
    from zi_evidence.search.backend import SearchBackend
    from zi_evidence.validation.filechecks import FileCheck
    from zi_evidence.validation.findings import EvidenceContext, Finding

hookspec = pluggy.HookspecMarker("zi_evidence")


@hookspec
def register_parsers() -> list[type[Parser]]:
    """Return parser classes (see ``zi_evidence.Parser``) that extract text from evidence files."""


@hookspec
def register_rulesets() -> list[str | os.PathLike[str]]:
    """Return paths of rule-set data files (YAML) this plugin contributes."""


@hookspec
def register_search_backends() -> list[type[SearchBackend]]:
    """Return search backend classes (see ``zi_evidence.SearchBackend``)."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``zi-evidence`` command-line group."""


@hookspec
def register_kind_detectors() -> list[type[KindDetector]]:
    """Return document-kind detectors (see ``zi_evidence.KindDetector``): SK, notulen, laporan…"""


@hookspec
def evidence_findings(context: EvidenceContext) -> list[Finding]:
    """Return findings (``zi_evidence.Finding``) about the evidence in ``context``."""


@hookspec
def register_file_checks() -> list[type[FileCheck]]:
    """Return per-file check classes (see ``zi_evidence.FileCheck``); their scans are cached by file content."""


@hookspec
def find_personal_data(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of personal numbers or addresses in ``text``, masked wherever it is shown."""


@hookspec
def register_report_formats() -> list[type[ReportFormat]]:
    """Return report format classes (see ``zi_evidence.ReportFormat``) for ``zi-evidence report``."""


@hookspec
def register_bundle_layouts() -> list[type[Layout]]:
    """Return upload-bundle layout classes (see ``zi_evidence.Layout``): the PMPZI layout, a ministry's own…"""


@hookspec
def register_converters() -> list[type[Converter]]:
    """Return PDF converter classes (see ``zi_evidence.Converter``): photos, Office files… to the PDF PMPZI takes."""


@hookspec
def external_inputs() -> ExternalInputs:
    """Return what this plugin's parsers, detectors, rule sets or engine read outside the repository when they
    decide (an external program, its data folder, an environment variable): ``zi_evidence.ExternalInputs``.
    While none of it changes, an ``index`` run that finds nothing changed may answer without loading plugins."""
