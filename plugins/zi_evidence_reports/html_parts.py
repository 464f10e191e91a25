"""Building blocks of the HTML report: the stylesheet, escaping helpers, area bars and small tables.

Everything is inline (one file, no script, no font or image from the network) so the report opens
offline, from a USB stick or an e-mail attachment, and prints cleanly.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from zi_evidence_reports.base import num, pct

CSS = """
*{box-sizing:border-box}
body{font-family:"Segoe UI","Noto Sans","DejaVu Sans",Arial,sans-serif;color:#1d2733;margin:0;background:#f4f6f8;
 font-size:15px;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid #d5dde6}
h3{font-size:16px;margin:18px 0 6px}
.sub{font-size:17px;margin:0}.meta{color:#4f5d6b;margin:4px 0 0}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:20px 0}
.card{border:1px solid #d5dde6;border-radius:8px;padding:12px 14px;background:#fafbfc}
.card h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#4f5d6b;border:0;margin:0 0 6px;padding:0}
.big{font-size:24px;font-weight:700;margin:0}.small{font-size:13px;color:#4f5d6b;margin:4px 0 0}
.pill{display:inline-block;white-space:nowrap;padding:2px 9px;border-radius:12px;font-weight:700;font-size:13px;
 color:#fff}
.ok{background:#1e7d32}.bad{background:#b3261e}.unk{background:#6b7785}
.line{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:4px 8px;margin:6px 0;
 font-size:14px}
.short{color:#b3261e;font-weight:600}
details{margin:8px 0}summary{cursor:pointer;color:#0b57a4}
.verdict{border-left:6px solid #b3261e;background:#fdf1f0;padding:10px 16px;border-radius:4px}
.verdict.pass{border-color:#1e7d32;background:#eef8ef}
.note{border-left:6px solid #c77700;background:#fff7e6;padding:10px 16px;border-radius:4px;margin:12px 0}
.verdict ul,.note ul{margin:6px 0 0 0;padding-left:20px}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{border:1px solid #d5dde6;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#e9eef3;font-weight:600}
thead th{position:sticky;top:0;z-index:1}
table.fixed{table-layout:fixed}table.fixed td{overflow-wrap:anywhere}
td.n,th.n{text-align:right;white-space:nowrap}
tr.area td{background:#1f4e79;color:#fff;font-weight:700;font-size:14.5px}
tr.ind td{background:#e9eef3;font-weight:600}
.id{white-space:nowrap;font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12.5px}
.files{margin:0;padding-left:16px}.files li{margin:1px 0}
a{color:#0b57a4}.unusable{color:#b3261e}
.f{display:block;margin:2px 0;font-size:12.5px}
.sev{display:inline-block;min-width:74px;text-align:center;padding:0 6px;border-radius:3px;font-size:11.5px;
 font-weight:700;color:#fff;margin-right:4px}
.sev-error{background:#b3261e}.sev-warning{background:#c77700}.sev-info{background:#5f6f80}
.hint{color:#4f5d6b}
.bars{display:grid;grid-template-columns:270px 1fr 210px;gap:10px 14px;align-items:center}
.track{position:relative;height:26px;background:#eef1f4;border-radius:4px;border:1px solid #d5dde6}
.fill{position:absolute;left:0;top:0;bottom:0;border-radius:3px 0 0 3px}
.claimed{background:#a9c9ea}.backed{background:#1f5f99;top:7px;bottom:7px}
.tick{position:absolute;top:-5px;bottom:-5px;border-left:2px dashed #b3261e}
.tick.t2{border-left-color:#6a1b9a}
.tick span{position:absolute;top:-17px;left:-14px;font-size:11px;color:inherit;white-space:nowrap}
.legend{font-size:13px;color:#4f5d6b;margin:8px 0 14px}
.sw{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
.barnum{font-size:13.5px;white-space:nowrap}
footer{margin-top:36px;color:#6b7785;font-size:12.5px}
@media print{body{background:#fff}main{padding:0}tr{break-inside:avoid}.cards{grid-template-columns:repeat(2,1fr)}}
"""


def e(value: Any) -> str:
    """Escape for text and attribute values alike (quotes included): file names are untrusted."""
    return escape("" if value is None else str(value), quote=True)


def pill(passed: bool | None) -> str:
    if passed is None:
        return '<span class="pill unk">BELUM DINILAI</span>'
    return '<span class="pill ok">MEMENUHI</span>' if passed else '<span class="pill bad">BELUM MEMENUHI</span>'


def table(head: Iterable[str], rows: Iterable[str], numeric: Iterable[int] = (), cols: Iterable[int] = ()) -> str:
    """``cols``: column widths in percent; given, the layout is fixed so long names wrap inside their column."""
    right = set(numeric)
    cells = "".join(f'<th class="n">{e(h)}</th>' if i in right else f"<th>{e(h)}</th>" for i, h in enumerate(head))
    widths = "".join(f'<col style="width:{w}%">' for w in cols)
    fixed = ' class="fixed"' if widths else ""
    group = f"<colgroup>{widths}</colgroup>" if widths else ""
    return f"<table{fixed}>{group}<thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def td(value: Any, numeric: bool = False, raw: bool = False) -> str:
    text = str(value) if raw else e(value)
    return f'<td class="n">{text}</td>' if numeric else f"<td>{text}</td>"


def finding_line(finding: Any, with_hint: bool = False) -> str:
    hint = f' <span class="hint">→ {e(finding.hint)}</span>' if with_hint and finding.hint else ""
    return (
        f'<span class="f"><span class="sev sev-{e(finding.severity)}">{e(_sev(finding.severity))}</span>'
        f"{e(finding.message)}{hint}</span>"
    )


def _sev(severity: str) -> str:
    from zi_evidence_reports.base import SEVERITY_LABELS

    return SEVERITY_LABELS.get(severity, severity)


def area_bars(areas: Iterable[Any], ticks: list[tuple[str, dict[int, float]]]) -> str:
    """One bar per area: full width = the area's weight; light = claimed, dark = evidence-backed;
    dashed lines at each predicate's minimum (60 % WBK, 75 % WBBM under 90/2021)."""
    rows = []
    for area in areas:
        claimed = area.claimed or 0.0
        backed = area.backed or 0.0
        width = area.weight or 1.0
        marks = "".join(
            f'<span class="tick{" t2" if i else ""}" style="left:{min(100.0, 100 * minima[area.number] / width):.2f}%">'
            f"<span>{e(name)}</span></span>"
            for i, (name, minima) in enumerate(ticks)
            if area.number in minima
        )
        rows.append(
            f"<div><b>Area {area.number}</b> {e(area.name)}<br>"
            f'<span class="small">bobot {num(area.weight)}</span></div>'
            f'<div class="track"><div class="fill claimed" style="width:{_w(claimed, width)}"></div>'
            f'<div class="fill backed" style="width:{_w(backed, width)}"></div>{marks}</div>'
            f'<div class="barnum">{num(claimed)} → <b>{num(backed)}</b> ({pct(backed, width)})</div>'
        )
    legend = (
        '<div class="legend"><span class="sw claimed"></span>nilai sesuai jawaban'
        '<span class="sw" style="background:#1f5f99"></span>nilai didukung data dukung'
        '<span class="sw" style="border-top:2px dashed #b3261e;height:0"></span>minimum WBK'
        '<span class="sw" style="border-top:2px dashed #6a1b9a;height:0"></span>minimum WBBM</div>'
    )
    return legend + f'<div class="bars">{"".join(rows)}</div>'


def completeness_bars(areas: Iterable[Any]) -> str:
    """Without answers there is no score: the bar shows the share of questions with usable evidence."""
    rows = []
    for area in areas:
        rows.append(
            f"<div><b>Area {area.number}</b> {e(area.name)}</div>"
            f'<div class="track"><div class="fill backed" style="width:{_w(area.supported, area.questions or 1)};'
            f'top:0;bottom:0"></div></div>'
            f'<div class="barnum">{area.supported} dari {area.questions} pertanyaan berbukti</div>'
        )
    return f'<div class="bars">{"".join(rows)}</div>'


def _w(value: float, whole: float) -> str:
    return f"{max(0.0, min(100.0, 100 * value / whole)):.2f}%"
