"""The PMPZI upload bundle: deterministic, verifiable zips of the catalogued evidence plus letters.

``build_bundle`` plans from the catalog, checks the (configurable) upload limits before writing,
and writes one zip or numbered volumes atomically; ``verify_bundle`` re-hashes a bundle against its
manifest; ``diff_bundles`` compares two submissions. Layouts (folder names, letters, the offline
index) are plugins: ``register_bundle_layouts``. User guide: docs/bundle.md. A layout needs only the
names below: the model, safe names (``slug``, ``safe_id``, ``component``), ``normalize`` for the
Office files it writes, ``hasil_by_id`` and ``fmt_mb``.
"""

from zi_evidence.bundle.build import build_bundle, get_layout, layouts, volume_paths
from zi_evidence.bundle.diff import BundleDiff, diff_bundles
from zi_evidence.bundle.limits import fmt_mb
from zi_evidence.bundle.model import (
    BuildResult,
    BundleOptions,
    Candidate,
    Document,
    Exclusion,
    Layout,
    LayoutContext,
    PlannedFile,
    ReportStatus,
)
from zi_evidence.bundle.naming import component, safe_id, slug
from zi_evidence.bundle.ooxml import normalize
from zi_evidence.bundle.plan import hasil_by_id
from zi_evidence.bundle.verify import VerifyReport, verify_bundle
from zi_evidence.errors import BundleError

__all__ = [
    "BuildResult",
    "BundleDiff",
    "BundleError",
    "BundleOptions",
    "Candidate",
    "Document",
    "Exclusion",
    "Layout",
    "LayoutContext",
    "PlannedFile",
    "ReportStatus",
    "VerifyReport",
    "build_bundle",
    "component",
    "diff_bundles",
    "fmt_mb",
    "get_layout",
    "hasil_by_id",
    "layouts",
    "normalize",
    "safe_id",
    "slug",
    "verify_bundle",
    "volume_paths",
]
