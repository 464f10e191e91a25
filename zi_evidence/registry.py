"""Named contributions of plugins (parsers, search backends), with duplicates rejected in one place."""

from __future__ import annotations

from typing import Any

from zi_evidence.errors import PluginError
from zi_evidence.plugins import PluginHost


def named(host: PluginHost, hook_name: str, what: str) -> dict[str, Any]:
    """``name -> class`` from a registration hook; two plugins claiming one name is an error naming both."""
    found: dict[str, Any] = {}
    owners: dict[str, str] = {}
    for plugin_name, item in host.contributions(hook_name):
        name = item.name
        if name in found:
            raise PluginError(
                f"{what} bernama '{name}' didaftarkan oleh dua plugin: '{owners[name]}' dan '{plugin_name}'. "
                f"Nonaktifkan salah satunya dengan ZI_EVIDENCE_DISABLE_PLUGINS={plugin_name}."
            )
        found[name] = item
        owners[name] = plugin_name
    return found
