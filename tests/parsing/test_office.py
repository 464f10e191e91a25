"""zi_evidence.parsing.office: the zip checks every zip-based parser relies on."""

import io
import struct
import zipfile

import pytest

from zi_evidence.parsing import ParseFailure  # noqa: E402
from zi_evidence.parsing.office import check_zip, head_member_names  # noqa: E402
from zi_evidence.problems import MB as MIB  # noqa: E402


def archive_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def check(data: bytes, cap_bytes: int, **kwargs):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return check_zip(archive, cap_bytes, **kwargs)


def refused(data: bytes, cap_bytes: int, **kwargs):
    with pytest.raises(ParseFailure) as caught:
        check(data, cap_bytes, **kwargs)
    return caught.value.problem


def test_a_normal_archive_passes_and_is_summarised():
    summary = check(archive_bytes({"a.xml": b"<a/>" * 100, "b.bin": b"xyz"}), MIB)
    assert summary.members == 2
    assert summary.inflated_bytes == 403


def test_absurd_ratio_is_a_zip_bomb():
    problem = refused(archive_bytes({"word/document.xml": b"0" * (20 * MIB)}), 400 * MIB)
    assert problem.code == "zip_bomb"
    assert "word/document.xml" in problem.message


def test_member_or_total_over_the_cap_is_too_large():
    noise = bytes(range(256)) * 4096  # 1 MiB that barely compresses
    assert refused(archive_bytes({"media/foto.jpg": noise}), MIB // 2).code == "too_large"
    assert refused(archive_bytes({"a": noise[: MIB // 2], "b": noise[: MIB // 2]}), 3 * MIB // 4).code == "too_large"


def test_a_lying_size_header_is_refused_not_inflated():
    data = bytearray(archive_bytes({"word/document.xml": b"<w:t>" + b"a" * 200_000 + b"</w:t>"}))
    # rewrite the declared size (local header and central directory) to claim 10 bytes
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 10)
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)
    problem = refused(bytes(data), MIB)
    assert problem.code == "corrupt"


def test_only_selected_members_are_inflated():
    data = bytearray(archive_bytes({"ok.xml": b"<ok/>", "media/x.bin": b"b" * 5000}))
    central = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)  # the second member's entry
    struct.pack_into("<I", data, central + 24, 10)
    assert check(bytes(data), MIB, inflate=lambda name: name.endswith(".xml")).members == 2
    assert refused(bytes(data), MIB).code == "corrupt"


def test_head_member_names_reads_local_headers():
    data = archive_bytes({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<r/>", "word/document.xml": b"<d/>"})
    assert head_member_names(data) == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    assert head_member_names(data[: 30 + 19]) == ["[Content_Types].xml"]  # the first header, whole
    assert head_member_names(b"%PDF-1.7") == []
