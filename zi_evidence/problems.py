"""The per-file problem record every stage shares (scan, plan, parse, catalog, checks, bundle) and its texts.

Per-file problems are data, never exceptions: a stable ``code`` for machines, a message and a hint
in Bahasa Indonesia, and a severity.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "galat", "warning": "peringatan", "info": "info"}
#: Bytes in a megabyte, as every size limit in the configuration counts them.
MB = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """A per-file problem: a stable ``code`` for machines, a message and a hint in Bahasa Indonesia."""

    code: str
    message: str
    hint: str = ""
    severity: str = "error"

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "hint": self.hint}


EMPTY = Problem("empty", "Berkas kosong (0 bita).", "Ganti dengan berkas yang benar isinya.")
CHANGED_DURING_READ = Problem(
    "changed_during_read",
    "Berkas berubah saat sedang dibaca; dibaca ulang pada putaran berikut.",
    "Tunggu sampai penyalinan/penyimpanan berkas selesai.",
    "warning",
)
TOO_LARGE_HINT = "Perkecil atau pecah berkas, atau naikkan limits.file_mb di zi-evidence.yaml."


def unreadable(exc: OSError) -> Problem:
    """A file the tree holds but that cannot be opened or read."""
    return Problem("unreadable", f"Berkas tidak dapat dibaca ({exc.strerror or exc}).", "Periksa hak akses berkas.")


def too_large_message(size: int, limit_mb: int) -> str:
    return f"Ukuran berkas {size / MB:.0f} MB melebihi batas {limit_mb} MB"
