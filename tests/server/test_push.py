"""Push: a unit's snapshot and only the files the server lacks; a second or interrupted push leaves the
same state; a tampered file is refused; the zip route for air-gapped units does the same."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
import zipfile

import pytest
from sqlalchemy import func, select

from zi_evidence.errors import PushRefused, ServerError


def _state(db):
    """Everything a push writes, as comparable data."""
    from zi_evidence.server.tables import blobs, pages, snapshots, unit_answers, unit_files, unit_findings

    with db.engine.connect() as c:
        return {
            "files": sorted(tuple(r) for r in c.execute(select(unit_files))),
            "blobs": sorted(tuple(r) for r in c.execute(select(blobs))),
            "pages": c.execute(select(func.count()).select_from(pages)).scalar(),
            "findings": sorted((r.code, r.path or "") for r in c.execute(select(unit_findings))),
            "answers": sorted(tuple(r) for r in c.execute(select(unit_answers))),
            "snapshots": sorted((r.unit_id, r.year, r.digest, r.pushed_at) for r in c.execute(select(snapshots))),
        }


def _repo(root):
    from zi_evidence.repository import Repository

    return Repository.open(root)


def test_a_push_sends_each_file_once_and_again_changes_nothing(unit_drive, live_server, issue_token, org, blob_store):
    from zi_evidence.server.collect import collect
    from zi_evidence.server.push import push_http

    root = unit_drive("UPT-A")
    token = issue_token("UPT-A")
    snapshot = collect(_repo(root))
    first = push_http(_repo(root), snapshot, live_server, token)
    assert (first.sent, first.changed) == (2, True)
    state = _state(org)
    assert [f[2] for f in state["files"]] == sorted(e.path for e in snapshot.files)
    for sha, size in state["blobs"]:  # one verified copy per hash, byte for byte the unit's file
        with blob_store.open(sha) as stored:
            data = stored.read()
        assert hashlib.sha256(data).hexdigest() == sha and len(data) == size
    assert state["pages"] == sum(len(t) for t in snapshot.texts.values()) >= 2

    again = push_http(_repo(root), collect(_repo(root)), live_server, token)
    assert (again.sent, again.changed) == (0, False)
    assert _state(org) == state


def test_an_interrupted_push_is_finished_by_pushing_again(unit_drive, live_server, issue_token, org):
    from zi_evidence.server.collect import collect
    from zi_evidence.server.push import _Client, _file_bytes, _sources, push_http

    root = unit_drive("UPT-B")
    token = issue_token("UPT-B")
    repo = _repo(root)
    snapshot = collect(repo)
    client = _Client(live_server, token)
    missing = client.call("POST", "/api/push", snapshot.to_json(), "application/json")["missing"]
    assert len(missing) == 2
    first = missing[0]  # the connection is cut after one file
    client.call("PUT", f"/api/blobs/{first}", _file_bytes(repo, _sources(repo)[first], first), "x/y")
    assert _state(org)["files"] == []  # nothing of the unit's state changes until every file is there
    result = push_http(repo, snapshot, live_server, token)
    assert (result.sent, result.changed) == (1, True)
    assert len(_state(org)["files"]) == 2


def test_a_file_tampered_with_in_transit_is_refused(unit_drive, live_server, issue_token, org, blob_store):
    from zi_evidence.server.collect import collect
    from zi_evidence.server.push import _Client

    root = unit_drive("UPT-C")
    token = issue_token("UPT-C")
    snapshot = collect(_repo(root))
    sha = sorted(snapshot.hashes())[0]
    _Client(live_server, token).call("POST", "/api/push", snapshot.to_json(), "application/json")
    request = urllib.request.Request(
        f"{live_server}/api/blobs/{sha}", data=b"%PDF-1.4 bukan berkas aslinya", method="PUT",
        headers={"Authorization": f"Bearer {token}"},
    )  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 422
    assert "tidak cocok dengan sidiknya" in json.loads(refused.value.read())["error"]["message"]
    assert not blob_store.has(sha) and _state(org)["blobs"] == []


def test_only_files_the_units_snapshot_announced_are_taken(unit_drive, live_server, issue_token, org, blob_store):
    from zi_evidence.server.push import _Client

    token = issue_token("UPT-A")
    body = b"berkas apa saja yang tidak disebut manifest"
    sha = hashlib.sha256(body).hexdigest()
    with pytest.raises(PushRefused, match="tidak disebut snapshot unit ini"):
        _Client(live_server, token).call("PUT", f"/api/blobs/{sha}", body, "application/octet-stream")
    assert not blob_store.has(sha)


def test_pushes_need_a_valid_token(unit_drive, live_server, org):
    from zi_evidence.server.collect import collect
    from zi_evidence.server.push import push_http

    root = unit_drive("UPT-A")
    with pytest.raises(ServerError, match="tidak dikenal atau sudah dicabut"):
        push_http(_repo(root), collect(_repo(root)), live_server, "zit_palsu")
    assert _state(org)["files"] == []


def test_zip_for_air_gapped_units_and_a_tampered_zip_is_refused(unit_drive, org, blob_store, tmp_path, run_cli):
    from zi_evidence.server.service import Ingest

    root = unit_drive("UPT-C")
    archive = tmp_path / "upt-c.zip"
    result = run_cli("push", "--to", archive, "-C", root)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        members = {n: z.read(n) for n in names}
    assert "snapshot.json" in names and len([n for n in names if n.startswith("berkas/")]) == 2

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as z:
        for name, data in members.items():
            z.writestr(name, data + b"x" if name == sorted(n for n in names if n.startswith("berkas/"))[-1] else data)
    with pytest.raises(PushRefused, match="tidak cocok dengan sidiknya"):
        Ingest(org, blob_store).import_zip(tampered, "UPT-C")
    assert _state(org)["files"] == []

    assert Ingest(org, blob_store).import_zip(archive, "UPT-C").changed is True
    once = _state(org)
    assert len(once["files"]) == 2
    assert Ingest(org, blob_store).import_zip(archive, "UPT-C").changed is False
    assert _state(org) == once


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["files"][0].update(size="12"),
        lambda d: d["files"][0].update(extra=1),
        lambda d: d["files"][0].update(sha256="../../etc/passwd"),
        lambda d: d["findings"].append({"code": None, "severity": "error", "message": "x"}),
        lambda d: d["reviews"].append({"question_id": "A.1.1.a"}),
        lambda d: d.update(format=99),
    ],
)
def test_a_malformed_snapshot_is_refused_with_a_reason(unit_drive, live_server, issue_token, org, spoil):
    from zi_evidence.server.collect import collect
    from zi_evidence.server.push import _Client

    data = json.loads(collect(_repo(unit_drive("UPT-A"))).to_json())
    spoil(data)
    with pytest.raises(PushRefused, match="ditolak|SHA-256"):
        _Client(live_server, issue_token("UPT-A")).call("POST", "/api/push", json.dumps(data).encode(), "x/json")
    assert _state(org)["files"] == []
