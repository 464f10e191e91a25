"""Which rule sets exist: the files plugins contribute through ``register_rulesets``, keyed by their id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zi_evidence import usercache
from zi_evidence.errors import PluginError, RulesetError
from zi_evidence.rulesets.loader import RawDocument, document_id, load_document, read_document
from zi_evidence.usercache import digest

if TYPE_CHECKING:
    from zi_evidence.rulesets.model import Ruleset

DEFAULT_RULESET = "permenpanrb-90-2021"


@dataclass(frozen=True)
class RulesetEntry:
    id: str
    plugin: str
    path: Path


class RulesetRegistry:
    """Rule-set files by id. Files are read once to learn their id (and content digest); ``get`` parses
    what it needs and builds (and caches) the model.

    A file that cannot be read is kept in ``problems`` instead of stopping the others: one broken
    third-party plugin must not hide the built-in rule sets.
    """

    def __init__(self, contributions: Iterable[tuple[str, Any]]) -> None:
        self._entries: dict[str, RulesetEntry] = {}
        self._digests: dict[str, str] = {}  # id -> RawDocument.digest of the bytes read
        self._raw: dict[str, RawDocument] = {}  # parsed only when built
        self._cache: dict[str, Ruleset] = {}
        self.problems: list[tuple[str, Path, str]] = []
        for plugin, item in contributions:
            if not isinstance(item, str | PathLike):
                self.problems.append((plugin, Path(str(item)), f"bukan jalur berkas: {item!r}"))
                continue
            self._add(plugin, Path(item))

    @classmethod
    def from_host(cls, host: Any) -> RulesetRegistry:
        """Every file contributed by the plugins of ``host`` (``zi_evidence.plugins.make_plugin_manager()``)."""
        return cls(host.ruleset_files())

    def _add(self, plugin: str, path: Path) -> None:
        try:
            ruleset_id, key = document_id(path)
        except RulesetError as exc:
            self.problems.append((plugin, path, str(exc)))
            return
        if not isinstance(ruleset_id, str) or not ruleset_id:
            self.problems.append((plugin, path, f"Rule set tanpa 'id' di {path}; isi id: di akar berkas."))
            return
        known = self._entries.get(ruleset_id)
        if known is not None:
            if known.path.resolve() == path.resolve():
                return  # the same file offered twice is not a conflict
            raise PluginError(
                f"Rule set '{ruleset_id}' didaftarkan dua kali: oleh plugin '{known.plugin}' ({known.path}) "
                f"dan oleh plugin '{plugin}' ({path}). Nonaktifkan salah satu plugin "
                "(ZI_EVIDENCE_DISABLE_PLUGINS) atau ganti id di salah satu berkas."
            )
        self._entries[ruleset_id] = RulesetEntry(ruleset_id, plugin, path)
        self._digests[ruleset_id] = key

    def _raw_of(self, ruleset_id: str) -> RawDocument | None:
        """The parsed file of a registered id (None when unknown), read on first need."""
        entry = self._entries.get(ruleset_id)
        if entry is None:
            return None
        if ruleset_id not in self._raw:
            raw = read_document(entry.path)
            self._raw[ruleset_id] = raw
            self._digests[ruleset_id] = raw.digest  # what is built is what its fingerprint names
        return self._raw[ruleset_id]

    def ids(self) -> list[str]:
        return sorted(self._entries)

    def entries(self) -> list[RulesetEntry]:
        return [self._entries[i] for i in self.ids()]

    def _entry(self, ruleset_id: str) -> RulesetEntry:
        entry = self._entries.get(ruleset_id)
        if entry is None:
            available = ", ".join(self.ids()) or "(tidak ada; periksa plugin dengan 'zi-evidence plugins')"
            raise RulesetError(f"Rule set '{ruleset_id}' tidak dikenal. Yang tersedia: {available}.")
        return entry

    def path_of(self, ruleset_id: str) -> Path:
        return self._entry(ruleset_id).path

    def plugin_of(self, ruleset_id: str) -> str:
        return self._entry(ruleset_id).plugin

    def fingerprint(self, ruleset_id: str) -> str:
        """Changes whenever the content of this rule set, or of any registered one it may extend, changes."""
        self._entry(ruleset_id)
        parts = (f"{e.id}\0{e.path}\0{self._digests[e.id]}" for e in self.entries())
        return digest(ruleset_id, *parts)

    def built_before(self, ruleset_id: str) -> bool:
        """This very content was built without a fault by this code before, so building it cannot fail now."""
        return usercache.load("built", self._built_key(ruleset_id)) is True

    def _built_key(self, ruleset_id: str) -> str:
        return digest("built", self.fingerprint(ruleset_id), _code(), usercache.library_version("jsonschema"))

    def get(self, ruleset_id: str) -> Ruleset:
        """The rule set with ``extends`` resolved among the registered ids."""
        self._entry(ruleset_id)
        if ruleset_id not in self._cache:
            raw = self._raw_of(ruleset_id)
            assert raw is not None  # registered: checked above
            self._cache[ruleset_id] = load_document(raw, self._raw_of)
            usercache.store("built", self._built_key(ruleset_id), True)
        return self._cache[ruleset_id]


@cache
def _code() -> bytes:
    """What building depends on besides the files: this package's code and the schema it validates with."""
    package = Path(__file__).parent
    sources = [path.read_bytes() for path in sorted(package.glob("*.py"))]
    schema = (resources.files("zi_evidence.schemas") / "ruleset.schema.json").read_bytes()
    return digest(*sources, schema).encode()
