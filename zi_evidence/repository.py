"""An evidence repository opened for work: its configuration, plugins, rule set and state."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zi_evidence.config import CONFIG_NAME, RepoConfig, find_root, load_config, state_rel
from zi_evidence.errors import PluginError, RepositoryUnreachable, StateError
from zi_evidence.plugins import PluginHost, make_plugin_manager
from zi_evidence.state import CATALOG_NAME, INDEX_DIR
from zi_evidence.state.catalog import Catalog

if TYPE_CHECKING:
    from zi_evidence.index.kinds import KindDetector
    from zi_evidence.parsing import Parser
    from zi_evidence.search.backend import SearchBackend


@dataclass
class Repository:
    config: RepoConfig
    host: PluginHost
    _backend: Any = field(default=None, repr=False)

    @classmethod
    def open(
        cls, path: Path | None = None, state_dir: Path | None = None, host: PluginHost | None = None
    ) -> Repository:
        root = find_root(path or Path.cwd())
        return cls(load_config(root, state_dir), host or make_plugin_manager())

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def state_dir(self) -> Path:
        return self.config.state_dir

    @cached_property
    def rulesets(self) -> Any:
        from zi_evidence.rulesets import RulesetRegistry

        return RulesetRegistry.from_host(self.host)

    @cached_property
    def ruleset(self) -> Any:
        return self.rulesets.get(self.config.ruleset)

    def require_ruleset(self) -> None:
        """Fail now if the configured rule set cannot be built; free when this content was built before."""
        if "ruleset" not in self.__dict__ and not self.rulesets.built_before(self.config.ruleset):
            self.ruleset  # noqa: B018 - building it is the check

    @property
    def ruleset_fingerprint(self) -> str:
        """Changes whenever the configured rule set's content does (see ``RulesetRegistry.fingerprint``)."""
        return str(self.rulesets.fingerprint(self.config.ruleset))

    @cached_property
    def parsers(self) -> dict[str, type[Parser]]:
        return self.host.parsers()

    def expensive_parsers(self) -> frozenset[str]:
        """The parsers ``--no-ocr`` leaves out: those declaring ``expensive`` (OCR), whatever their name."""
        from zi_evidence.parsing import is_expensive

        return frozenset(name for name, parser in self.parsers.items() if is_expensive(parser))

    @cached_property
    def kind_detectors(self) -> dict[str, type[KindDetector]]:
        return self.host.kind_detectors()

    @cached_property
    def backend_class(self) -> type[SearchBackend]:
        backends = self.host.search_backends()
        if not backends:
            raise PluginError(
                "Tidak ada plugin mesin pencari yang aktif. Periksa 'zi-evidence plugins' dan pasang ulang paketnya."
            )
        named = self.config.search_engine
        if named:
            if named not in backends:
                raise PluginError(
                    f"Mesin pencari {named!r} yang disebut di {self.config.config_path} (search: engine) "
                    f"tidak terpasang atau tidak aktif. Tersedia: {', '.join(sorted(backends))}. "
                    "Ganti nama mesinnya, atau hapus baris itu agar yang tercepat dipakai."
                )
            return backends[named]
        # a faster engine outbids the built-in one by declaring a higher priority (optional, 0 without)
        return max(backends.values(), key=lambda b: (getattr(b, "priority", 0), b.name))

    def check_reachable(self) -> None:
        """An unmounted share looks like an empty folder: refuse to work (or create state) there."""
        if not (self.root / CONFIG_NAME).is_file():
            raise RepositoryUnreachable(
                f"Repositori {self.root} tidak dapat diakses saat ini ({CONFIG_NAME} tidak terlihat). "
                "Periksa sambungan berbagi jaringan lalu ulangi; katalog tidak diubah."
            )

    def catalog(self) -> Catalog:
        if self.state_rel() is not None:
            self.check_reachable()  # never recreate the state folder inside a drive that went away
        try:
            return Catalog(self.state_dir / CATALOG_NAME)
        except OSError as exc:
            raise StateError(
                f"Folder status {self.state_dir} tidak dapat dipakai ({exc}). "
                "Pilih folder lain dengan --state-dir atau periksa hak aksesnya."
            ) from exc

    def has_catalog(self) -> bool:
        """Whether the repository was ever indexed (opening the catalog would create an empty one)."""
        return (self.state_dir / CATALOG_NAME).is_file()

    def contains(self, path: Path) -> bool:
        """Whether ``path`` (links resolved on any part of it) lies in the evidence tree."""
        from zi_evidence.outputs import lands_in

        return lands_in(path, self.root)

    def refuse_output(self, path: Path, allowed: tuple[Path, ...] = ()) -> None:
        """Raise ``OutputPlaceError`` for an output inside the evidence tree or the state folder."""
        from zi_evidence.outputs import refuse_protected

        refuse_protected(path, self.root, self.state_dir, allowed)

    def holds_state(self, path: Path) -> bool:
        """Whether ``path`` (links resolved on any part of it) lies in the tool's state folder."""
        from zi_evidence.outputs import lands_in

        return lands_in(path, self.state_dir)

    def search_backend(self) -> Any:
        """The repository's search backend, opened once: an open index makes repeated searches cheap."""
        if self._backend is None:
            self._backend = self.backend_class(self.state_dir / INDEX_DIR)
        return self._backend

    def state_rel(self) -> bytes | None:
        """The state folder relative to the root when it lies inside the tree (then the scan skips it)."""
        return state_rel(self.config)
