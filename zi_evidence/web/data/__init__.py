"""Page data for the readiness pages (Beranda, LKE, one question): plain dicts, the same for HTML and JSON.

One module per page; the shapes they share (a finding, a date, a question's status) live in ``parts``.
"""

from __future__ import annotations

from zi_evidence.web.data.dashboard_page import PREDICATES, dashboard
from zi_evidence.web.data.lke_page import STATUSES, lke, lke_filter_refusal, lke_row_shown
from zi_evidence.web.data.parts import date_text, finding_dict, hasil_ids, question_status
from zi_evidence.web.data.question_page import FILES_PER_PAGE, question

__all__ = [
    "FILES_PER_PAGE",
    "PREDICATES",
    "STATUSES",
    "dashboard",
    "date_text",
    "finding_dict",
    "hasil_ids",
    "lke",
    "lke_filter_refusal",
    "lke_row_shown",
    "question",
    "question_status",
]
