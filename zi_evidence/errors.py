"""Domain errors, every one of them. Each message says what went wrong, with which file, and what to do.

Only ``cli.py`` turns them into click errors; per-file problems are data, never exceptions.
"""

from __future__ import annotations

import os
from pathlib import Path

RULESET_DOCS_HINT = "Format berkas rule set dijelaskan di docs/rulesets.md."


class ZiError(Exception):
    """Base of every error zi-evidence reports to its user."""


class ConfigError(ZiError):
    """The repository configuration is missing or invalid."""


class RulesetError(ZiError):
    """A rule set file is invalid or cannot be found."""


class RulesetValidationError(RulesetError):
    """A rule-set file breaks the format; ``problems`` holds ``(json path, message)`` pairs."""

    def __init__(self, source: Path, problems: list[tuple[str, str]], context: str = "") -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"Rule set tidak valid: {source}{context}"]
        lines += [f"  - {path}: {message}" for path, message in problems]
        lines.append(
            "Perbaiki bagian yang disebut (jalur $ dihitung dari akar berkas; [2] = butir ketiga daftar), "
            f"lalu muat ulang. {RULESET_DOCS_HINT}"
        )
        super().__init__("\n".join(lines))

    @property
    def locations(self) -> tuple[str, ...]:
        return tuple(path for path, _ in self.problems)


class PluginError(ZiError):
    """Plugins contradict each other (for example two register the same name)."""


class StateError(ZiError):
    """The tool's own state folder cannot be used."""


class RepositoryUnreachable(StateError):
    """The repository root cannot be seen right now (an unmounted or dropped share); nothing was changed."""


class CatalogMissing(StateError):
    """The repository has never been indexed, so there is nothing to report on."""


class AnswersError(ZiError):
    """The answers file is unreadable or contradicts the rule set; ``problems`` lists every finding."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = tuple(problems)
        listed = "\n  - ".join(problems)
        super().__init__(
            f"{source} tidak valid ({len(problems)} masalah):\n  - {listed}\n"
            "Perbaiki isian tersebut lalu jalankan 'zi-evidence answers check'."
        )


class ScoringError(ZiError):
    """The score cannot be computed as asked (an unknown option or choice)."""


class QueryError(ZiError):
    """The search query cannot be understood."""


class IndexUnavailable(ZiError):
    """The index cannot be opened (corrupt, or locked past every retry); the core rebuilds it."""


class BundleError(ZiError):
    """The bundle cannot be built, verified or compared; the message says which file and what to do."""


class InputBoundError(ZiError):
    """A file we parse ourselves (config, answers, rule set, manifest, workbook) breaks a safety bound
    or is not UTF-8; the message names the file and the bound."""


class OutputPlaceError(ZiError):
    """An output would land inside the evidence tree or the state folder; the message says where to write."""


class ReviewError(ZiError):
    """The review database cannot be used as asked (missing, newer than this program, unreadable)."""


class ReviewRefused(ReviewError):
    """A review action breaks a rule of the chain: a gate, a role, the status machine or self-approval."""


class ReviewConflict(ReviewError):
    """Someone else changed the same review first; nothing of this action was saved."""


class AccountError(ZiError):
    """An account cannot be added or changed as asked (a name taken, a weak password, an unknown role)."""


class LoginFailed(AccountError):
    """The name and password do not match an active account; the message never says which part was wrong."""


class LoginThrottled(LoginFailed):
    """Too many failed logins for this name in a short time; wait before trying again."""


class ServerError(ZiError):
    """The server (or a push to it) cannot do what was asked: no database, an unknown unit, a bad token."""


class YearNotPushed(ServerError):
    """A year named in the address that the unit never pushed (a 404 page, not a failure)."""


class UnknownReportFormat(ServerError):
    """A report format no active plugin gives, asked of a unit's Laporan on the server (a 404)."""


class PushRefused(ServerError):
    """The server refused a snapshot or a file: a hash that does not match, a manifest out of bounds."""


class TokenRefused(ServerError):
    """A push came without a valid unit token (unknown or revoked)."""


# -- operating-system errors a user can cause, worded once for every command -----------------------

