"""``DAFTAR-ISI.html``: a plain, offline index of one volume (no script, no network, relative links)."""

from __future__ import annotations

from html import escape
from typing import Any

from zi_evidence import Document, LayoutContext, fmt_mb, hasil_by_id

_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top;font-size:90%}"
    "th{background:#eee}.q{background:#f6f6f6;font-weight:bold}.warn{color:#a40}.small{color:#555;font-size:85%}"
)


def _target_label(ruleset: Any, target_id: str) -> str:
    found = hasil_by_id(ruleset, target_id)
    item = ruleset.question(target_id) or ruleset.indicator(target_id) or (found and (found[1] or found[0]))
    text = getattr(item, "label", None) or getattr(item, "name", "")
    return f"{target_id} — {text}" if text else target_id


def render_index(context: LayoutContext, documents: list[Document], title: str) -> bytes:
    unit = context.config.unit
    rows: list[str] = []
    current = None
    for planned in context.files:
        c = planned.candidate
        if c.target_id != current:
            current = c.target_id
            rows.append(
                f'<tr class="q"><td colspan="5">{escape(_target_label(context.ruleset, current or ""))}</td></tr>'
            )
        warn = "".join(f'<div class="warn">{escape(f.message)}</div>' for f in c.problems)
        link = escape(planned.bundle_path, quote=True)
        made = planned.converted
        origin = escape(c.original_path)
        pages = c.page_count
        if made is not None:  # a PDF made for the bundle: every file it was made from, and by what
            origin = "<br>".join(escape(s.original_path) for s in made.sources)
            origin += f'<div class="small">diubah ke PDF ({escape(made.converter)})</div>'
            pages = made.pages
        rows.append(
            f'<tr><td><a href="{link}">{escape(planned.bundle_path.rsplit("/", 1)[-1])}</a></td>'
            f"<td>{origin}{warn}</td><td>{pages or ''}</td>"
            f"<td>{fmt_mb(planned.size)}</td><td><code>{planned.sha256[:12]}</code></td></tr>"
        )
    docs = "".join(
        f'<li><a href="{escape(d.bundle_path, quote=True)}">{escape(d.label)}</a> ({escape(d.bundle_path)})</li>'
        for d in sorted(documents, key=lambda d: d.bundle_path)
    )
    missing = "".join(f"<li>{escape(r.message)}</li>" for r in context.reports if not r.included)
    excluded = "".join(
        f"<li>{escape(e.candidate.original_path)}: {escape(e.finding.message)}</li>" for e in context.exclusions
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in context.notes)
    volume = f" — jilid {context.volume} dari {context.volume_count}" if context.volume_count > 1 else ""
    html = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{escape(title)}{escape(volume)}</h1>
<p>{escape(unit.name)} — {escape(unit.institution)}<br>
Tahun {context.config.year}, target {escape(context.config.target)};
aturan {escape(context.ruleset.id)}; dibuat {context.build_time.strftime("%Y-%m-%d %H:%M")} UTC.</p>
<p>Isi bundel tercatat lengkap dengan SHA-256 di <a href="manifest.json">manifest.json</a>;
periksa keutuhannya dengan <code>zi-evidence bundle verify</code>.</p>
<h2>Dokumen</h2><ul>{docs or "<li>(tidak ada)</li>"}</ul>
{f"<ul>{missing}</ul>" if missing else ""}
<h2>Data dukung ({len(context.files)} berkas)</h2>
<table><tr><th>Berkas di bundel</th><th>Asal di repositori</th><th>Hlm.</th><th>Ukuran</th><th>SHA-256</th></tr>
{"".join(rows)}</table>
<h2>Tidak dimasukkan ({len(context.exclusions)} berkas)</h2><ul>{excluded or "<li>(tidak ada)</li>"}</ul>
{f"<h2>Catatan</h2><ul>{notes}</ul>" if notes else ""}
</body></html>
"""
    return html.encode("utf-8")
