"""Office files (DOCX/XLSX) made reproducible: python-docx and openpyxl stamp the current time.

Both the zip entry times and the ``created``/``modified`` dates in ``docProps/core.xml`` are set
to the bundle's build time, so a letter generated twice from the same inputs has the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

_W3CDTF = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    return (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def normalize(data: bytes, when: datetime) -> bytes:
    """The same package with fixed entry times, fixed permissions and core dates set to ``when``."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/core.xml":
                content = _W3CDTF.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            info = zipfile.ZipInfo(item.filename, zip_time(when))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, content, compresslevel=6)
    return out.getvalue()
