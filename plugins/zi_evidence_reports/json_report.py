"""The readiness report as JSON: ``Readiness.to_dict()``, valid against ``schemas/report.schema.json``."""

from __future__ import annotations

import json
from pathlib import Path

from zi_evidence import BaseReportFormat, Readiness, Rollup


def dump(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class JsonReport(BaseReportFormat):
    name = "json"
    label = "Laporan kesiapan (JSON, untuk diolah program lain)"
    suffix = ".json"

    def build(self, readiness: Readiness, out_dir: Path | None) -> bytes:
        return dump({"report": "readiness", **readiness.to_dict()})

    def build_rollup(self, rollup: Rollup, out_dir: Path | None) -> bytes:
        return dump({"report": "rollup", **rollup.to_dict()})
