"""Every hook a zi-evidence plugin can implement. Built-in plugins use exactly these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

hookspec = pluggy.HookspecMarker("zi_evidence")


@hookspec
def register_parsers() -> list[type]:
    """Return parser classes (see ``zi_evidence.parsing.Parser``) that extract text from evidence files."""


@hookspec
def register_rulesets() -> list[Any]:
    """Return paths of rule-set data files (YAML) this plugin contributes."""


@hookspec
def register_search_backends() -> list[type]:
    """Return search backend classes (see ``zi_evidence.searching.SearchBackend``)."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``zi-evidence`` command-line group."""
