"""Safe, portable names inside the bundle.

Every member name is plain ASCII (letters, digits, ``.``, ``-``), has no empty, ``.`` or ``..`` part,
never starts with ``-`` or ``/``, and stays short enough to unpack under Windows' 260-character path
limit. Names are unique ignoring case, because the TPI may unpack the bundle on Windows or macOS.
"""

from __future__ import annotations

import re
import unicodedata

from zi_evidence.errors import BundleError

MAX_COMPONENT = 64
MAX_FILE_NAME = 96
MAX_MEMBER = 200  # leaves ~60 characters for the folder the bundle is unpacked into
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_ID = re.compile(r"[^A-Za-z0-9.]+")
_MEMBER_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def fold_ascii(text: str) -> str:
    """Accents dropped (``é`` → ``e``), compatibility forms unfolded (``ﬁ`` → ``fi``), the rest removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def slug(text: str, max_len: int = 40, fallback: str = "berkas") -> str:
    """``"SK Tim Kerja ZI 2026"`` → ``sk-tim-kerja-zi-2026``; cut at a word boundary when too long."""
    words = _NOT_SLUG.sub("-", fold_ascii(text).lower()).strip("-")
    if len(words) > max_len:
        cut = words[:max_len]
        words = cut.rsplit("-", 1)[0] if "-" in cut[max_len // 2 :] else cut
        words = words.strip("-")
    return words or fallback


def safe_id(text: str, max_len: int = 24) -> str:
    """An LKE id kept readable (``1.i.a``, ``B.I.a``); anything else in it becomes ``-``."""
    cleaned = _NOT_ID.sub("-", fold_ascii(text)).strip(".-")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)[:max_len].strip(".-")
    return cleaned or "x"


def component(text: str, max_len: int = MAX_COMPONENT) -> str:
    """A folder name from an id and a label already joined by the layout (``1.i-penyusunan-tim-kerja``)."""
    kept = re.sub(r"[^A-Za-z0-9.-]+", "-", fold_ascii(text))
    kept = re.sub(r"\.{2,}", ".", kept).strip(".-")[:max_len].strip(".-")
    return kept or "x"


def check_member(name: str) -> None:
    """Raise unless ``name`` is a safe member name (our own guard, also applied to received bundles)."""
    if not name or len(name) > MAX_MEMBER or name.startswith("/") or "\\" in name:
        raise BundleError(f"Nama anggota bundel tidak aman: {name!r}.")
    for part in name.split("/"):
        if part in ("", ".", "..") or not _MEMBER_PART.match(part):
            raise BundleError(f"Nama anggota bundel tidak aman: {name!r} (bagian {part!r}).")


def is_safe_member(name: str) -> bool:
    try:
        check_member(name)
    except BundleError:
        return False
    return True


class NameAllocator:
    """Hands out member names that are unique ignoring case; a clash gets ``-2``, ``-3``… before the extension."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def reserve(self, name: str) -> str:
        check_member(name)
        key = name.casefold()
        if key in self._taken:
            raise BundleError(f"Nama anggota bundel dipakai dua kali: {name}.")
        self._taken.add(key)
        return name

    def file(self, folder: tuple[str, ...], prefix: str, number: int, label: str, extension: str) -> str:
        base = "/".join(folder)
        ext = f".{extension}" if extension else ""
        head = f"{prefix}-{number:02d}-"
        room = min(MAX_FILE_NAME, MAX_MEMBER - len(base) - 1) - len(head) - len(ext) - 4  # 4: a "-NNN" suffix
        if room < 8:
            raise BundleError(f"Folder bundel terlalu panjang untuk nama berkas: {base}.")
        stem = head + slug(label, room)
        for attempt in range(1, 1000):
            name = f"{stem}{'' if attempt == 1 else f'-{attempt}'}{ext}"
            member = f"{base}/{name}" if base else name
            if member.casefold() not in self._taken:
                return self.reserve(member)
        raise BundleError(f"Terlalu banyak berkas bernama sama di {base}.")  # pragma: no cover


def file_label(original_path: str) -> str:
    """The human part of a file name: the original name without its extension and without a leading LKE id."""
    name = original_path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    # "1.i.a SK Tim" / "A.II.5.ii.a Laporan" / "2-i-c Notulen": the id is already the prefix
    stripped = _LEADING_ID.sub("", stem, count=1)
    return stripped.strip(" -_.") or stem


_LEADING_ID = re.compile(
    r"^\s*(?:"
    r"(?:[Aa][.\-_ ])?(?:[IVXivx]+[.\-_ ])?\d+[.\-_ ][ivxIVX\d]+(?:[.\-_ ][a-zA-Z])?"  # 1.i.a, A.II.5.ii.a, 2-i-c
    r"|[Bb][.\-_ ][IVXivx]+[.\-_ ][a-zA-Z0-9]"  # hasil: B.II.a
    r")\b"
)
