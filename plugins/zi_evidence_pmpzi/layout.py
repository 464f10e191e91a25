"""The PMPZI layout: one folder per area / indicator / question, named by LKE id and a short label.

DATA-DUKUNG/A.I-pemenuhan/1-manajemen-perubahan/1.i-penyusunan-tim-kerja/1.i.a-tim-pembangunan-zi-.../
    1.i.a-01-sk-tim-zona-integritas.pdf
DATA-DUKUNG/A.II-reform/.../II.1.i.a-01-...      (reform ids keep their "II." so they never meet pemenuhan's)
DATA-DUKUNG/B-hasil/B.I-.../B.I.a-.../B.I.a-01-...
SURAT/01-surat-pengajuan-....docx, SURAT/02-sptjm-<unit>.docx   (volume 1)
LAPORAN/LKE.xlsx, LAPORAN/laporan-kesiapan.html                  (from report plugins, volume 1)
DAFTAR-DATA-DUKUNG.xlsx (volume 1), DAFTAR-ISI.html (every volume), manifest.json (+ .sha256)
"""

from __future__ import annotations

from typing import Any

from zi_evidence import Document, LayoutContext, component, hasil_by_id, safe_id, slug
from zi_evidence_pmpzi.index_html import render_index
from zi_evidence_pmpzi.letters import sptjm, submission_letter, units_of
from zi_evidence_pmpzi.listing import render_listing
from zi_evidence_pmpzi.templates import letter_template

ROOT = "DATA-DUKUNG"
LABEL_LEN = 36


def short_id(ruleset: Any, lke_id: str) -> str:
    """``A.I.1.i.a`` → ``1.i.a``; ``A.II.1.i.a`` → ``II.1.i.a``; ``A.1.1.a`` → ``1.1.a``; hasil ids unchanged."""
    short = lke_id[2:] if lke_id.startswith("A.") else lke_id
    if ruleset.is_split and short.startswith("I."):
        short = short[2:]
    return safe_id(short)


class PmpziLayout:
    name = "pmpzi"
    label = "PMPZI KemenPANRB: folder per area/indikator/pertanyaan, surat pengajuan dan SPTJM"

    def _part_folder(self, ruleset: Any, part: str | None) -> str:
        if not ruleset.is_split:
            return "A-pengungkit"
        spec = next((p for p in ruleset.parts if p.key == part), None)
        code = spec.code if spec else "X"
        return component(f"A.{code}-{slug(spec.name if spec else str(part), 20)}")

    def _indicator_folders(self, ruleset: Any, indicator: Any) -> tuple[str, ...]:
        area = ruleset.area(indicator.area)
        area_name = (area.slug or area.name) if area else str(indicator.area)
        return (
            ROOT,
            self._part_folder(ruleset, indicator.part),
            component(f"{indicator.area}-{slug(area_name, LABEL_LEN)}"),
            component(f"{short_id(ruleset, indicator.id)}-{slug(indicator.slug or indicator.name, LABEL_LEN)}"),
        )

    def folder(self, ruleset: Any, target_id: str) -> tuple[str, ...]:
        question = ruleset.question(target_id)
        if question is not None:
            indicator = ruleset.indicator(question.indicator_id)
            own = component(f"{short_id(ruleset, question.id)}-{slug(question.label, LABEL_LEN)}")
            return (*self._indicator_folders(ruleset, indicator), own)
        indicator = ruleset.indicator(target_id)
        if indicator is not None:
            return self._indicator_folders(ruleset, indicator)
        found = hasil_by_id(ruleset, target_id)
        if found is not None:
            group, part = found
            folders = [ROOT, "B-hasil", component(f"{group.id}-{slug(group.name, LABEL_LEN)}")]
            if part is not None:
                folders.append(component(f"{part.id}-{slug(part.name, LABEL_LEN)}"))
            return tuple(folders)
        return (ROOT, "lain-lain")

    def file_prefix(self, ruleset: Any, target_id: str) -> str:
        return short_id(ruleset, target_id)

    def report_path(self, name: str) -> str:
        known = {"xlsx": "LAPORAN/LKE.xlsx", "html": "LAPORAN/laporan-kesiapan.html"}
        return known.get(name, f"LAPORAN/laporan.{name}")

    def documents(self, context: LayoutContext) -> list[Document]:
        docs: list[Document] = []
        if context.volume == 1:
            docs += self.letters(context)
            if not any(r.name == "xlsx" and r.included for r in context.reports):
                docs.append(self.listing(context))  # stands in for the LKE workbook while none is available
        index = render_index(context, [*context.report_documents, *docs], "Daftar isi bundel data dukung PMPZI")
        docs.append(Document("DAFTAR-ISI.html", index, "daftar_isi", "Daftar isi (buka di peramban)"))
        return docs

    def listing(self, context: LayoutContext) -> Document:
        files = context.all_files or context.files
        data = render_listing(context.ruleset, files, dict(context.volume_of), context.build_time)
        label = "Daftar data dukung per pertanyaan (tanpa jawaban/nilai)"
        return Document("DAFTAR-DATA-DUKUNG.xlsx", data, "daftar_data_dukung", label)

    def letters(self, context: LayoutContext) -> list[Document]:
        template = letter_template(tuple(context.ruleset.lineage or (context.ruleset.id,)))
        config, when = context.config, context.build_time
        file_name = f"SURAT/01-{slug(template.title, 40)}.docx"
        docs = [Document(file_name, submission_letter(config, template, when), "surat_pengajuan", template.title)]
        for number, entry in enumerate(units_of(config), start=2):
            data = sptjm(config, entry, when)
            path = f"SURAT/{number:02d}-sptjm-{slug(entry.name, 60, 'unit')}.docx"
            docs.append(Document(path, data, "sptjm", f"SPTJM {entry.name}"))
        return docs
