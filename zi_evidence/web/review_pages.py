"""The review chain on the web: forms on the question page and the verifier's queue."""

from __future__ import annotations

from starlette.routing import BaseRoute


def routes() -> list[BaseRoute]:
    return []
