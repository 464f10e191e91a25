"""The repository configuration file (``zi-evidence.yaml`` at the evidence root) and the state folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_evidence import usercache
from zi_evidence.bounded import load_yaml_text, read_text_bounded
from zi_evidence.errors import ConfigError
from zi_evidence.parsing import ParseLimits
from zi_evidence.schemas.validation import schema_errors, schema_text

CONFIG_SCHEMA = "config.schema.json"

CONFIG_NAME = "zi-evidence.yaml"
#: The team's self-assessment answers and hasil inputs, next to the config (never scanned as evidence).
ANSWERS_NAME = "jawaban-lke.yaml"
DEFAULT_STATE_DIR = ".zi-evidence"
STATE_DIR_ENV = "ZI_EVIDENCE_STATE_DIR"


@dataclass(frozen=True)
class Unit:
    name: str
    institution: str = ""
    address: str = ""
    head_name: str = ""
    head_nip: str = ""
    head_title: str = ""


@dataclass(frozen=True)
class MappingRule:
    pattern: str
    target_id: str


@dataclass(frozen=True)
class Person:
    """Someone who signs: the institution's leader on the submission letter, a unit head on its SPTJM."""

    name: str = ""
    nip: str = ""
    title: str = ""


@dataclass(frozen=True)
class ProposedUnit:
    """Another unit proposed in the same submission letter (one letter for all units since PermenPANRB 5/2024)."""

    name: str
    predicate: str
    head: Person = field(default_factory=Person)


@dataclass(frozen=True)
class Submission:
    """What the surat pengajuan needs beyond the unit: number, date, signer, copies. Empty = placeholder."""

    letter_number: str = ""
    letter_date: str = ""  # ISO date; empty: the bundle's build date
    place: str = ""
    report_year: int | None = None  # year of the TPI evaluation report; None: the repository year
    leader: Person = field(default_factory=Person)
    tembusan: tuple[str, ...] = ()
    other_units: tuple[ProposedUnit, ...] = ()


@dataclass(frozen=True)
class BundleSettings:
    """PMPZI upload limits. PMPZI publishes none, so these are assumptions the team may change."""

    layout: str = "pmpzi"
    types: tuple[str, ...] = ("pdf",)
    max_file_mb: float | None = 10.0
    max_bundle_mb: float | None = None
    convert: bool = True  # photos and Office files to PDF (converter plugins) when PDF is what is taken
    converters: Mapping[str, Any] = field(default_factory=dict)  # converter name -> its own settings


@dataclass(frozen=True)
class ReviewSettings:
    """The review chain's switches; the chain itself is rule-set data."""

    allow_self_approval: bool = False


@dataclass(frozen=True)
class PersonalDataPolicy:
    """Whether ``bundle`` takes files holding citizens' personal data (docs/personal-data.md)."""

    bundle: str = "refuse"  # refuse | allow
    allow: tuple[str, ...] = ()  # globs of files allowed in the bundle all the same

    def allows(self, path: str) -> bool:
        import fnmatch

        return self.bundle == "allow" or any(fnmatch.fnmatch(path.lower(), p.lower()) for p in self.allow)


