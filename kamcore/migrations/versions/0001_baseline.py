"""Baseline: the schema as it stood when migrations began (issue 15).

A fresh database gets every table. A store made before migrations existed (tables present, no
alembic_version) is adopted: missing tables are created, columns added since its version get their
defaults (the old additive upgrade, run this once), rows get what later versions compare them by, and the
unique indexes that rely on that follow. The tables are written out here, frozen: later changes to the
models in kamcore/store.py come as later migrations.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from kamcore.names import distinct_name, name_key

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JOIN_KEY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
meta = sa.MetaData()
Column, Integer, String, Bool = sa.Column, sa.Integer, sa.String, sa.Boolean
When = sa.DateTime(timezone=True)

workshops = sa.Table(
    "workshops", meta,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("kind", String(16), nullable=False, default="personal"),
    Column("created_at", When, nullable=False),
    Column("lang", String(8), nullable=False, default="zh"),
    Column("pin_hash", String(200), nullable=False, default=""),
    Column("projector_token", String(64), nullable=False, default=""),
    Column("archived", Bool, nullable=False, default=False),
    Column("settings", sa.JSON, nullable=False),
    Column("failed_pins", Integer, nullable=False, default=0),
    Column("pin_blocked_until", When, nullable=True),
    Column("recovery_hash", String(200), nullable=False, default=""),
    Column("archived_at", When, nullable=True),
    Column("revision", Integer, nullable=False, default=0),
)
pin_clients = sa.Table(
    "pin_clients", meta,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("client", String(64), nullable=False),
    Column("failed_pins", Integer, nullable=False, default=0),
    Column("pin_blocked_until", When, nullable=True),
    sa.UniqueConstraint("workshop_id", "client"),
)
groups = sa.Table(
    "groups", meta,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("created_at", When, nullable=False),
    Column("kind", String(16), nullable=False, default="group"),
    Column("revision", Integer, nullable=False, default=0),
    Column("join_key", String(8), nullable=True),
    Column("name_key", String(120), nullable=True),
    Column("share_names", Bool, nullable=False, default=False),
)
presence = sa.Table(
    "presence", meta,
    Column("session", String(40), primary_key=True),
    Column("workshop_id", Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("group_id", Integer, sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("seen_at", When, nullable=False),
)
accounts = sa.Table(
    "accounts", meta,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("key", String(40), nullable=False),
    Column("name", String(120), nullable=False),
    Column("name_key", String(120), nullable=False, default=""),
    Column("created_at", When, nullable=False),
    sa.UniqueConstraint("group_id", "key"),
)
worksheets = sa.Table(
    "worksheets", meta,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, sa.ForeignKey("groups.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("tool", String(40), nullable=False),
    Column("account_key", String(40), nullable=False, default=""),
    Column("data", sa.JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", When, nullable=False),
    sa.UniqueConstraint("group_id", "tool", "account_key"),
)
# created after the rows of an adopted store have their name keys
UNIQUE_NAMES = (sa.Index("accounts_unique_name", accounts.c.group_id, accounts.c.name_key, unique=True),
                sa.Index("groups_unique_name", groups.c.workshop_id, groups.c.name_key, unique=True))


def upgrade() -> None:
    bind = op.get_bind()
    meta.create_all(bind, checkfirst=True)  # a fresh store: everything; an old one: the tables it lacks
    _add_missing_columns(bind)
    _name_keys_for_accounts(bind)
    _join_keys_for_groups(bind)
    _name_keys_for_groups(bind)
    bind.execute(workshops.update().where(workshops.c.archived.is_(True), workshops.c.archived_at.is_(None))
                 .values(archived_at=datetime.now(UTC)))  # retention starts now, not at some guess
    for index in UNIQUE_NAMES:
        index.create(bind, checkfirst=True)


def _add_missing_columns(bind: sa.Connection) -> None:
    """Columns an old store lacks, added with their defaults (nullable, as the old upgrade added them)."""
    inspector = sa.inspect(bind)
    for table in meta.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=bind.dialect)
                default = column.default.arg if column.default is not None and column.default.is_scalar else None
                literal = "" if default is None else f" DEFAULT {_sql_literal(default)}"
                bind.exec_driver_sql(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}{literal}')


def _name_keys_for_accounts(bind: sa.Connection) -> None:
    rows = bind.execute(sa.select(accounts.c.id, accounts.c.group_id, accounts.c.name)
                        .where(accounts.c.name_key == "").order_by(accounts.c.id)).all()
    _give_name_keys(bind, accounts, rows, lambda group_id: bind.scalars(sa.select(accounts.c.name_key).where(
        accounts.c.group_id == group_id, accounts.c.name_key != "")))


def _join_keys_for_groups(bind: sa.Connection) -> None:
    for (group_id,) in bind.execute(sa.select(groups.c.id).where(
            groups.c.join_key.is_(None) | (groups.c.join_key == ""))).all():
        key = "".join(secrets.choice(JOIN_KEY_ALPHABET) for _ in range(6))
        bind.execute(groups.update().where(groups.c.id == group_id).values(join_key=key))


def _name_keys_for_groups(bind: sa.Connection) -> None:
    """Participant groups of workshops (not the trainer's, not personal workspaces) by name key."""
    rows = bind.execute(sa.select(groups.c.id, groups.c.workshop_id, groups.c.name)
                        .join(workshops, groups.c.workshop_id == workshops.c.id)
                        .where(groups.c.name_key.is_(None), groups.c.kind == "group", workshops.c.kind == "workshop")
                        .order_by(groups.c.id)).all()
    _give_name_keys(bind, groups, rows, lambda workshop_id: bind.scalars(sa.select(groups.c.name_key).where(
        groups.c.workshop_id == workshop_id, groups.c.name_key.is_not(None))))


def _give_name_keys(bind: sa.Connection, table: sa.Table, rows: list[Any], keys_of) -> None:
    """Each row its name key; a name that reads like another of the same owner's gets a distinct one."""
    taken: dict[int, set[str]] = {}
    for row_id, owner, name in rows:
        names = taken.setdefault(owner, set(keys_of(owner)))
        name = distinct_name(name, names)
        bind.execute(table.update().where(table.c.id == row_id).values(name=name, name_key=name_key(name)))
        names.add(name_key(name))


def _sql_literal(value: Any) -> str:
    if isinstance(value, bool):  # TRUE/FALSE: PostgreSQL refuses 1/0 for a boolean; SQLite reads both
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"
