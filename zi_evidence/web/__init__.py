"""``zi-evidence serve``: the repository as a local web application (Starlette, Jinja2, served by uvicorn).

Read-only toward the evidence tree: every page is assembled from the library the CLI uses
(``readiness``, ``search``, the catalog, ``bundle.plan``) and every file is reached by its catalog id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zi_evidence.web.app import create_app


def __getattr__(name: str) -> Any:
    # Starlette and Jinja2 load only when a web app is made, not on every CLI start
    if name == "create_app":
        from zi_evidence.web.app import create_app

        return create_app
    raise AttributeError(name)


__all__ = ["create_app"]
