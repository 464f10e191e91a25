"""Server fixtures: every test here runs against the real PostgreSQL of ``postgres_server``
(tests/conftest.py), a fresh database per test."""

from __future__ import annotations
