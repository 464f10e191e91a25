"""What a report format plugin is, a base class that writes its bytes safely, and how one is chosen.

A format renders the plain :class:`~zi_evidence.readiness.Readiness` data it is given (and, if it can,
a :class:`~zi_evidence.readiness.Rollup`); it never reads the repository itself. Given ``out_path``
it writes there (and nowhere else); without one it only returns the bytes, which is how the upload
bundle embeds a report (the bundle renames every file, so evidence is shown as paths, not links).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from zi_evidence.errors import ConfigError
from zi_evidence.outputs import write_atomically

if TYPE_CHECKING:
    from zi_evidence.readiness.model import Readiness, Rollup


class ReportFormat(Protocol):
    """The shape of a class returned by ``register_report_formats``; instantiated with no arguments.

    ``render_rollup`` is optional: ``zi-evidence rollup`` offers only the formats that have it.
    """

    name: ClassVar[str]  # what --format takes, e.g. "html"
    label: ClassVar[str]  # what people read
    suffix: ClassVar[str]  # chosen by the -o file's suffix, e.g. ".html"

    def render(self, readiness: Readiness, out_path: Path | None = None) -> bytes:
        """The report as bytes (``str`` is taken as UTF-8); written to ``out_path`` when given."""


class BaseReportFormat:
    """Subclasses set ``name``, ``label``, ``suffix`` and implement ``build`` (and ``build_rollup``).

    ``out_dir`` is the folder the report will sit in (links to evidence are made relative to it), or
    ``None`` when the report is embedded somewhere unknown.
    """

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    suffix: ClassVar[str] = ""

    def build(self, readiness: Readiness, out_dir: Path | None) -> bytes:
        raise NotImplementedError

    def build_rollup(self, rollup: Rollup, out_dir: Path | None) -> bytes:
        raise NotImplementedError

    def render(self, readiness: Readiness, out_path: Path | None = None) -> bytes:
        data = self.build(readiness, Path(out_path).parent if out_path is not None else None)
        if out_path is not None:
            write_atomically(Path(out_path), data)
        return data

    def render_rollup(self, rollup: Rollup, out_path: Path | None = None) -> bytes:
        data = self.build_rollup(rollup, Path(out_path).parent if out_path is not None else None)
        if out_path is not None:
            write_atomically(Path(out_path), data)
        return data


def choose_format(formats: Mapping[str, type[ReportFormat]], name: str | None, output: Path) -> type[ReportFormat]:
    """The format asked for, or the one whose suffix ``output`` ends with."""
    if name is None:
        suffix = output.suffix.lower()
        matches = [f for f in formats.values() if f.suffix.lower() == suffix]
        if len(matches) != 1:
            raise ConfigError(
                f"Format laporan tidak dapat ditebak dari akhiran '{suffix or '(tanpa akhiran)'}' pada {output}. "
                f"Pilih dengan --format: {', '.join(sorted(formats))}."
            )
        return matches[0]
    if name not in formats:
        raise ConfigError(f"Format laporan '{name}' tidak dikenal. Yang tersedia: {', '.join(sorted(formats))}.")
    return formats[name]
