"""The plugin host: a fresh pluggy manager per call, entry points loaded one by one, hooks called here only.

A plugin that fails to import is recorded with its error and skipped, so one broken
third-party package never stops the program; ``zi-evidence plugins`` shows it. Every hook is
called through one typed method of ``PluginHost``, over one loop that keeps pluggy's order
(last registered first; ``tryfirst`` before, ``trylast`` after) but runs each plugin on its own,
so one plugin's exception is recorded and the others still contribute.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from zi_evidence import hookspecs
from zi_evidence.errors import PluginError

if TYPE_CHECKING:
    import click

    from zi_evidence.bundle.convert import Converter
    from zi_evidence.bundle.model import Layout
    from zi_evidence.index.inputs import ExternalInputs
    from zi_evidence.index.kinds import KindDetector
    from zi_evidence.parsing import Parser
    from zi_evidence.readiness.formats import ReportFormat
    from zi_evidence.search.backend import SearchBackend
    from zi_evidence.validation.filechecks import FileCheck
    from zi_evidence.validation.findings import EvidenceContext, Finding

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


@dataclass(frozen=True)
class HookFailure:
    """One plugin's implementation of one hook raised: the others' contributions were kept."""

    plugin: str
    hook_name: str
    error: str  # "RuntimeError: ..."


@dataclass
class PluginHost:
    """A plugin manager plus what happened while loading and calling it."""

    pm: pluggy.PluginManager
    infos: dict[str, PluginInfo] = field(default_factory=dict)
    failures: list[HookFailure] = field(default_factory=list)

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

    def plugin_object(self, name: str) -> object | None:
        """The registered plugin (module or object) called ``name``, for its optional ``status()``."""
        return self.pm.get_plugin(name)

    # -- one typed method per hook ------------------------------------------------------------------
    def parsers(self) -> dict[str, type[Parser]]:
        return self._named("register_parsers", "Parser")

    def kind_detectors(self) -> dict[str, type[KindDetector]]:
        return self._named("register_kind_detectors", "Pendeteksi jenis dokumen")

    def search_backends(self) -> dict[str, type[SearchBackend]]:
        return self._named("register_search_backends", "Mesin pencari")

    def report_formats(self) -> dict[str, type[ReportFormat]]:
        return self._named("register_report_formats", "Format laporan")

    def bundle_layouts(self) -> dict[str, type[Layout]]:
        return self._named("register_bundle_layouts", "Tata letak bundel")

    def converters(self) -> dict[str, type[Converter]]:
        return self._named("register_converters", "Pengubah PDF")

    def file_checks(self) -> dict[str, tuple[str, type[FileCheck]]]:
        """``check name -> (plugin name, class)`` from ``register_file_checks``."""
        return self._owned("register_file_checks", "Pemeriksaan per berkas")

    def plugin_version(self, name: str) -> str | None:
        """The version of the distribution a plugin came from (None for one registered in-process)."""
        info = self.infos.get(name)
        return info.version if info else None

    def ruleset_files(self) -> list[tuple[str, str | os.PathLike[str]]]:
        """``(plugin name, path)`` for every rule-set file; ``RulesetRegistry`` reports a bad entry."""
        return [(name, item) for name, items in self._each("register_rulesets") for item in items or ()]

    def findings(self, context: EvidenceContext, cache: Path | None = None) -> list[Finding]:
        """Every plugin's findings (``evidence_findings``, then the file checks, their scans kept in ``cache``),
        each with its ``source``; a failing plugin becomes a ``plugin_error``."""
        from zi_evidence.validation.filechecks import file_check_findings
        from zi_evidence.validation.findings import Finding, plugin_failure

        before = len(self.failures)
        found: list[Finding] = []
        items = [
            (name, item)
            for name, returned in self._each("evidence_findings", context=context)
            for item in returned or ()
        ]
        items += file_check_findings(
            self.file_checks(),
            self.plugin_version,
            lambda plugin, where, error: self.failures.append(HookFailure(plugin, where, error)),
            context,
            cache,
        )
        for name, item in items:
            if isinstance(item, Finding):
                found.append(item if item.source else replace(item, source=name))
            else:
                found.append(plugin_failure(name, f"mengembalikan {type(item).__name__}, bukan Finding"))
        found.extend(plugin_failure(f.plugin, f.error) for f in self.failures[before:])
        return found

    def personal_spans(self, text: str) -> list[tuple[int, int]]:
        """Every plugin's spans of personal data in ``text`` (``find_personal_data``), sorted; bad items dropped."""
        spans = {
            (int(a), int(b))
            for _, returned in self._each("find_personal_data", text=text)
            for a, b in returned or ()
            if 0 <= int(a) < int(b) <= len(text)
        }
        return sorted(spans)

    def external_inputs(self) -> ExternalInputs:
        """Every plugin's ``external_inputs`` together; a value of another type is that plugin's failure."""
        from zi_evidence.index.inputs import ExternalInputs

        paths: set[str] = set()
        variables: set[str] = set()
        for name, returned in self._each("external_inputs"):
            if not isinstance(returned, ExternalInputs):
                self.failures.append(HookFailure(name, "external_inputs", f"mengembalikan {type(returned).__name__}"))
                continue
            paths.update(str(path) for path in returned.paths)
            variables.update(returned.variables)
        return ExternalInputs(tuple(sorted(paths)), tuple(sorted(variables)))

    def loaded_as_installed(self) -> bool:
        """Whether these are exactly the installed plugins, each loaded and none failing so far: only then may a
        later command take this run's outcome for its own (``index.settled``)."""
        return not self.failures and all(
            info.distribution is not None and info.error in (None, "dinonaktifkan") for info in self.infos.values()
        )

    def plugin_modules(self) -> list[str]:
        """The top-level packages the loaded plugins came from (``pkg`` for an entry point ``pkg.module:object``)."""
        return sorted({info.module.split(":")[0].split(".")[0] for info in self.infos.values() if info.module})

    def add_commands(self, cli: click.Group) -> list[HookFailure]:
        """Let every plugin add its subcommands to ``cli``; the failures, for the caller to show."""
        before = len(self.failures)
        self._each("register_commands", cli=cli)
        return self.failures[before:]

    # -- the one call loop --------------------------------------------------------------------------
    def _each(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """``(plugin name, returned value)`` per implementation, in the order pluggy would call them.

        pluggy keeps implementations from last to first call (``get_hookimpls``) and walks them
        reversed. Wrappers are skipped: they wrap one call of all plugins, which this loop never makes.
        Each implementation gets only the arguments it declares (``argnames``), as pluggy does.
        A failure is kept in ``failures`` and the loop goes on.
        """
        results: list[tuple[str, Any]] = []
        for impl in reversed(getattr(self.pm.hook, hook).get_hookimpls()):
            if impl.wrapper or impl.hookwrapper:
                continue
            try:
                returned = impl.function(*(kwargs[name] for name in impl.argnames))
            except Exception as exc:  # noqa: BLE001 - one broken plugin must not hide the others' work
                self.failures.append(HookFailure(impl.plugin_name, hook, f"{type(exc).__name__}: {exc}"))
                continue
            results.append((impl.plugin_name, returned))
        return results

    def _named(self, hook: str, what: str) -> dict[str, Any]:
        """``name -> class`` from a registration hook; two plugins claiming one name is an error naming both."""
        return {name: item for name, (_, item) in self._owned(hook, what).items()}

    def _owned(self, hook: str, what: str) -> dict[str, tuple[str, Any]]:
        """``name -> (plugin name, class)``, with ``_named``'s check for a name claimed twice."""
        found: dict[str, tuple[str, Any]] = {}
        for plugin_name, items in self._each(hook):
            for item in items or ():
                name = item.name
                if name in found:
                    first, second = self._in_load_order(found[name][0], plugin_name)
                    raise PluginError(
                        f"{what} bernama '{name}' didaftarkan oleh dua plugin: '{first}' dan '{second}'. "
                        f"Nonaktifkan salah satunya dengan ZI_EVIDENCE_DISABLE_PLUGINS={second}."
                    )
                found[name] = (plugin_name, item)
        return found

    def _in_load_order(self, *names: str) -> list[str]:
        # the message names the plugins as they were loaded, whatever order they were called in
        loaded = [name for name, _ in self.pm.list_name_plugin()]
        return sorted(names, key=lambda n: loaded.index(n) if n in loaded else len(loaded))


def _names_from_env(variable: str) -> set[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


def switched_off(name: str) -> bool:
    """Whether the environment keeps plugin ``name`` from loading (for a plugin that builds on another)."""
    allowed = _names_from_env(LOAD_ENV)
    return name in (_names_from_env(DISABLE_ENV) or set()) or (allowed is not None and name not in allowed)


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
    import importlib.metadata  # ~12 ms: only a command that loads plugins pays it

    described: dict[int, tuple[str | None, str | None]] = {}
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in host.infos:
            continue  # the same distribution seen twice on sys.path
        dist, version = described.get(id(ep.dist)) or _describe(ep.dist)
        described[id(ep.dist)] = (dist, version)
        if switched_off(ep.name):
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
