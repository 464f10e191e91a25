"""``zi-evidence server``: one PostgreSQL database for many units (issue 14).

Units push snapshots (``push``); the server verifies every hash, keeps one copy of each file
(``blobs``), places units in an organisation tree with validity dates (``org``), and answers roll-ups,
duplicate checks and subtree-scoped search over all of them. Reviewers use it through web pages
(``web``: the drive web app's templates over each unit's pushed page data, ``unitsite``) or the JSON API
(``app``). Nothing here writes to a unit's drive.
"""
