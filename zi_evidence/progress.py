"""How long runs report progress; the library calls it, the CLI draws it."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def stage(self, label: str, total: int) -> None:
        """A new stage of ``total`` steps begins."""

    def advance(self, steps: int = 1) -> None: ...

    def message(self, text: str) -> None:
        """A line for the user that must not wait for the end of the run."""


class Silent:
    def stage(self, label: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def message(self, text: str) -> None:
        pass