_OS_WORDING = {
    "EROFS": (
        "berada di sistem berkas yang hanya-baca",
        "Tulis ke folder lain: keluaran dengan -o, folder status dengan --state-dir (misalnya di disk lokal).",
    ),
    "ENOSPC": (
        "tidak dapat ditulis: disk penuh",
        "Kosongkan ruang di disk itu atau pilih folder lain (-o, "
        "--state-dir), lalu ulangi; katalog tetap seperti sebelum perintah ini.",
    ),
    "EDQUOT": ("tidak dapat ditulis: kuota disk habis", "Kosongkan ruang atau pilih folder lain (-o, --state-dir)."),
    "ENOTDIR": (
        "tidak dapat dipakai: salah satu bagian jalurnya adalah berkas, bukan folder",
        "Pilih jalur lain, atau ganti nama berkas yang menghalangi.",
    ),
    "EEXIST": (
        "sudah ada (sebagai berkas, padahal yang dibutuhkan folder, atau sebaliknya)",
        "Pilih nama lain atau pindahkan yang sudah ada.",
    ),
    "EISDIR": ("adalah folder, padahal yang dibutuhkan berkas", "Beri nama berkas, misalnya FOLDER/laporan.html."),
    "EACCES": ("tidak dapat diakses: hak akses ditolak", "Periksa hak akses folder/berkas itu atau pilih folder lain."),
    "EPERM": ("tidak dapat diubah: tindakan tidak diizinkan", "Periksa hak akses atau pilih folder lain."),
    "ENOENT": ("tidak ada", "Periksa ejaan jalurnya dan sambungan berbagi jaringan."),
    "ENAMETOOLONG": ("terlalu panjang sebagai jalur", "Pakai nama folder/berkas yang lebih pendek."),
    "EIO": (
        "tidak dapat ditulis atau dibaca: galat masukan/keluaran disk (disk rusak atau penuh, sambungan putus)",
        "Periksa disk itu, atau pakai folder lain (-o, --state-dir), lalu ulangi; katalog tetap seperti sebelum "
        "perintah ini.",
    ),
    "EFBIG": ("melampaui batas ukuran berkas", "Pilih disk lain atau periksa batas ukuran berkas sistem."),
}
#: What SQLite says for the same causes (it reports no errno).
_SQLITE_WORDING = {
    "disk is full": "ENOSPC",
    "readonly database": "EROFS",
    "unable to open database": "EACCES",
    "disk i/o error": "EIO",
}


def os_error_message(exc: BaseException, state_dir: Path | None = None) -> str:
    """One Bahasa Indonesia message, with the path and what to do, for an OSError, SQLite or encoding error."""
    import errno
    import sqlite3

    if isinstance(exc, UnicodeError):
        return (
            f"Teks tidak dapat dibaca atau dicetak sebagai UTF-8 ({exc}). Bila berkas yang Anda beri (konfigurasi, "
            "jawaban, rule set) tidak ber-UTF-8, simpan ulang sebagai UTF-8; bila terjadi saat mencetak ke layar, "
            "jalankan dengan PYTHONIOENCODING=utf-8 atau pakai --json."
        )
    where = f"Folder status {state_dir}" if state_dir else "Katalog di folder status"
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        name = next((code for phrase, code in _SQLITE_WORDING.items() if phrase in text), "")
        if isinstance(exc, sqlite3.DatabaseError) and not name and "not a database" in text:
            return (
                f"{where}: katalog rusak (bukan basis data SQLite). Hapus folder status itu lalu jalankan "
                "'zi-evidence index' untuk membangunnya kembali; data dukung tidak tersentuh."
            )
        subject = where
    else:
        assert isinstance(exc, OSError)
        name = errno.errorcode.get(exc.errno or 0, "")
        paths = [p for p in (exc.filename, exc.filename2) if p is not None]
        subject = " → ".join(os.fsdecode(p) if isinstance(p, bytes) else str(p) for p in paths) or where
    what, todo = _OS_WORDING.get(
        name,
        (
            f"gagal diakses ({getattr(exc, 'strerror', None) or exc})",
            "Periksa disk atau sambungan jaringan, atau pakai folder lain (-o, --state-dir).",
        ),
    )
    return f"{subject} {what}. {todo}"
