"""Before a bundle is written: which of its files hold citizens' personal data, and whether they may go.

A finding whose code starts with ``personal_`` at error or warning severity marks such a file (the
``zi_evidence_personal`` plugin reports them, masked). Unless ``--izinkan-data-pribadi`` or the
``personal_data`` policy of zi-evidence.yaml allows them, nothing is written and every file and page is
named, so the team can redact them first. Allowed files are listed in the bundle's notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zi_evidence.errors import BundleError

PREFIX = "personal_"
BLOCKING = frozenset({"error", "warning"})
SHOWN = 30


@dataclass(frozen=True)
class PersonalFile:
    """A planned file with personal data: its path and the findings (each names a page, masked)."""

    path: str
    findings: tuple[Any, ...]  # validation.findings.Finding

    def pages(self) -> str:
        return ", ".join(str(p) for p in sorted({f.page for f in self.findings if f.page}))

    def describe(self) -> str:
        kinds = " ".join(f.message for f in self.findings)  # each message is a sentence with its full stop
        return f"{self.path} (halaman {self.pages() or '?'}): {kinds}"


def personal_files(findings: Iterable[Any], paths: Iterable[str]) -> list[PersonalFile]:
    """The files among ``paths`` with a blocking personal-data finding, in path order."""
    wanted = set(paths)
    found: dict[str, list[Any]] = {}
    for finding in findings:
        if finding.code.startswith(PREFIX) and finding.severity in BLOCKING and finding.path in wanted:
            found.setdefault(finding.path, []).append(finding)
    return [
        PersonalFile(path, tuple(sorted(items, key=lambda f: (f.page or 0, f.code))))
        for path, items in sorted(found.items())
    ]


def check_personal_data(repo: Any, paths: Iterable[str], allow_all: bool) -> tuple[str, ...]:
    """Refuse (``BundleError``) files with personal data that neither the flag nor the policy allows;
    return the notes that list the allowed ones."""
    from zi_evidence.validation.findings import collect_findings

    files = personal_files(collect_findings(repo), paths)
    if not files:
        return ()
    policy = repo.config.personal_data
    refused = [f for f in files if not (allow_all or policy.allows(f.path))]
    if refused:
        lines = "\n".join(f"  - {f.describe()}" for f in refused[:SHOWN])
        more = f"\n  … dan {len(refused) - SHOWN} berkas lain" if len(refused) > SHOWN else ""
        raise BundleError(
            f"{len(refused)} berkas memuat data pribadi warga dan tidak boleh masuk bundel PMPZI:\n{lines}{more}\n"
            "Tidak ada yang ditulis. Hitamkan data tersebut lalu jalankan 'zi-evidence index' lagi; bila berkas "
            "memang harus ikut, pakai --izinkan-data-pribadi atau personal_data di zi-evidence.yaml "
            "(docs/personal-data.md)."
        )
    listed = "; ".join(f"{f.path} (halaman {f.pages() or '?'})" for f in files)
    return (f"{len(files)} berkas memuat data pribadi dan disertakan atas izin: {listed}.",)
