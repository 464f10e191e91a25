"""Accept a mapping: add a rule for one file to zi-evidence.yaml, keeping every other byte the team wrote.

The rule is the file's exact path (glob characters escaped), placed first in ``mapping`` because the
first matching rule wins and an exact path is the most specific. The file is edited as text (comments,
order and quoting stay), and the result must parse, pass the schema and differ from the old
configuration in that one rule only; otherwise nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zi_evidence.errors import ConfigError

_TOP_MAPPING = re.compile(r"^mapping[ \t]*:[ \t]*(?P<rest>[^\n]*)$", re.MULTILINE)
_ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]", re.MULTILINE)


@dataclass(frozen=True)
class Accepted:
    pattern: str
    target_id: str
    changed: bool  # False: the same rule was already there


def escape_glob(path: str) -> str:
    """``fnmatch`` reads ``* ? [`` specially: bracket them so the rule matches this one path only."""
    return re.sub(r"([*?\[])", r"[\1]", path)


def add_mapping_rule(config_path: Path, display_path: str, target_id: str) -> Accepted:
    """Put ``{path: <exact path>, id: target_id}`` first in ``mapping`` of ``config_path``."""
    from zi_evidence.bounded import read_text_bounded
    from zi_evidence.config import _parsed

    text = read_text_bounded(config_path)  # the same size and encoding checks as every command's read
    old = _parsed(config_path, text)
    pattern = escape_glob(display_path)
    rules = old.get("mapping", [])
    if rules and rules[0] == {"path": pattern, "id": target_id}:
        return Accepted(pattern, target_id, False)
    new_text = _with_rule(text, pattern, target_id)
    new = _parsed(config_path, new_text)
    expected = {**old, "mapping": [{"path": pattern, "id": target_id}, *rules]}
    if new != expected:
        raise ConfigError(
            f"{config_path}: aturan pemetaan tidak dapat ditambahkan dengan aman (bagian 'mapping' ditulis "
            f"dalam bentuk yang tidak dikenali). Tambahkan sendiri di awal 'mapping':\n"
            f"  - path: {_quoted(pattern)}\n    id: {target_id}"
        )
    _write_keeping_mode(config_path, new_text)
    return Accepted(pattern, target_id, True)


def _quoted(value: str) -> str:
    import yaml

    return (
        yaml.safe_dump(value, allow_unicode=True, default_style="'", width=100000).strip().removesuffix("...").strip()
    )


def _item(indent: str, pattern: str, target_id: str) -> str:
    return f"{indent}- path: {_quoted(pattern)}\n{indent}  id: {_quoted(target_id)}\n"


def _with_rule(text: str, pattern: str, target_id: str) -> str:
    found = _TOP_MAPPING.search(text)
    if found is None:
        tail = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{tail}mapping:\n{_item('  ', pattern, target_id)}"
    rest = found.group("rest").split("#", 1)[0].strip()
    if rest == "[]":
        return text[: found.start()] + "mapping:\n" + _item("  ", pattern, target_id) + text[found.end() + 1 :]
    if rest:
        return text  # flow style or something else: the caller's check refuses it
    after = text[found.end() + 1 :]
    first = _ITEM.search(after)
    indent = first.group("indent") if first else "  "
    return text[: found.end() + 1] + _item(indent, pattern, target_id) + after


def _write_keeping_mode(path: Path, text: str) -> None:
    from zi_evidence.outputs import write_atomically

    try:
        mode = path.stat().st_mode & 0o7777
        write_atomically(path, text.encode("utf-8"))
        path.chmod(mode)
    except OSError as exc:  # a read-only share or folder: said in words, the file as it was
        raise ConfigError(
            f"{path} tidak dapat ditulis ({exc.strerror or exc}). Minta hak tulis untuk berkas dan foldernya, "
            "atau tambahkan aturan pemetaannya sendiri."
        ) from None


def resolve_target(ruleset: Any, given: str) -> str:
    """The rule set's own spelling of a question, indicator or hasil id (``a.i.1.i.a`` → ``A.I.1.i.a``)."""
    groups = tuple(getattr(ruleset, "hasil", ()))
    ids = [q.id for q in ruleset.questions] + [i.id for i in ruleset.indicators]
    ids += [g.id for g in groups] + [c.id for g in groups for c in g.components]
    for known in ids:
        if known == given:
            return known
    folded = [known for known in ids if known.lower() == given.lower()]
    if len(folded) == 1:
        return folded[0]
    raise ConfigError(
        f"Id '{given}' tidak ada di aturan penilaian {ruleset.id}. Lihat id pertanyaan dengan "
        "'zi-evidence status' atau saran pemetaannya."
    )