@dataclass(frozen=True)
class RepoConfig:
    root: Path
    ruleset: str
    unit: Unit
    year: int
    target: str
    state_dir: Path
    mapping: tuple[MappingRule, ...] = ()
    limits: ParseLimits = field(default_factory=ParseLimits)
    submission: Submission = field(default_factory=Submission)
    bundle: BundleSettings = field(default_factory=BundleSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    personal_data: PersonalDataPolicy = field(default_factory=PersonalDataPolicy)
    #: ``search: {engine: whoosh}``: the search backend plugin to use; empty: the fastest installed.
    search_engine: str = ""

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME


def state_rel(config: RepoConfig) -> bytes | None:
    """The state folder relative to the root when it lies inside the tree (then the scan skips it)."""
    try:
        return os.fsencode(config.state_dir.resolve().relative_to(config.root))
    except ValueError:
        return None


def walk_exclusions(config: RepoConfig) -> set[bytes]:
    """What a walk of the tree leaves out: the tool's own files at the root, and its state folder."""
    state = state_rel(config)
    return {CONFIG_NAME.encode(), ANSWERS_NAME.encode()} | ({state} if state else set())


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``zi-evidence.yaml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(
        f"Tidak ditemukan {CONFIG_NAME} di {start} maupun folder di atasnya. "
        f"Jalankan 'zi-evidence init {start}' terlebih dahulu, atau sebut folder repositori yang memuat "
        f"{CONFIG_NAME} (folder di perintah itu, atau --repo FOLDER pada perintah yang memakainya)."
    )


def load_config(root: Path, state_dir: Path | None = None) -> RepoConfig:
    """Read and validate the configuration; ``state_dir`` (or the environment) overrides the file's."""
    path = root / CONFIG_NAME
    try:
        text = read_text_bounded(path)
    except FileNotFoundError:
        raise ConfigError(f"Berkas konfigurasi {path} tidak ada. Jalankan 'zi-evidence init {root}'.") from None
    # Every command reads the config: each content is parsed and checked once, then taken from the
    # per-user cache (which also spares loading the YAML parser).
    key = usercache.digest(
        "config", text, schema_text(CONFIG_SCHEMA), *map(usercache.library_version, ("jsonschema", "PyYAML"))
    )
    raw = usercache.load("config", key)
    if not isinstance(raw, dict):
        raw = _parsed(path, text)
        usercache.store("config", key, raw)
    return _build(root.resolve(), raw, state_dir)


def _parsed(path: Path, text: str) -> dict[str, Any]:
    import yaml

    try:
        raw = load_yaml_text(text, str(path))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: YAML tidak valid ({exc}). Perbaiki penulisannya.") from None
    errors = schema_errors(raw, CONFIG_SCHEMA)
    if errors:
        listed = "\n  ".join(errors)
        raise ConfigError(f"{path} tidak sesuai skema:\n  {listed}\nPerbaiki nilai pada lokasi tersebut.")
    return dict(raw)


def _build(root: Path, raw: dict[str, Any], state_dir: Path | None) -> RepoConfig:
    unit_raw = raw["unit"]
    head = unit_raw.get("head", {})
    unit = Unit(
        name=unit_raw["name"],
        institution=unit_raw.get("institution", ""),
        address=unit_raw.get("address", ""),
        head_name=head.get("name", ""),
        head_nip=head.get("nip", ""),
        head_title=head.get("title", ""),
    )
    chosen = state_dir or _env_path(STATE_DIR_ENV) or Path(raw.get("state_dir", DEFAULT_STATE_DIR))
    resolved_state = chosen if chosen.is_absolute() else root / chosen
    _check_state_place(root, resolved_state)
    mapping = tuple(MappingRule(item["path"], item["id"]) for item in raw.get("mapping", []))
    limits = ParseLimits(**raw.get("limits", {}))
    return RepoConfig(
        root,
        raw["ruleset"],
        unit,
        raw["year"],
        raw["target"],
        resolved_state,
        mapping,
        limits,
        _submission(raw.get("submission", {})),
        _bundle_settings(raw.get("bundle", {})),
        ReviewSettings(bool(raw.get("review", {}).get("allow_self_approval", False))),
        _personal_data(raw.get("personal_data", {})),
        str(raw.get("search", {}).get("engine", "")).strip(),
    )


def _check_state_place(root: Path, state: Path) -> None:
    """Inside the tree a state folder may live only at its default place: anywhere else it would sit among
    the evidence (in a question folder, or the root itself) and mix the tool's files with the team's."""
    from zi_evidence.outputs import lands_in

    default = root / DEFAULT_STATE_DIR
    if not lands_in(state, root) or os.path.abspath(state) == str(default) or state.resolve() == default.resolve():
        return
    raise ConfigError(
        f"Folder status {state} berada di dalam folder data dukung {root}. Di dalam pohon itu folder status "
        f"hanya boleh di tempat bawaannya ({default}). Hapus --state-dir (atau state_dir di {CONFIG_NAME}, "
        f"atau {STATE_DIR_ENV}), atau pilih folder di luar, misalnya {root.parent / (root.name + '-status')}."
    )


def _personal_data(raw: dict[str, Any]) -> PersonalDataPolicy:
    return PersonalDataPolicy(raw.get("bundle", "refuse"), tuple(raw.get("allow", ())))


def _person(raw: dict[str, Any]) -> Person:
    return Person(raw.get("name", ""), raw.get("nip", ""), raw.get("title", ""))


def _submission(raw: dict[str, Any]) -> Submission:
    others = tuple(
        ProposedUnit(u["name"], u["predicate"], _person(u.get("head", {}))) for u in raw.get("other_units", [])
    )
    return Submission(
        letter_number=raw.get("letter_number", ""),
        letter_date=str(raw.get("letter_date", "")),  # YAML may already have parsed it as a date
        place=raw.get("place", ""),
        report_year=raw.get("report_year"),
        leader=_person(raw.get("leader", {})),
        tembusan=tuple(raw.get("tembusan", [])),
        other_units=others,
    )


def _bundle_settings(raw: dict[str, Any]) -> BundleSettings:
    defaults = BundleSettings()
    return BundleSettings(
        layout=raw.get("layout", defaults.layout),
        types=tuple(raw.get("types", defaults.types)),
        max_file_mb=raw.get("max_file_mb", defaults.max_file_mb),
        max_bundle_mb=raw.get("max_bundle_mb", defaults.max_bundle_mb),
        convert=raw.get("convert", defaults.convert),
        converters=dict(raw.get("converters", {})),
    )


def _env_path(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return Path(value) if value else None


def config_text(ruleset: str, unit_name: str, year: int, target: str, institution: str = "") -> str:
    """The initial ``zi-evidence.yaml``, commented for the team that edits it by hand."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "ruleset": ruleset,
        "unit": {"name": unit_name, **({"institution": institution} if institution else {})},
        "year": year,
        "target": target,
    }
    import yaml

    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return (
        "# Konfigurasi repositori data dukung Zona Integritas (zi-evidence).\n"
        "# Ubah nilai di bawah sesuai unit kerja; 'zi-evidence status' memeriksa isinya.\n" + body
    )


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, int, int] | None:
    """Size, mtime and inode of a file, or None when it is absent: changes whenever an editor saves it."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)
