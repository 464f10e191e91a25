"""The built-in commands, each imported when it is first looked up (click's "lazy group", as a mapping).

``zi-evidence index`` then loads the index command's module, not the other nineteen and what they import.
The group's ``commands`` is this mapping, so click, plugins (``register_commands`` adds to it) and code
that reads ``cli.commands[name]`` see every command as before; listing the names loads nothing, and
``--help`` (which shows each command's short help) loads them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping

import click


class LazyCommands(MutableMapping[str, click.Command]):
    """``name -> command``; a built-in one stays ``"module:attribute"`` until first read."""

    def __init__(self, lazy: dict[str, str], on_load: Callable[[click.Command], None]) -> None:
        self._order = list(lazy)  # names keep their first position, loaded or not
        self._lazy = dict(lazy)
        self._loaded: dict[str, click.Command] = {}
        self._on_load = on_load

    def loaded(self) -> list[click.Command]:
        """The commands imported so far (those the run has touched, and every one added directly)."""
        return list(self._loaded.values())

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            where = self._lazy[name]  # KeyError for an unknown name, as a dict gives
            module, attribute = where.split(":")
            command = getattr(importlib.import_module(module), attribute)
            if command.name != name:  # a renamed command must be renamed here too
                raise RuntimeError(f"{where} is '{command.name}', registered as '{name}'")
            self._on_load(command)
            self._loaded[name] = command
            del self._lazy[name]
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._lazy.pop(name, None)
        if name not in self._order:
            self._order.append(name)
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._loaded and name not in self._lazy:
            raise KeyError(name)
        self._loaded.pop(name, None)
        self._lazy.pop(name, None)
        self._order.remove(name)

    def __contains__(self, name: object) -> bool:
        return name in self._loaded or name in self._lazy  # without importing

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)
