"""What a plugin reads outside the repository, as its ``external_inputs`` hook declares it (public)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExternalInputs:
    """What a plugin's decisions read outside the repository (``external_inputs`` hook): files or folders
    whose size or time changes when it does (a program, its data folder, the folders searched for it),
    and environment variables."""

    paths: tuple[str, ...] = ()
    variables: tuple[str, ...] = ()
