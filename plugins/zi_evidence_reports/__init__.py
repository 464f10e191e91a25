"""Built-in report formats: the readiness report as HTML, Markdown, JSON and an LKE-shaped XLSX.

Each format class has ``name``, ``label``, ``suffix`` and ``render(readiness, out_path)``, plus
``render_rollup(rollup, out_path)`` for ``zi-evidence rollup``. A ministry adds its own format
through the same ``register_report_formats`` hook.
"""

from __future__ import annotations

from zi_evidence import hookimpl
from zi_evidence_reports.html_report import HtmlReport
from zi_evidence_reports.json_report import JsonReport
from zi_evidence_reports.markdown import MarkdownReport
from zi_evidence_reports.xlsx_report import XlsxReport

FORMATS = (HtmlReport, MarkdownReport, JsonReport, XlsxReport)


@hookimpl
def register_report_formats() -> list[type]:
    return list(FORMATS)
