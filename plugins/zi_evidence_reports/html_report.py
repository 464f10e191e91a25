"""The readiness report as one self-contained HTML page, written for a TPI reviewer (Bahasa Indonesia)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zi_evidence import BaseReportFormat, Readiness, Rollup, href
from zi_evidence_reports import base
from zi_evidence_reports.base import num, tanggal
from zi_evidence_reports.html_parts import CSS, area_bars, completeness_bars, e, finding_line, pill, table, td
from zi_evidence_reports.html_reviews import reviews_section
from zi_evidence_reports.html_rollup import rollup_page

GAP_SHOWN = 30  # the rest of the plan folds away; it is ranked, so the top is what matters


class HtmlReport(BaseReportFormat):
    name = "html"
    label = "Laporan kesiapan (HTML, satu berkas)"
    suffix = ".html"

    def build(self, readiness: Readiness, out_dir: Path | None) -> bytes:
        r = readiness
        body = [
            _header(r),
            _cards(r),
            _verdict(r),
            "<h2>Nilai per area</h2>",
            _areas(r),
            _predicates(r),
            _gap(r),
            "<h2>Rincian per pertanyaan</h2>",
            _questions(r, out_dir),
            _findings(r),
            reviews_section(r),
            _suggestions(r),
            f"<footer>Dibuat oleh zi-evidence {e(r.tool_version)} pada {e(tanggal(r.today))} dari katalog "
            f"{r.files} berkas ({r.pages} halaman). Aturan: {e(r.regulation)}. Nilai dihitung seperti LKE; "
            "penetapan tetap oleh TPI/TPN.</footer>",
        ]
        return _page(f"Laporan Kesiapan ZI — {r.unit}", "".join(body))

    def build_rollup(self, rollup: Rollup, out_dir: Path | None) -> bytes:
        return _page("Rekap kesiapan Zona Integritas", rollup_page(rollup))


def _page(title: str, body: str) -> bytes:
    html = (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>\n"
    )
    return html.encode("utf-8")


def _header(r: Readiness) -> str:
    institution = f" · {e(r.institution)}" if r.institution else ""
    return (
        f"<h1>Laporan Kesiapan Penilaian TPI — Zona Integritas {r.year}</h1>"
        f'<p class="sub"><b>{e(r.unit)}</b>{institution}</p>'
        f'<p class="meta">Target predikat <b>{e(r.target)}</b> · aturan {e(r.ruleset_name)} ({e(r.ruleset_id)}) · '
        f"keadaan per {e(tanggal(r.today))}</p>"
    )


def _cards(r: Readiness) -> str:
    lines = "".join(f'<div class="line"><span>{e(label)}</span>{pill(ok)}</div>' for label, ok in base.headline(r))
    if r.scores:
        lines += f'<p class="small">Nilai total {num(r.scores.claimed.total)} → <b>{num(r.scores.backed.total)}</b></p>'
    deadline = '<p class="small">Tidak ada tenggat bertanggal dalam aturan ini.</p>'
    if r.deadline:
        d = r.deadline
        deadline = (
            f'<p class="big">{e(tanggal(d.date))}</p><p><b>{e(base.days_text(d.days_left))}</b></p>'
            f'<p class="small">{e(d.label)}</p>'
        )
    supported, with_files, total = base.completeness(r)
    counts = r.severity_counts()
    return (
        '<section class="cards">'
        f'<div class="card"><h2>Predikat {e(r.target)}</h2>{lines}</div>'
        f'<div class="card"><h2>Tenggat berikutnya</h2>{deadline}</div>'
        f'<div class="card"><h2>Kelengkapan data dukung</h2><p class="big">{supported} / {total}</p>'
        f'<p class="small">pertanyaan dan komponen hasil dengan data dukung yang layak; {with_files} punya berkas; '
        f"{r.files} berkas dalam katalog</p></div>"
        f'<div class="card"><h2>Temuan</h2><p class="big">{counts["error"]} galat</p>'
        f'<p class="small">{counts["warning"]} peringatan · {counts["info"]} info</p></div>'
        "</section>"
    )


def _verdict(r: Readiness) -> str:
    v = r.verdict
    if v.ok:
        text = (
            f"<b>Siap:</b> ambang {e(r.target)} terpenuhi oleh nilai yang didukung data dukung "
            "dan tidak ada temuan galat."
        )
    else:
        text = "<b>Belum siap untuk penilaian TPI:</b><ul>" + "".join(f"<li>{e(x)}</li>" for x in v.reasons) + "</ul>"
    notes = "".join(f"<li>{e(x)}</li>" for x in v.notes)
    html = f'<div class="verdict{" pass" if v.ok else ""}">{text}{f"<ul>{notes}</ul>" if notes else ""}</div>'
    if r.answers.status != "ok":
        problems = "".join(f"<li>{e(p)}</li>" for p in r.answers.problems[:20])
        html += f'<div class="note">{e(r.answers.note)}{f"<ul>{problems}</ul>" if problems else ""}</div>'
    return html


def _areas(r: Readiness) -> str:
    if r.scores is None:
        return "<p>Belum ada nilai (jawaban belum diisi); batang menunjukkan kelengkapan data dukung.</p>" + (
            completeness_bars(r.areas)
        )
    ticks = []
    for name in ("WBK", "WBBM"):
        found = r.scores.predicate(name, "backed")
        minima = {}
        for c in found.criteria if found else ():
            head, _, rest = c.key.partition(".")
            if head == "area" and rest.isdigit():
                minima[int(rest)] = c.minimum
        ticks.append((name, minima))
    s = r.scores
    totals = (
        f"<p>Pengungkit {num(s.claimed.pengungkit)} → <b>{num(s.backed.pengungkit)}</b> dari "
        f"{num(s.backed.pengungkit_weight)} · hasil {num(s.claimed.hasil)} → <b>{num(s.backed.hasil)}</b> dari "
        f"{num(s.backed.hasil_weight)} · total {num(s.claimed.total)} → <b>{num(s.backed.total)}</b> "
        "(sesuai jawaban → didukung data dukung)</p>"
    )
    return totals + area_bars(r.areas, ticks)


def _predicates(r: Readiness) -> str:
    if r.scores is None:
        return ""
    out = ["<h2>Ambang batas predikat</h2>"]
    for claimed in r.scores.predicates_claimed:
        backed = next(p for p in r.scores.predicates_backed if p.key == claimed.key)
        pairs = {c.key: c for c in claimed.criteria}
        rows: dict[bool, list[str]] = {True: [], False: []}
        for c in backed.criteria:
            k = pairs.get(c.key)
            status = "terpenuhi" if c.passed else f'<span class="short">kurang {num(c.shortfall)}</span>'
            rows[c.decisive].append(
                "<tr>"
                + td(c.label)
                + td(num(c.minimum), True)
                + td(_value(k), True, True)
                + td(_value(c), True, True)
                + td(status, raw=True)
                + "</tr>"
            )
        requires = f" (memerlukan {e('/'.join(backed.requires))})" if backed.requires else ""
        out.append(
            f"<h3>{e(claimed.label)}{requires}: sesuai jawaban {pill(claimed.passed)} · didukung data dukung "
            f"{pill(backed.passed)}</h3>"
        )
        head = ["Kriteria", "Minimal", "Sesuai jawaban", "Didukung data dukung", "Keterangan"]
        out.append(table(head, rows[True], (1, 2, 3)))
        if rows[False]:  # the other per-area reading: shown, but it does not decide (rule-set option)
            out.append(
                f"<details><summary>Bacaan lain yang tidak menentukan ({len(rows[False])} kriteria, mis. minimum "
                f"pemenuhan dan reform terpisah)</summary>{table(head, rows[False], (1, 2, 3))}</details>"
            )
        if backed.prerequisites:
            prows = [
                "<tr>"
                + td(p.label)
                + td(p.requirement)
                + td(base.fact_text(p.fact))
                + td(_status(p.status), raw=True)
                + td(p.note or "")
                + "</tr>"
                for p in backed.prerequisites
            ]
            out.append("<p><b>Prasyarat di luar nilai</b></p>")
            out.append(table(["Prasyarat", "Syarat", "Fakta", "Status", "Catatan"], prows))
    return "".join(out)


def _gap(r: Readiness) -> str:
    if r.scores is None:
        return ""
    plan = r.scores.gap
    rows = [
        "<tr>"
        + td(i, True)
        + f'<td class="id">{e(g.ref)}</td>'
        + td(g.label)
        + td(base.gap_label(g.kind))
        + td(num(g.points), True)
        + td(g.action)
        + "</tr>"
        for i, g in enumerate(plan.items, start=1)
    ]
    head = ["No", "Butir", "Uraian", "Jenis", "Poin", "Tindakan"]
    intro = (
        f"<h2>Rencana perbaikan menuju {e(plan.target)}</h2><p>Diurutkan menurut poin yang dapat dipulihkan "
        f"(nilai yang didukung data dukung); butir yang menutup ambang yang belum terpenuhi di atas. Total poin "
        f"yang dapat dipulihkan: <b>{num(plan.recoverable)}</b>.</p>"
    )
    if not rows:
        return intro + "<p>Tidak ada butir perbaikan.</p>"
    cols = (4, 10, 28, 12, 6, 40)
    shown = table(head, rows[:GAP_SHOWN], (0, 4), cols)
    rest = rows[GAP_SHOWN:]
    if rest:
        shown += f"<details><summary>{len(rest)} butir lainnya</summary>{table(head, rest, (0, 4), cols)}</details>"
    return intro + shown


def _files(r: Readiness, row: Any, out_dir: Path | None) -> str:
    items = []
    for f in row.files:
        name = f.path.rsplit("/", 1)[-1]
        text = f'<a href="{e(href(r.root, f, out_dir))}" title="{e(f.path)}">{e(name)}</a>' if out_dir else e(f.path)
        if not f.usable:
            text = f'<span class="unusable">{text} (tidak layak)</span>'
        items.append(f"<li>{text}</li>")
    return f'<ul class="files">{"".join(items)}</ul>' if items else '<span class="unusable">tidak ada</span>'


def _questions(r: Readiness, out_dir: Path | None) -> str:
    head = ["Id", "Pertanyaan", "Jawaban", "Bobot", "Nilai (jawaban)", "Nilai (bukti)", "Data dukung", "Temuan"]
    indicators = {i.id: i for i in r.indicators}
    rows: list[str] = []
    area, indicator = None, None
    for q in r.questions:
        if q.area != area:
            area = q.area
            title = base.area_label(r, q.area) if q.area else "Hasil"
            rows.append(f'<tr class="area"><td colspan="8">{e(title)}</td></tr>')
        if q.indicator_id != indicator:
            indicator = q.indicator_id
            found = indicators.get(indicator)
            extra = f" [{found.part}]" if found and found.part else ""
            score = f" — bobot {num(found.weight)}, nilai {num(found.claimed)} → {num(found.backed)}" if found else ""
            notes = "".join(finding_line(f) for f in r.findings_for(indicator))
            rows.append(
                f'<tr class="ind"><td class="id">{e(indicator)}</td><td colspan="7">{e(found.name if found else "")}'
                f"{e(extra)}{e(score)}{notes}</td></tr>"
            )
        rows.append(
            "<tr>"
            + f'<td class="id">{e(q.id)}</td>'
            + td(q.label)
            + td(base.answer_text(q))
            + td(num(q.weight), True)
            + td(num(q.claimed), True)
            + td(_lowered(q), True, True)
            + td(_files(r, q, out_dir), raw=True)
            + td("".join(finding_line(f) for f in r.findings_for(q.id)), raw=True)
            + "</tr>"
        )
    return table(head, rows, (3, 4, 5), cols=(9, 20, 7, 6, 7, 7, 22, 22))


def _findings(r: Readiness) -> str:
    out = ["<h2>Daftar temuan</h2>"]
    for severity, label in base.SEVERITY_LABELS.items():
        found = [f for f in r.findings if f.severity == severity]
        if not found:
            continue
        rows = [
            "<tr>"
            + f'<td class="id">{e(f.question or "")}</td>'
            + td(f.path or "")
            + td(f.message)
            + td(f.hint)
            + "</tr>"
            for f in found
        ]
        out.append(f"<h3>{e(label)} ({len(found)})</h3>")
        out.append(table(["Pertanyaan", "Berkas", "Temuan", "Saran"], rows, cols=(10, 26, 34, 30)))
    if len(out) == 1:
        out.append("<p>Tidak ada temuan.</p>")
    return "".join(out)


def _suggestions(r: Readiness) -> str:
    """Likely questions of unmapped / indicator-level files, from their content (docs/suggestions.md)."""
    if not r.suggestions:
        return ""
    rows = [
        "<tr>"
        + td(s.path)
        + td(", ".join(f"{g.question} ({g.score:.2f})" for g in s.guesses))
        + td("; ".join(s.guesses[0].reasons))
        + td(s.command)
        + "</tr>"
        for s in r.suggestions
    ]
    return "<h2>Saran pemetaan</h2>" + table(
        ["Berkas", "Pertanyaan", "Alasan", "Terima dengan"], rows, cols=(28, 16, 36, 20)
    )


def _value(criterion: Any) -> str:
    if criterion is None:
        return "—"
    text = num(criterion.value)
    return text if criterion.passed else f'<span class="short">{text}</span>'


def _lowered(row: Any) -> str:
    """The evidence-backed points, in red where they fall below the claimed ones (the risk before the TPI)."""
    text = num(row.backed)
    lowered = row.backed is not None and row.claimed is not None and row.backed < row.claimed - 1e-9
    return f'<span class="short">{text}</span>' if lowered else text


def _status(status: str) -> str:
    text = e(base.prerequisite_label(status))
    return f'<span class="short">{text}</span>' if status != "met" else text
