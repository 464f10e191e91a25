"""schemas/api.json against the app: every /api/ route has a schema, every schema a route, and every
endpoint's real answer on sample_repo/ validates."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest


@pytest.fixture(scope="module")
def api_schema():
    return json.loads((resources.files("zi_evidence.schemas") / "api.json").read_text(encoding="utf-8"))


def _validate(document, ref, instance):
    schema = {"$schema": document["$schema"], "$defs": document["$defs"], "$ref": ref}
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_the_schema_is_valid(api_schema):
    jsonschema.Draft202012Validator.check_schema(api_schema)
    for ref in [*api_schema["endpoints"].values(), *api_schema["writes"].values()]:
        assert ref.removeprefix("#/$defs/") in api_schema["$defs"]


def test_every_api_route_has_a_schema_and_every_schema_a_route(client, api_schema):
    api = [r for r in client.app.routes if getattr(r, "path", "").startswith("/api")]
    reads = {re.sub(r":\w+}", "}", r.path) for r in api if "GET" in r.methods}
    writes = {re.sub(r":\w+}", "}", r.path) for r in api if "POST" in r.methods}
    assert reads == set(api_schema["endpoints"])
    assert writes == set(api_schema["writes"])


def _urls(client, file_ids):
    hostile = next(i for p, i in file_ids.items() if p.startswith("Lain-lain/<img"))
    monev = next(i for p, i in file_ids.items() if "Laporan Monev Juli" in p or "Laporan Monev Agustus 2026" in p)
    return {
        "/api/": ["/api/"],
        "/api/lke": ["/api/lke", "/api/lke?area=hasil", "/api/lke?status=kurang&severity=warning"],
        "/api/pertanyaan/{question_id}": [
            "/api/pertanyaan/A.I.1.iii.b",
            "/api/pertanyaan/A.I.1.ii.b",
            "/api/pertanyaan/B.I.a",
        ],  # fmt: skip
        "/api/berkas/{file_id}": [f"/api/berkas/{monev}", f"/api/berkas/{hostile}"],
        "/api/cari": ["/api/cari?q=zona+integritas", "/api/cari?q=", "/api/cari?q=%22tidak+ada+sama+sekali%22"],
        "/api/belum-terpetakan": ["/api/belum-terpetakan"],
        "/api/masalah": ["/api/masalah"],
        "/api/laporan": ["/api/laporan"],
        "/api/bundel": ["/api/bundel"],
        "/api/antrean": ["/api/antrean"],
        "/api/sesi": ["/api/sesi"],
    }


def test_every_endpoint_answers_as_documented(client, api_schema, file_ids):
    urls = _urls(client, file_ids)
    assert set(urls) == set(api_schema["endpoints"])  # a new endpoint needs a sample URL here too
    for endpoint, examples in urls.items():
        for url in examples:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["content-type"].startswith("application/json")
            assert _validate(api_schema, api_schema["endpoints"][endpoint], response.json()) == [], url


def test_errors_answer_as_documented(client, api_schema):
    for url in ("/api/berkas/999999", "/api/pertanyaan/Z.9", "/api/tidak-ada"):
        response = client.get(url)
        assert response.status_code == 404
        assert _validate(api_schema, api_schema["errors"], response.json()) == [], url


def test_the_schema_fails_on_drift(client, api_schema):
    """The check can fail: an answer with an undocumented field is rejected."""
    data = client.get("/api/laporan").json()
    data["formats"][0]["extra"] = 1
    assert _validate(api_schema, api_schema["endpoints"]["/api/laporan"], data)
