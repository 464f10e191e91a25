"""Faults found in a rule-set document, each with the JSON path where it sits."""

from __future__ import annotations


class Problems(Exception):
    """Collected ``(json path, message)`` pairs; raised once, after everything was checked."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        if (path, message) not in self.items:
            self.items.append((path, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __str__(self) -> str:
        return "; ".join(f"{path}: {message}" for path, message in self.items)
