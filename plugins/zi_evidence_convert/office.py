"""DOCX, XLSX, PPTX and OpenDocument (and their Office 97–2003 forebears) to PDF with LibreOffice headless.

Optional like Tesseract: found on PATH as ``soffice`` (or ``bundle.converters.libreoffice.program``). Each
conversion runs in a private temp folder outside the evidence tree, with its own throwaway LibreOffice
profile (so it neither waits for nor disturbs a LibreOffice the user has open) and a time limit. Its output
carries a creation time and a random id, which is why the core caches the PDF by the source's hash.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from zi_evidence import ConversionFailed, ConvertedPdf, Problem, SourceFile

#: the Debian packages that give a headless ``soffice`` able to print text, sheets and slides
DEBIAN_PACKAGES = "libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"
INSTALL_HINT = (
    f"Pasang LibreOffice (Debian/Ubuntu: apt-get install {DEBIAN_PACKAGES}; Windows/macOS: libreoffice.org), "
    "atau atur bundle.converters.libreoffice.program di zi-evidence.yaml bila letaknya lain; "
    "atau simpan berkasnya sebagai PDF sendiri."
)
EXTENSIONS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/rtf": "rtf",
}
DEFAULT_TIMEOUT_S = 120
VERSION_TIMEOUT_S = 60


class OfficeConverter:
    name: ClassVar[str] = "libreoffice"
    label: ClassVar[str] = "dokumen Office ke PDF (LibreOffice)"
    mime_types: ClassVar[tuple[str, ...]] = tuple(EXTENSIONS)
    merge_folder: ClassVar[bool] = False

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.program = str(settings.get("program") or "soffice")
        self.timeout_s = float(settings.get("timeout_s") or DEFAULT_TIMEOUT_S)

    def executable(self) -> str | None:
        return shutil.which(self.program)

    def missing(self) -> Problem | None:
        if self.executable() is None:
            return Problem("libreoffice_missing", f"LibreOffice ('{self.program}') tidak ditemukan.", INSTALL_HINT)
        if _version(self.executable() or "") is None:
            return Problem(
                "libreoffice_missing", f"LibreOffice ('{self.program}') tidak dapat dijalankan.", INSTALL_HINT
            )
        return None

    def version(self) -> str:
        return _version(self.executable() or "") or "tidak diketahui"

    def convert(self, sources: Sequence[SourceFile], workdir: Path) -> ConvertedPdf:
        (source,) = sources  # one document per PDF
        executable = self.executable()
        if executable is None:
            raise ConversionFailed(f"LibreOffice ('{self.program}') tidak ditemukan. {INSTALL_HINT}")
        extension = EXTENSIONS.get(source.mime) or source.name.rsplit(".", 1)[-1].lower()
        inbox, outbox, profile = workdir / "masuk", workdir / "keluar", workdir / "profil"
        for folder in (inbox, outbox, profile):
            folder.mkdir()
        document = inbox / f"dokumen.{extension}"  # a plain name: LibreOffice's own quirks with odd names stay out
        document.write_bytes(source.data)
        command = [
            executable,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outbox),
            str(document),
        ]
        done = _run(command, workdir, self.timeout_s)
        pdf = outbox / "dokumen.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else f"kode keluar {done.returncode}"
            raise ConversionFailed(
                f"LibreOffice tidak menghasilkan PDF ({reason}); berkasnya mungkin rusak atau terkunci"
            )
        data = pdf.read_bytes()
        return ConvertedPdf(data, _pages(data))


def _run(command: list[str], workdir: Path, timeout_s: float) -> subprocess.CompletedProcess[bytes]:
    """Run LibreOffice in its own process group: ``soffice`` is a launcher whose ``soffice.bin`` child must go
    too when the time runs out, or it would outlive the bundle holding the temp folder."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=workdir,
            env=_env(workdir),
            start_new_session=True,
        )
    except OSError as exc:
        raise ConversionFailed(f"LibreOffice tidak dapat dijalankan ({exc.strerror or exc})") from None
    try:
        out, err = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionFailed(
            f"LibreOffice tidak selesai dalam {timeout_s:g} detik; naikkan "
            "bundle.converters.libreoffice.timeout_s bila dokumennya memang besar"
        ) from None
    finally:
        if process.poll() is None:
            _kill_group(process)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def _env(workdir: Path) -> dict[str, str]:
    # HOME in the temp folder too: nothing of this run lands in the user's own LibreOffice settings
    return {**os.environ, "HOME": str(workdir), "TMPDIR": str(workdir)}


@cache
def _version(executable: str) -> str | None:
    """``LibreOffice 7.4.7.2 …`` as the program says it; None when it cannot run."""
    if not executable:
        return None
    import tempfile

    with tempfile.TemporaryDirectory(prefix="zi-evidence-lo-") as work:
        try:
            done = subprocess.run(
                [executable, f"-env:UserInstallation={Path(work, 'profil').as_uri()}", "--version"],
                capture_output=True,
                timeout=VERSION_TIMEOUT_S,
                env=_env(Path(work)),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    text = done.stdout.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if done.returncode == 0 and text else None


def _pages(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 - the count is for the manifest; LibreOffice's PDF is not in doubt
        return 0
