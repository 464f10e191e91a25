"""The review chain: per-question, per-tier reviews tied to the evidence they were made on, accounts and
roles, and the hash-chained audit log; all behind one storage interface (``store.ReviewStore``).

Modules: ``model`` (plain data), ``fingerprint``, ``chain`` (derived state), ``gates`` (the rules),
``service`` (the actions), ``accounts`` and ``throttle``, ``audit`` (the hash chain), ``store`` (the
interface), ``sqlstore``/``tables``/``database`` (SQLAlchemy Core + Alembic migrations), ``open``.
"""
