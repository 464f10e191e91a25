"""/berkas/<id>/asli: the catalogued bytes by id only, with Range support; never a path from the request,
never bytes outside the tree, never other bytes than the catalog describes."""

from __future__ import annotations

import os
from urllib.parse import unquote

import pytest
from starlette.testclient import TestClient

SECRET = b"RAHASIA-DI-LUAR-POHON"


@pytest.fixture(scope="module")
def monev(client, file_ids, web_tree):
    path = next(p for p in file_ids if p.endswith("1.iii.b Laporan Monev Agustus 2026.pdf"))
    return file_ids[path], (web_tree[0] / path).read_bytes()


def test_whole_file_inline_with_its_type(client, monev):
    file_id, data = monev
    response = client.get(f"/berkas/{file_id}/asli")
    assert response.status_code == 200 and response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-disposition"].startswith(
        'inline; filename="1.iii.b Laporan Monev Agustus 2026.pdf"'
    )
    assert response.headers["x-content-type-options"] == "nosniff"


def test_other_types_are_downloads(client, file_ids):
    docx = file_ids["Lain-lain/catatan rapat lama.docx"]
    response = client.get(f"/berkas/{docx}/asli")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    policies = response.headers.get_list("content-security-policy")
    assert "sandbox" in policies and len(policies) == 2, "the download's own policy stays beside the app's"
    assert unquote(response.headers["content-disposition"].split("UTF-8''", 1)[1]) == "catatan rapat lama.docx"
    photo = client.get(f"/berkas/{file_ids['Lain-lain/Foto Gedung Kantor.jpg']}/asli")
    assert photo.headers["content-type"] == "image/jpeg" and photo.headers["content-disposition"].startswith("inline;")


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, None),
        ("bytes=-50", -50, None),
        ("bytes=10-10", 10, 10),
        ("bytes=0-999999999", 0, None),
    ],  # fmt: skip
)
def test_single_range(client, monev, header, start, end):
    file_id, data = monev
    response = client.get(f"/berkas/{file_id}/asli", headers={"Range": header})
    assert response.status_code == 206
    expected = data[start:] if end is None else data[start : end + 1]
    assert response.content == expected
    first = start if start >= 0 else len(data) + start
    assert response.headers["content-range"] == f"bytes {first}-{first + len(expected) - 1}/{len(data)}"
    assert response.headers["content-length"] == str(len(expected))


@pytest.mark.parametrize("header", [f"bytes={10**9}-", "bytes=-0"])
def test_unsatisfiable_range_is_416(client, monev, header):
    file_id, data = monev
    response = client.get(f"/berkas/{file_id}/asli", headers={"Range": header})
    assert response.status_code == 416 and response.headers["content-range"] == f"bytes */{len(data)}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=9-3"])
def test_ranges_we_do_not_serve_get_the_whole_file(client, monev, header):
    file_id, data = monev
    response = client.get(f"/berkas/{file_id}/asli", headers={"Range": header})
    assert response.status_code == 200 and response.content == data


@pytest.mark.parametrize(
    "url",
    [
        "/berkas/../../etc/passwd",
        "/berkas/%2e%2e/%2e%2e/etc/passwd",
        "/berkas/..%2f..%2fetc%2fpasswd",
        "/berkas//etc/passwd",
        "/berkas/%2Fetc%2Fpasswd/asli",
        "/berkas/1/asli/../../../../etc/passwd",
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/berkas/-1/asli",
    ],  # fmt: skip
)
def test_path_traversal_never_reaches_outside(client, url):
    response = client.get(url)
    assert response.status_code in (404, 400), url
    assert b"root:" not in response.content and SECRET not in response.content


def test_the_link_pointing_outside_is_never_catalogued_nor_served(client, file_ids):
    assert "Lain-lain/tautan-keluar.txt" not in file_ids
    for file_id in file_ids.values():
        assert SECRET not in client.get(f"/berkas/{file_id}/asli").content


# -- a file that changed after the index: said so, other bytes never served -----------------------------


@pytest.fixture
def small(make_repo, pdf, indexed_repo, tmp_path):
    from zi_evidence.web import create_app

    root = make_repo()
    target = pdf(root, "PEMENUHAN/AREA I - Manajemen Perubahan/i. Penyusunan Tim Kerja/1.i.a SK Tim.pdf")
    indexed_repo(root)
    outside = tmp_path / "luar.pdf"
    outside.write_bytes(SECRET)
    with TestClient(create_app(root)) as test_client:
        file_id = test_client.get("/api/pertanyaan/A.I.1.i.a").json()["files"][0]["id"]
        yield test_client, file_id, target, outside


def test_a_changed_file_is_409_not_other_bytes(small):
    client, file_id, target, _ = small
    assert client.get(f"/berkas/{file_id}/asli").status_code == 200
    target.write_bytes(b"%PDF-1.4 isi lain yang belum diindeks")
    response = client.get(f"/berkas/{file_id}/asli")
    assert response.status_code == 409 and "berubah sejak diindeks" in response.text
    assert b"isi lain" not in response.content


def test_same_size_and_time_but_other_bytes_is_409(small):
    client, file_id, target, _ = small
    stat = target.stat()
    data = bytearray(target.read_bytes())
    data[-10] ^= 0xFF
    target.write_bytes(bytes(data))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the hash, not the times, tells
    assert client.get(f"/berkas/{file_id}/asli").status_code == 409


def test_a_file_replaced_by_a_link_is_not_followed(small):
    client, file_id, target, outside = small
    target.unlink()
    os.symlink(outside, target)
    for headers in ({}, {"Range": "bytes=0-5"}):
        response = client.get(f"/berkas/{file_id}/asli", headers=headers)
        assert response.status_code == 409 and SECRET not in response.content


def test_a_removed_file_is_404(small):
    client, file_id, target, _ = small
    target.unlink()
    assert client.get(f"/berkas/{file_id}/asli").status_code == 404
