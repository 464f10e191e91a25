"""The plugin host: a fresh pluggy manager per call, entry points loaded one by one.

A plugin that fails to import is recorded with its error and skipped, so one broken
third-party package never stops the program; ``zi-evidence plugins`` shows it.
"""

from __future__ import annotations

import importlib.metadata
import os
from dataclasses import dataclass, field
from typing import Any

import pluggy

from zi_evidence import hookspecs

ENTRY_POINT_GROUP = "zi_evidence"
DISABLE_ENV = "ZI_EVIDENCE_DISABLE_PLUGINS"
LOAD_ENV = "ZI_EVIDENCE_LOAD_PLUGINS"


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str | None
    version: str | None
    module: str | None
    hooks: tuple[str, ...] = ()
    error: str | None = None


@dataclass
class PluginHost:
    """A plugin manager plus what happened while loading it."""

    pm: pluggy.PluginManager
    infos: dict[str, PluginInfo] = field(default_factory=dict)

    @property
    def hook(self) -> Any:
        return self.pm.hook

    def plugin_infos(self) -> list[PluginInfo]:
        """Every plugin seen, loaded or not, with the hooks it implements now."""
        result = []
        for name, info in sorted(self.infos.items()):
            plugin = self.pm.get_plugin(name)
            hooks = tuple(sorted(h.name for h in self.pm.get_hookcallers(plugin) or ())) if plugin else ()
            result.append(PluginInfo(info.name, info.distribution, info.version, info.module, hooks, info.error))
        return result

    def register(self, plugin: object, name: str) -> None:
        """Register an in-process plugin (tests, embedding applications)."""
        self.pm.register(plugin, name=name)
        module = getattr(plugin, "__name__", type(plugin).__name__)
        self.infos[name] = PluginInfo(name, None, None, module)
        self.pm.check_pending()

    def contributions(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call one registration hook plugin by plugin: ``(plugin name, item)`` for every returned item."""
        caller = getattr(self.pm.hook, hook_name)
        items: list[tuple[str, Any]] = []
        for impl in caller.get_hookimpls():
            returned = impl.function(**kwargs)
            for item in returned or ():
                items.append((impl.plugin_name, item))
        return items


def _names_from_env(variable: str) -> set[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


def make_plugin_manager(load_entry_points: bool = True) -> PluginHost:
    """Build a new plugin host; tests call it with ``load_entry_points=False`` and register their own."""
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm)
    if load_entry_points:
        _load_entry_points(host)
    pm.check_pending()
    return host


def _describe(distribution: Any) -> tuple[str | None, str | None]:
    """Name and version, from one read of the metadata (each attribute alone reads it again)."""
    if distribution is None:
        return None, None
    metadata = distribution.metadata
    return metadata["Name"], metadata["Version"]


def _load_entry_points(host: PluginHost) -> None:
    disabled = _names_from_env(DISABLE_ENV) or set()
    allowed = _names_from_env(LOAD_ENV)
    described: dict[int, tuple[str | None, str | None]] = {}
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in host.infos:
            continue  # the same distribution seen twice on sys.path
        dist, version = described.get(id(ep.dist)) or _describe(ep.dist)
        described[id(ep.dist)] = (dist, version)
        if ep.name in disabled or (allowed is not None and ep.name not in allowed):
            host.pm.set_blocked(ep.name)
            host.infos[ep.name] = PluginInfo(ep.name, dist, version, ep.value, error="dinonaktifkan")
            continue
        try:
            plugin = ep.load()
            host.pm.register(plugin, name=ep.name)
            host.pm.check_pending()  # a hook this version does not know is the plugin's fault, not ours
        except Exception as exc:  # noqa: BLE001 - any failure of a plugin is reported, never fatal
            if host.pm.get_plugin(ep.name) is not None:
                host.pm.unregister(name=ep.name)
            host.infos[ep.name] = PluginInfo(ep.name, dist, version, ep.value, error=f"{type(exc).__name__}: {exc}")
            continue
        host.infos[ep.name] = PluginInfo(ep.name, dist, version, ep.value)
