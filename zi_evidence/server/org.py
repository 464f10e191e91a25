"""The organisation tree: units (UPT → Kanwil → Eselon I → instansi) whose parents have validity dates.

Moving a unit closes its current placement and opens a new one; its snapshots, files and reviews hang on
the unit itself, so nothing of its history is lost, and the tree as of any past date can be asked for.
A role granted on a unit covers that unit's subtree as it stands on the day of the question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Connection, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from zi_evidence.errors import ServerError
from zi_evidence.review.model import ALL_UNITS, Role, User
from zi_evidence.server.tables import placements, units

KINDS = ("instansi", "eselon1", "kanwil", "upt", "satker")


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    kind: str
    parent: str | None  # the parent's code on the day asked about


@dataclass(frozen=True)
class Placement:
    parent: str | None
    valid_from: date
    valid_to: date | None


def unit_id(db: Connection, code: str) -> int:
    found = db.execute(select(units.c.id).where(units.c.code == code)).scalar()
    if found is None:
        raise ServerError(f"Unit '{code}' tidak terdaftar di server. Daftarkan dengan 'zi-evidence server unit add'.")
    return int(found)


def add_unit(db: Connection, code: str, name: str, kind: str, parent: str | None, since: date) -> int:
    if kind not in KINDS:
        raise ServerError(f"Jenis unit '{kind}' tidak dikenal; pilih salah satu: {', '.join(KINDS)}.")
    parent_id = unit_id(db, parent) if parent else None
    try:
        with db.begin_nested():
            new_id = db.execute(
                insert(units).values(code=code, name=name, kind=kind).returning(units.c.id)
            ).scalar_one()
    except IntegrityError:
        raise ServerError(f"Kode unit '{code}' sudah dipakai. Pilih kode lain.") from None
    db.execute(insert(placements).values(unit_id=new_id, parent_id=parent_id, valid_from=since, valid_to=None))
    return int(new_id)


def move_unit(db: Connection, code: str, parent: str | None, on: date) -> None:
    """From ``on`` the unit sits under ``parent``; before it, under whatever it sat under."""
    moving, parent_id = unit_id(db, code), (unit_id(db, parent) if parent else None)
    if parent_id is not None and parent_id in subtree_ids(db, [moving], on):
        raise ServerError(f"Unit '{code}' tidak dapat dipindah ke bawah '{parent}', bawahannya sendiri.")
    current = db.execute(
        select(placements).where(placements.c.unit_id == moving, placements.c.valid_to.is_(None)).with_for_update()
    ).first()
    if current is not None and current.valid_from >= on:
        raise ServerError(
            f"Penempatan unit '{code}' saat ini berlaku sejak {current.valid_from}; pilih tanggal sesudahnya."
        )
    if current is not None:
        db.execute(update(placements).where(placements.c.id == current.id).values(valid_to=on))
    db.execute(insert(placements).values(unit_id=moving, parent_id=parent_id, valid_from=on, valid_to=None))


_TREE = text(
    """
    WITH RECURSIVE tree(id) AS (
        SELECT id FROM units WHERE id = ANY(:roots)
        UNION
        SELECT p.unit_id FROM placements p JOIN tree ON p.parent_id = tree.id
        WHERE p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)
    )
    SELECT id FROM tree
    """
)


def subtree_ids(db: Connection, roots: Iterable[int], at: date) -> set[int]:
    return {row[0] for row in db.execute(_TREE, {"roots": list(roots), "at": at})}


def visible_ids(db: Connection, user: User, at: date) -> set[int]:
    """The units any of the user's roles reaches on ``at``: each role's unit and everything below it."""
    if any(role.unit == ALL_UNITS for role in user.roles):
        return {row[0] for row in db.execute(select(units.c.id))}
    codes = {role.unit for role in user.roles}
    roots = [row[0] for row in db.execute(select(units.c.id).where(units.c.code.in_(codes)))]
    return subtree_ids(db, roots, at) if roots else set()


def scoped_user(db: Connection, user: User, at: date) -> User:
    """The user with each role on a unit spread over that unit's subtree on ``at``, so the review chain's
    own checks (a role names one unit) see a Kanwil verifier as a verifier of each of its UPTs."""
    spread: list[Role] = []
    for role in user.roles:
        spread.append(role)
        if role.unit != ALL_UNITS:
            found = db.execute(select(units.c.id).where(units.c.code == role.unit)).scalar()
            if found is not None:
                for item in tree(db, at, subtree_ids(db, [found], at)):
                    spread.append(Role(role.role, item.code, role.tier))
    return replace(user, roles=tuple(dict.fromkeys(spread)))


def tree(db: Connection, at: date, only: set[int] | None = None) -> list[Unit]:
    """Every unit (or those in ``only``) with its parent on ``at``, by code."""
    parent = units.alias("parent")
    query = (
        select(units.c.id, units.c.code, units.c.name, units.c.kind, parent.c.code.label("parent"))
        .select_from(
            units.outerjoin(
                placements,
                (placements.c.unit_id == units.c.id)
                & (placements.c.valid_from <= at)
                & ((placements.c.valid_to.is_(None)) | (placements.c.valid_to > at)),
            ).outerjoin(parent, parent.c.id == placements.c.parent_id)
        )
        .order_by(units.c.code)
    )
    rows = [Unit(r.id, r.code, r.name, r.kind, r.parent) for r in db.execute(query)]
    return [u for u in rows if only is None or u.id in only]


def history(db: Connection, code: str) -> list[Placement]:
    parent = units.alias("parent")
    query = (
        select(parent.c.code, placements.c.valid_from, placements.c.valid_to)
        .select_from(placements.outerjoin(parent, parent.c.id == placements.c.parent_id))
        .where(placements.c.unit_id == unit_id(db, code))
        .order_by(placements.c.valid_from)
    )
    return [Placement(r[0], r[1], r[2]) for r in db.execute(query)]
