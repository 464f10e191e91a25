"""``zi-evidence server``: one PostgreSQL database for many units (issue 14).

Units push snapshots (``push``); the server verifies every hash, keeps one copy of each file
(``blobs``), places units in an organisation tree with validity dates (``org``), and answers roll-ups,
duplicate checks and subtree-scoped search over all of them. Nothing here writes to a unit's drive.
"""
