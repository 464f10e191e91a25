"""zi-evidence: a managed repository of Zona Integritas supporting documents (data dukung)."""

import pluggy

__version__ = "0.1.0"

#: Plugins decorate their hook implementations with this marker: ``from zi_evidence import hookimpl``.
hookimpl = pluggy.HookimplMarker("zi_evidence")

__all__ = ["__version__", "hookimpl"]
