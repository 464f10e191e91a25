"""Templates: Jinja2 with autoescaping on, so every file name and text reaches the page as text."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Protocol

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from zi_evidence.bundle.limits import fmt_mb
from zi_evidence.dates import SOURCE_LABELS, format_date
from zi_evidence.scoring import format_number


class PageSite(Protocol):
    """What a page needs of where it comes from: a drive's ``Site`` or one unit on the server."""

    def unit_name(self) -> str: ...


#: The pages of the nav bar, in the order a team uses them.
NAV = (
    ("/", "Beranda"),
    ("/lke", "LKE"),
    ("/cari", "Cari"),
    ("/belum-terpetakan", "Belum terpetakan"),
    ("/masalah", "Masalah"),
    ("/laporan", "Laporan"),
    ("/bundel", "Bundel"),
)


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    return str(format_number(value, digits)) if isinstance(value, int | float) else str(value)


def _date_id(value: Any) -> str:
    """``2026-12-07`` (as the JSON twin carries it) → ``7 Desember 2026``, as the CLI writes dates."""
    from datetime import date

    text = str(value or "")
    try:
        return format_date(date.fromisoformat(text))
    except ValueError:
        return text  # a year alone, or nothing


def _deadline_id(value: Any) -> str:
    """A tier's deadline as the CLI writes dates, said to be past when it is (the cycle's date, not the next)."""
    from datetime import date

    shown = _date_id(value)
    try:
        past = date.fromisoformat(str(value or "")) < date.today()
    except ValueError:
        return shown or "–"
    return f"{shown} (sudah lewat)" if past else shown


def _moment(value: Any) -> str:
    """``2026-12-07T14:05:09.123456+00:00`` → ``7 Desember 2026 14.05 UTC`` (stamps are kept in UTC)."""
    from datetime import datetime

    text = str(value or "")
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text or "–"
    return f"{format_date(when.date())} {when:%H.%M} UTC"


def _review_status(value: str) -> str:
    from zi_evidence.review.model import STATUS_LABELS

    return STATUS_LABELS.get(value, value)


def _size(value: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if value >= factor:
            return f"{format_number(value / factor, 1)} {unit}"
    return f"{value} bita"


#: The rule set's periodicity keys, as a team reads them.
PERIODICITY_LABELS = {"monthly": "bulanan", "quarterly": "triwulanan", "semiannual": "semesteran", "annual": "tahunan"}


#: A catalogued file's status (``FileRecord.status``), as a team reads it.
FILE_STATUS_LABELS = {
    "ok": "terbaca",
    "problem": "bermasalah",
    "unsupported": "format tidak dibaca",
    "pending": "belum dibaca",
}


def _file_status(value: str) -> str:
    return FILE_STATUS_LABELS.get(value, value)


def _periodicity(value: str | None) -> str:
    return PERIODICITY_LABELS.get(value or "", value or "")


def _date_source(value: str | None) -> str:
    return SOURCE_LABELS.get(value or "", value or "")


def _yes(value: bool | None) -> str:
    return "–" if value is None else ("ya" if value else "tidak")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("zi_evidence.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        num=_num, size=_size, yes=_yes, periodicity=_periodicity, date_source=_date_source, file_status=_file_status
    )
    env.filters["mb"] = fmt_mb  # bundle sizes read as 'zi-evidence bundle' prints them
    env.filters["date_id"] = _date_id
    env.filters.update(deadline_id=_deadline_id, moment=_moment, review_status=_review_status)
    env.globals["nav"] = NAV
    return env


def render(request: Request, template: str, data: dict[str, Any], site: PageSite, status: int = 200) -> HTMLResponse:
    from zi_evidence.web import flash
    from zi_evidence.web.auth import visitor_of

    visitor = visitor_of(request)
    page = (
        environment()
        .get_template(template)
        .render(
            d=data,
            path=request.url.path,
            unit=site.unit_name(),
            query=request.query_params,
            visitor=visitor,
            csrf=visitor.csrf,
            # a server serves many units: their pages sit under /unit/<code>, with a menu of their own
            base=getattr(site, "base", ""),
            nav=getattr(site, "nav", NAV),
            years=getattr(site, "years", ()),  # a server unit's pushed years: (year, its pages' base)
        )
    )
    response = HTMLResponse(page, status_code=status)
    flash.consume(request, response)  # a notice shows once: reloading the page does not repeat it
    return response
