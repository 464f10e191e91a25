"""The roll-up page: units × areas for a Kanwil / Eselon I officer, one row per evidence repository."""

from __future__ import annotations

from zi_evidence import Rollup
from zi_evidence_reports.base import num, pct, tanggal
from zi_evidence_reports.html_parts import e, table, td
from zi_evidence_reports.review_parts import REKAP_HEAD, REKAP_TITLE, rollup_rekap


def _predicate_cell(unit, name: str) -> str:
    found = unit.predicates.get(name)
    if not found:
        return td("—")

    def word(ok: bool) -> str:
        return '<span class="pill ok">ya</span>' if ok else '<span class="pill bad">belum</span>'

    return td(f"{word(found['claimed'])} / {word(found['backed'])}", raw=True)


def rollup_page(rollup: Rollup) -> str:
    numbers = sorted({a.number for u in rollup.units for a in u.areas}) or [1, 2, 3, 4, 5, 6]
    head = [
        "Unit",
        "Aturan / target",
        *[f"Area {n}" for n in numbers],
        "Total",
        "WBK",
        "WBBM",
        "Kelengkapan",
        "Galat",
        "Siap?",
        "Keterangan",
    ]
    rows = []
    for unit in rollup.units:
        if unit.status != "ok":
            cells = td(unit.unit) + td(f"{unit.ruleset_id} {unit.target}".strip())
            cells += f'<td colspan="{len(numbers) + 6}" class="unusable">{e(unit.message)}</td>'
            rows.append(f"<tr>{cells}<td>{e(unit.path)}</td></tr>")
            continue
        areas = {a.number: a for a in unit.areas}
        cells = td(unit.unit) + td(f"{unit.ruleset_id}, {unit.target}")
        for n in numbers:
            a = areas.get(n)
            if a is None:
                cells += td("")
            elif a.backed is None:
                cells += td(f"{a.supported}/{a.questions} berbukti", True)
            else:
                cells += td(
                    f"{num(a.backed)} / {num(a.weight)}<br><small>{pct(a.backed, a.weight)}</small>", True, True
                )
        total = f"{num(unit.claimed.total)} → <b>{num(unit.backed.total)}</b>" if unit.backed else "—"
        cells += td(total, True, True) + _predicate_cell(unit, "WBK") + _predicate_cell(unit, "WBBM")
        cells += td(f"{unit.supported}/{unit.questions} ({pct(unit.supported, unit.questions)})", True)
        cells += td(unit.errors, True) + td("ya" if unit.ready else "belum")
        note = unit.message if unit.answers != "ok" else ""
        rows.append(f"<tr>{cells}{td(note)}</tr>")
    numeric = list(range(2, 3 + len(numbers))) + [len(numbers) + 5, len(numbers) + 6]
    ok = sum(1 for u in rollup.units if u.ready)
    missing = [u for u in rollup.units if u.status == "no_catalog"]
    intro = (
        f'<h1>Rekap kesiapan Zona Integritas</h1><p class="meta">{len(rollup.units)} unit · {ok} siap · '
        f"keadaan per {e(tanggal(rollup.today))}. Nilai area: didukung data dukung / bobot; WBK dan WBBM: "
        "sesuai jawaban / didukung data dukung.</p>"
    )
    if missing:
        intro += (
            '<div class="note">Unit tanpa katalog belum dapat dinilai: jalankan <code>zi-evidence index DIR</code> '
        )
        intro += "untuk setiap folder unit tersebut.</div>"
    rekap = "".join(f"<tr>{''.join(td(c, isinstance(c, int)) for c in line)}</tr>" for line in rollup_rekap(rollup))
    if rekap:
        rekap = f"<h2>{e(REKAP_TITLE)}</h2>" + table(REKAP_HEAD, [rekap], (2, 3))
    return (
        intro
        + table(head, rows, numeric)
        + rekap
        + (f"<footer>Dibuat oleh zi-evidence {e(rollup.tool_version)}.</footer>")
    )
