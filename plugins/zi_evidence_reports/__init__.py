"""Built-in report formats: the readiness report as HTML, Markdown, JSON and an LKE-shaped XLSX.

Each format subclasses the core's ``zi_evidence.BaseReportFormat``: ``name``, ``label``, ``suffix``,
``render(readiness, out_path)`` and ``render_rollup(rollup, out_path)`` for ``zi-evidence rollup``.
A ministry adds its own format through the same ``register_report_formats`` hook.
"""

from __future__ import annotations

from zi_evidence import hookimpl


def _formats() -> tuple[type, ...]:
    # imported when formats are asked for: scoring, readiness and openpyxl stay out of `index` and `search`
    from zi_evidence_reports.html_report import HtmlReport
    from zi_evidence_reports.json_report import JsonReport
    from zi_evidence_reports.markdown import MarkdownReport
    from zi_evidence_reports.xlsx_report import XlsxReport

    return (HtmlReport, MarkdownReport, JsonReport, XlsxReport)


@hookimpl
def register_report_formats() -> list[type]:
    return list(_formats())
