"""Built-in zi-evidence plugin: the PMPZI upload-bundle layout, with its letters and offline index."""

from __future__ import annotations

from zi_evidence import hookimpl


@hookimpl
def register_bundle_layouts() -> list[type]:
    from zi_evidence_pmpzi.layout import PmpziLayout

    return [PmpziLayout]
