"""``zi-evidence bundle``: catalog → plan → limits → volumes → atomic, deterministic zips."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from zi_evidence.bundle import limits
from zi_evidence.bundle.manifest import MANIFEST, SIDECAR, build_manifest, dump, sidecar
from zi_evidence.bundle.model import (
    BuildResult,
    BundleOptions,
    Document,
    Exclusion,
    LayoutContext,
    PlannedFile,
)
from zi_evidence.bundle.personal import check_personal_data
from zi_evidence.bundle.plan import BundlePlan, make_plan
from zi_evidence.bundle.reports import collect_reports
from zi_evidence.bundle.writer import Member, staged, write_archive
from zi_evidence.errors import BundleError
from zi_evidence.problems import Problem
from zi_evidence.progress import Progress, Silent
from zi_evidence.readiness.reviews import read_reviews, reviews_dict

MAX_PACK_ROUNDS = 8


def layouts(host: Any) -> dict[str, type]:
    return host.bundle_layouts()


def get_layout(host: Any, name: str) -> Any:
    found = layouts(host)
    if name not in found:
        known = ", ".join(sorted(found)) or "(tidak ada; periksa 'zi-evidence plugins')"
        raise BundleError(f"Tata letak bundel '{name}' tidak dikenal. Pilihan: {known}.")
    return found[name]()


def volume_paths(out: Path, count: int) -> list[Path]:
    if count == 1:
        return [out]
    return [out.with_name(f"{out.stem}-{n:02d}{out.suffix or '.zip'}") for n in range(1, count + 1)]


class _BundleBuilder:
    def __init__(self, repo: Any, options: BundleOptions, progress: Progress) -> None:
        self.repo = repo
        self.options = options
        self.progress = progress
        self.layout = get_layout(repo.host, options.layout)
        self.personal_notes: tuple[str, ...] = ()  # set by run(); a dry plan checks no page text

    def make_plan(self, dry: bool = False, stage: str = "Memeriksa katalog dan berkas") -> BundlePlan:
        self.progress.stage(stage, 0)
        with self.repo.catalog() as catalog:
            records = catalog.records()
            skipped = catalog.skipped()
        if not records:
            raise BundleError(
                f"Katalog {self.repo.root} masih kosong. Jalankan 'zi-evidence index {self.repo.root}' lebih dulu."
            )
        root = os.fsencode(self.repo.root)
        converters = self._converters() if self.options.convert else {}
        state = self.repo.state_dir
        ruleset = self.repo.ruleset
        return make_plan(
            root, records, skipped, ruleset, self.layout, self.options, converters, state, dry, self.progress
        )

    def run(self, out: Path) -> BuildResult:
        # the personal-data gate reads the catalog only: refuse before converting anything, from a dry plan
        planned = [f.candidate.original_path for f in self.make_plan(dry=True).files]
        self.personal_notes = check_personal_data(self.repo, planned, self.options.allow_personal_data)
        self.plan = self.make_plan(stage="Menyusun isi bundel")
        kept = {f.candidate.original_path for f in self.plan.files}
        if set(planned) != kept:  # a conversion failed: the notes name only what went in
            self.personal_notes = check_personal_data(self.repo, sorted(kept), self.options.allow_personal_data)
        self.report_docs, self.reports = collect_reports(self.repo, self.layout, self.plan.build_time)
        self.reviews = reviews_dict(read_reviews(self.repo))
        volumes = self._volumes()
        self._refuse_if_strict()
        outputs = volume_paths(out, len(volumes))
        hashes = self._write(outputs, volumes)
        return self._result(outputs, volumes, hashes)

    def _converters(self) -> dict[str, Any]:
        from zi_evidence.bundle.convert import make_converters

        return make_converters(self.repo.host.converters(), self.repo.config.bundle.converters)

    # -- volumes -----------------------------------------------------------------------------------
    def _assemble(self, files: tuple[PlannedFile, ...], number: int, count: int) -> list[Member]:
        first = number == 1
        context = LayoutContext(
            config=self.repo.config,
            ruleset=self.repo.ruleset,
            build_time=self.plan.build_time,
            volume=number,
            volume_count=count,
            files=files,
            exclusions=self.plan.exclusions,
            reports=tuple(self.reports),
            report_documents=tuple(self.report_docs) if first else (),
            notes=self.notes(),
            all_files=self.all_files,
            volume_of=self.volume_of,
        )
        documents: list[Document] = (list(self.report_docs) if first else []) + self.layout.documents(context)
        manifest = dump(
            build_manifest(
                config=self.repo.config,
                ruleset=self.repo.ruleset,
                layout=self.layout,
                options=self.options,
                when=self.plan.build_time,
                when_source=self.plan.build_time_source,
                volume=number,
                volume_count=count,
                files=files,
                documents=documents,
                exclusions=self.plan.exclusions,
                reports=tuple(self.reports),
                notes=self.notes(),
                reviews=self.reviews,
            )
        )
        root = os.fsencode(self.repo.root)
        members = [
            Member(
                f.bundle_path,
                source=_converted_path(f.converted) if f.converted else root + b"/" + f.candidate.raw_path,
                size=f.size,
                sha256=f.sha256,
                shown=f.candidate.original_path,
            )
            for f in files
        ]
        members += [Member(d.bundle_path, data=d.data) for d in documents]
        members += [Member(MANIFEST, data=manifest), Member(SIDECAR, data=sidecar(manifest))]
        return members

    @staticmethod
    def size_of(members: list[Member]) -> int:
        return limits.archive_size(
            (m.name, m.size if m.data is None else limits.stored_size(m.data)[0]) for m in members
        )

    def _volumes(self) -> list[list[Member]]:
        files = self.plan.files
        self._number(files, [list(range(len(files)))])
        whole = self._assemble(files, 1, 1)
        cap = self.options.max_bundle_bytes
        if cap is None or self.size_of(whole) <= cap:
            return [whole]
        if not self.options.split:
            raise BundleError(self._too_big_message(whole, cap))
        # what volumes carry besides evidence, measured with every file listed: volume 1 also holds the
        # letters and listings, later volumes only their index and manifest
        evidence = sum(limits.member_cost(f.bundle_path, f.size) for f in files)
        reserve_first = self.size_of(whole) - evidence
        reserve_other = self.size_of(self._assemble(files, 2, 2)) - evidence
        for _ in range(MAX_PACK_ROUNDS):
            room_first, room = cap - reserve_first, cap - reserve_other
            fitting = tuple(f for f in files if limits.member_cost(f.bundle_path, f.size) <= room)
            if len(fitting) < len(files):
                self._exclude_oversize([f for f in files if f not in fitting], room)
                files = fitting
            if room_first < 0:
                raise BundleError(
                    f"Batas {limits.fmt_mb(cap)} lebih kecil dari surat, daftar dan manifes jilid pertama "
                    f"({limits.fmt_mb(reserve_first)}). Naikkan --max-bundle-mb."
                )
            costs = [limits.member_cost(f.bundle_path, f.size) for f in files]
            groups = limits.pack(costs, room_first, room)
            self._number(files, groups)
            built = [self._assemble(tuple(files[i] for i in g), n, len(groups)) for n, g in enumerate(groups, 1)]
            overflow = max(self.size_of(v) - cap for v in built)
            if overflow <= 0:
                return built
            reserve_first += overflow + 4096
            reserve_other += overflow + 4096
        raise BundleError(
            "Bundel tidak dapat dibagi di bawah batas ukuran; naikkan --max-bundle-mb."
        )  # pragma: no cover

    def _number(self, files: tuple[PlannedFile, ...], groups: list[list[int]]) -> None:
        self.all_files = files
        self.volume_of = {files[i].bundle_path: n for n, group in enumerate(groups, 1) for i in group}

    def _exclude_oversize(self, files: list[PlannedFile], room: int) -> None:
        extra = tuple(
            Exclusion(
                f.candidate,
                Problem(
                    "too_large_for_volume",
                    f"Berkas {limits.fmt_mb(f.size)} tidak muat dalam satu jilid bundel "
                    f"(ruang tersisa {limits.fmt_mb(max(room, 0))}).",
                    "Kompres atau pecah berkasnya, atau naikkan --max-bundle-mb.",
                ),
            )
            for f in files
        )
        self.plan = replace(
            self.plan,
            files=tuple(f for f in self.plan.files if f not in files),
            exclusions=self.plan.exclusions + extra,
        )

    def _too_big_message(self, whole: list[Member], cap: int) -> str:
        used = self.size_of([m for m in whole if m.data is not None])
        over: list[str] = []
        for f in self.plan.files:
            used += limits.member_cost(f.bundle_path, f.size)
            if used > cap:
                over.append(f"  - {f.candidate.original_path} ({limits.fmt_mb(f.size)})")
        shown = "\n".join(over[:20]) + (f"\n  … dan {len(over) - 20} berkas lain" if len(over) > 20 else "")
        return (
            f"Bundel {limits.fmt_mb(self.size_of(whole))} melebihi batas {limits.fmt_mb(cap)}. "
            f"Berkas berikut tidak muat (urutan LKE):\n{shown}\n"
            "Tidak ada yang ditulis. Pakai --split untuk membuat beberapa jilid, atau naikkan --max-bundle-mb."
        )

    def _refuse_if_strict(self) -> None:
        serious = [e for e in self.plan.exclusions if e.finding.code != "unmapped"]
        if self.options.strict and serious:
            lines = "\n".join(f"  - {e.candidate.original_path}: {e.finding.message}" for e in serious[:30])
            raise BundleError(
                f"Mode ketat: {len(serious)} berkas tidak dapat masuk bundel:\n{lines}\nTidak ada yang ditulis."
            )

    # -- output ------------------------------------------------------------------------------------
    def _write(self, outputs: list[Path], volumes: list[list[Member]]) -> list[str]:
        self.progress.stage("Menulis bundel", sum(len(v) for v in volumes))
        hashes: list[str] = []
        with staged(outputs) as temps:
            for temp, members in zip(temps, volumes, strict=True):
                write_archive(temp, members, self.plan.build_time, self.progress.advance)
                manifest = next(m.data for m in members if m.name == MANIFEST)
                hashes.append(sidecar(manifest or b"").split()[0].decode())
        return hashes

    def notes(self) -> tuple[str, ...]:
        return missing_fields(self.repo.config) + self.personal_notes

    def _result(self, outputs: list[Path], volumes: list[list[Member]], hashes: list[str]) -> BuildResult:
        counts = Counter(e.finding.code.split(":")[0] for e in self.plan.exclusions)
        return BuildResult(
            outputs=tuple(str(p) for p in outputs),
            files=len(self.plan.files),
            bytes_total=sum(p.stat().st_size for p in outputs),
            exclusions=self.plan.exclusions,
            reports=tuple(self.reports),
            manifest_sha256=tuple(hashes),
            notes=self.notes(),
            build_time=self.plan.build_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            counts=dict(sorted(counts.items())),
        )


def _converted_path(converted: Any) -> bytes:
    if converted.path is None:  # only a dry plan leaves a conversion pending
        raise BundleError("Konversi PDF belum dijalankan untuk bundel ini; ulangi 'zi-evidence bundle'.")
    return os.fsencode(converted.path)


def plan_bundle(repo: Any, options: BundleOptions) -> BundlePlan:
    """What ``build_bundle`` would put in, convert and leave out; nothing is converted or written."""
    return _BundleBuilder(repo, options, Silent()).make_plan(dry=True)


def missing_fields(config: Any) -> tuple[str, ...]:
    """Letter fields still empty in zi-evidence.yaml: the letters show a placeholder in their place."""
    checks = [
        (config.submission.letter_number, "submission.letter_number (nomor surat pengajuan)"),
        (config.submission.leader.name, "submission.leader.name (nama pimpinan instansi)"),
        (config.submission.leader.nip, "submission.leader.nip (NIP pimpinan instansi)"),
        (config.unit.institution, "unit.institution (nama instansi)"),
        (config.unit.head_name, "unit.head.name (nama kepala unit, penanda tangan SPTJM)"),
        (config.unit.head_nip, "unit.head.nip (NIP kepala unit)"),
    ]
    empty = [label for value, label in checks if not value]
    if not empty:
        return ()
    return (f"Isian surat yang masih kosong di zi-evidence.yaml (tampil sebagai '(…)' di surat): {', '.join(empty)}.",)


def build_bundle(repo: Any, out: Path, options: BundleOptions, progress: Progress | None = None) -> BuildResult:
    """Build the upload bundle of ``repo`` at ``out`` (``out-01.zip``… when split)."""
    if out.suffix.lower() != ".zip":
        raise BundleError(f"Nama keluaran {out} harus berakhiran .zip.")
    repo.refuse_output(out)
    return _BundleBuilder(repo, options, progress or Silent()).run(out)


__all__ = ["BundlePlan", "build_bundle", "plan_bundle", "get_layout", "layouts", "missing_fields", "volume_paths"]
