"""The readiness report as Markdown: readable as plain text, renders on Git forges and in editors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from zi_evidence import BaseReportFormat, Readiness, Rollup, href
from zi_evidence_reports import base
from zi_evidence_reports import review_parts as parts
from zi_evidence_reports.base import num, passed_text, pct, tanggal

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(value: object) -> str:
    """Escape Markdown and HTML syntax; a cell stays one line (file names are untrusted)."""
    return _SPECIAL.sub(r"\\\1", str("" if value is None else value)).replace("\n", " ").replace("\r", " ")


def rows(head: Iterable[str], body: Iterable[Iterable[object]]) -> list[str]:
    head = list(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
    return lines + [""]


class MarkdownReport(BaseReportFormat):
    name = "md"
    label = "Laporan kesiapan (Markdown)"
    suffix = ".md"

    def build(self, readiness: Readiness, out_dir: Path | None) -> bytes:
        r = readiness
        supported, with_files, total = base.completeness(r)
        counts = r.severity_counts()
        out = [
            f"# Laporan Kesiapan Penilaian TPI — Zona Integritas {r.year}",
            "",
            f"**{md(r.unit)}**{' · ' + md(r.institution) if r.institution else ''}  ",
            f"Target **{md(r.target)}** · aturan {md(r.ruleset_name)} ({md(r.ruleset_id)}) · per {tanggal(r.today)}",
            "",
        ]
        out += [f"- Predikat {md(r.target)}, {label.lower()}: **{passed_text(ok)}**" for label, ok in base.headline(r)]
        if r.deadline:
            d = r.deadline
            out.append(f"- Tenggat berikutnya: **{tanggal(d.date)}** ({base.days_text(d.days_left)}) — {md(d.label)}")
        out.append(
            f"- Kelengkapan: {supported} dari {total} pertanyaan/komponen hasil berdata dukung layak "
            f"({with_files} punya berkas; {r.files} berkas)"
        )
        out += [f"- Temuan: {counts['error']} galat, {counts['warning']} peringatan, {counts['info']} info", ""]
        out.append("**Siap.**" if r.verdict.ok else "**Belum siap:**")
        out += [f"- {md(x)}" for x in (*r.verdict.reasons, *r.verdict.notes)] + [""]
        if r.answers.status != "ok":
            out += [f"> {md(r.answers.note)}", ""] + [f"> - {md(p)}" for p in r.answers.problems[:20]] + [""]
        out += self._scores(r)
        out += ["## Rincian per pertanyaan", ""]
        body = []
        for q in r.questions:
            files = "<br>".join(self._file(r, f, out_dir) for f in q.files) or "**tidak ada**"
            notes = "<br>".join(f"{base.SEVERITY_LABELS[f.severity]}: {md(f.message)}" for f in r.findings_for(q.id))
            body.append(
                [
                    md(q.id),
                    md(q.label),
                    md(base.answer_text(q)),
                    num(q.weight),
                    num(q.claimed),
                    num(q.backed),
                    files,
                    notes,
                ]
            )
        out += rows(
            ["Id", "Pertanyaan", "Jawaban", "Bobot", "Nilai jawaban", "Nilai data dukung", "Data dukung", "Temuan"],
            body,
        )
        out += ["## Daftar temuan", ""]
        out += rows(
            ["Tingkat", "Pertanyaan", "Berkas", "Temuan", "Saran"],
            [
                [base.SEVERITY_LABELS[f.severity], md(f.question or ""), md(f.path or ""), md(f.message), md(f.hint)]
                for f in r.findings
            ],
        )
        out += _reviews(r)
        if r.suggestions:  # likely questions of unmapped / indicator-level files (docs/suggestions.md)
            out += ["## Saran pemetaan", ""]
            out += rows(
                ["Berkas", "Pertanyaan", "Alasan", "Terima dengan"],
                [
                    [
                        md(s.path),
                        md(", ".join(g.question for g in s.guesses)),
                        md("; ".join(s.guesses[0].reasons)),
                        f"`{s.command}`",
                    ]
                    for s in r.suggestions
                ],
            )
        out.append(f"_Dibuat oleh zi-evidence {md(r.tool_version)}; penetapan tetap oleh TPI/TPN._")
        return ("\n".join(out) + "\n").encode("utf-8")

    @staticmethod
    def _file(r: Readiness, f: object, out_dir: Path | None) -> str:
        text = md(f.path)  # type: ignore[attr-defined]
        link = f"[{text}]({href(r.root, f, out_dir)})" if out_dir else text  # type: ignore[arg-type]
        return link if f.usable else f"{link} (tidak layak)"  # type: ignore[attr-defined]

    @staticmethod
    def _scores(r: Readiness) -> list[str]:
        if r.scores is None:
            return ["## Kelengkapan per area", ""] + rows(
                ["Area", "Pertanyaan", "Berbukti layak", "Berkas"],
                [[md(f"{a.number}. {a.name}"), a.questions, a.supported, a.files] for a in r.areas],
            )
        s = r.scores
        out = ["## Nilai", ""] + rows(
            ["", "Sesuai jawaban", "Didukung data dukung", "Bobot"],
            [
                ["Pengungkit", num(s.claimed.pengungkit), num(s.backed.pengungkit), num(s.backed.pengungkit_weight)],
                ["Hasil", num(s.claimed.hasil), num(s.backed.hasil), num(s.backed.hasil_weight)],
                ["Total", num(s.claimed.total), num(s.backed.total), "100"],
                *[
                    [
                        md(f"Area {a.number} {a.name}"),
                        num(a.claimed),
                        num(a.backed),
                        f"{num(a.weight)} ({pct(a.backed, a.weight)})",
                    ]
                    for a in r.areas
                ],
            ],
        )
        for claimed in s.predicates_claimed:
            backed = next(p for p in s.predicates_backed if p.key == claimed.key)
            out += [
                f"### {md(claimed.label)}: sesuai jawaban {passed_text(claimed.passed)}, "
                f"didukung data dukung {passed_text(backed.passed)}",
                "",
            ]
            out += rows(
                ["Kriteria", "Minimal", "Didukung data dukung", "Keterangan"],
                [
                    [
                        md(c.label + ("" if c.decisive else " (informasi)")),
                        num(c.minimum),
                        num(c.value),
                        "terpenuhi" if c.passed else f"kurang {num(c.shortfall)}",
                    ]
                    for c in backed.criteria
                ],
            )
            out += (
                rows(
                    ["Prasyarat", "Syarat", "Fakta", "Status"],
                    [
                        [md(p.label), md(p.requirement), md(base.fact_text(p.fact)), base.prerequisite_label(p.status)]
                        for p in backed.prerequisites
                    ],
                )
                if backed.prerequisites
                else []
            )
        out += [f"## Rencana perbaikan menuju {md(s.gap.target)}", ""]
        out += rows(
            ["No", "Butir", "Jenis", "Poin", "Tindakan"],
            [[i, md(g.ref), base.gap_label(g.kind), num(g.points), md(g.action)] for i, g in enumerate(s.gap.items, 1)],
        )
        return out

    def build_rollup(self, rollup: Rollup, out_dir: Path | None) -> bytes:
        numbers = sorted({a.number for u in rollup.units for a in u.areas}) or [1, 2, 3, 4, 5, 6]
        body = []
        for u in rollup.units:
            if u.status != "ok":
                body.append([md(u.unit), md(u.ruleset_id), *[""] * len(numbers), "", "", "", "", "", md(u.message)])
                continue
            areas = {a.number: a for a in u.areas}
            cells = [
                (
                    f"{num(areas[n].backed)} / {num(areas[n].weight)}"
                    if areas[n].backed is not None
                    else f"{areas[n].supported}/{areas[n].questions}"
                )
                if n in areas
                else ""
                for n in numbers
            ]
            wbk, wbbm = (u.predicates.get(p) for p in ("WBK", "WBBM"))
            body.append(
                [
                    md(u.unit),
                    md(f"{u.ruleset_id}, {u.target}"),
                    *cells,
                    f"{num(u.claimed.total)} → {num(u.backed.total)}" if u.backed else "—",
                    _yn(wbk),
                    _yn(wbbm),
                    f"{u.supported}/{u.questions}",
                    u.errors,
                    ("siap" if u.ready else "belum") + ("" if u.answers == "ok" else "; " + md(u.message)),
                ]
            )
        out = [f"# Rekap kesiapan Zona Integritas (per {tanggal(rollup.today)})", ""]
        out += rows(
            [
                "Unit",
                "Aturan",
                *[f"Area {n}" for n in numbers],
                "Total",
                "WBK",
                "WBBM",
                "Kelengkapan",
                "Galat",
                "Keterangan",
            ],
            body,
        )
        out.append("Nilai area: didukung data dukung / bobot. WBK/WBBM: sesuai jawaban / didukung data dukung.")
        rekap = parts.rollup_rekap(rollup)
        if rekap:
            out += ["", f"## {parts.REKAP_TITLE}", ""]
            out += rows(parts.REKAP_HEAD, [[md(c) if isinstance(c, str) else c for c in line] for line in rekap])
        return ("\n".join(out) + "\n").encode("utf-8")


def _yn(found: dict | None) -> str:
    if not found:
        return "—"
    return "/".join("ya" if found[k] else "belum" for k in ("claimed", "backed"))


def _reviews(r: Readiness) -> list[str]:
    """The review chain's verdicts and the rekap; nothing when there is no review database."""
    reviews = r.reviews
    if reviews is None:
        return []
    out = [f"## {parts.TITLE}", ""]
    if reviews.status != "ok":
        return out + [f"> {md(reviews.message)}", ""]
    out += [md(parts.intro(reviews)), ""]
    final = reviews.final_tier
    head = [
        "Id",
        "Pertanyaan",
        "Putaran",
        *(md(t.label) for t in reviews.tiers),
        f"Jawaban {md(final.label if final else '')}",
    ]
    body = [
        [md(q.question_id), md(parts.label_of(r, q.question_id)), q.round]
        + [md(parts.verdict_text(t)) for t in q.tiers]
        + [md(parts.final_text(q))]
        for q in reviews.questions
    ]
    out += rows(head, body) if body else ["Belum ada pertanyaan yang diperiksa.", ""]
    out += ["### Rekap penolakan dan perbaikan", ""]
    if not reviews.rekap:
        return out + ["Belum ada pertanyaan yang ditolak atau dikembalikan untuk perbaikan.", ""]
    return out + rows(
        ["Unit", "Tingkat", "Perlu perbaikan", "Ditolak", "Pertanyaan"],
        [[md(x.unit), md(x.label), x.needs_fix, x.rejected, md(", ".join(x.questions))] for x in reviews.rekap],
    )
