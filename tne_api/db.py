"""Engine, transactions and schema set-up.

SQLite (the embedded default) runs in WAL mode with a busy timeout; SQLAlchemy's driver is put
in autocommit mode and ``BEGIN`` is emitted by us, so that a read spans one snapshot and a push
can start with ``BEGIN IMMEDIATE`` (one writer at a time, taken *before* the first read).
PostgreSQL pulls run in REPEATABLE READ so all the tables of one page come from one snapshot.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from tne_api import models
from tne_api.files import prepare_sqlite_file


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """``value`` as aware UTC (SQLite hands back naive datetimes)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_engine(url: str) -> Engine:
    """An engine with the pragmas and transaction handling described above."""
    if url.startswith("sqlite"):
        prepare_sqlite_file(url)  # 0600, before SQLite creates it with the umask's mode
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 60},
            pool_size=20,
            max_overflow=20,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Autocommit at the driver level: we issue BEGIN ourselves (see the "begin" hook).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    # pool_recycle rather than pool_pre_ping: a ping per checkout costs a round trip per op.
    # JSON columns are read and written in C (the same values as json.loads and json.dumps;
    # a push reads and writes every row's field versions and its ledger's results, a pull
    # reads every list field).
    return sa.create_engine(
        url,
        pool_recycle=1800,
        pool_size=10,
        max_overflow=40,
        json_deserializer=orjson.loads,
        json_serializer=json_column,
    )


def json_column(value: Any) -> bytes:
    """A JSON column's value as orjson writes it; what orjson refuses (an integer past
    64 bits, a key that is not a string) as ``json.dumps`` does."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(value).encode()


class Database:
    """The engine plus the two kinds of transaction the server uses.

    Args:
        url: SQLAlchemy database URL.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._write: Engine
        self._read: Engine
        self._lookup: Engine
        if self.is_sqlite:
            self._write = self.engine.execution_options(sqlite_begin="IMMEDIATE")
            self._read = self.engine
        else:
            self._write = self.engine
            self._read = self.engine.execution_options(isolation_level="REPEATABLE READ")
            self._lookup = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (SQLite: ``BEGIN IMMEDIATE``); commits on success."""
        with self._write.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction over one consistent snapshot."""
        with self._read.begin() as conn:
            yield conn

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A connection for one statement that reads (PostgreSQL: in autocommit, one
        round trip instead of ``BEGIN``, the statement and ``COMMIT``; a statement is
        consistent with itself). SQLite: a read transaction."""
        if self.is_sqlite:
            with self._read.begin() as conn:
                yield conn
        else:
            with self._lookup.connect() as conn:
                yield conn

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def alembic_config(url: str) -> Config:
    """An Alembic configuration pointing at ``tne_api/migrations`` and ``url``."""
    cfg = Config()
    location = resources.files("tne_api") / "migrations"
    cfg.set_main_option("script_location", str(location))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def init_db(db: Database) -> None:
    """Migrate the schema to the latest revision and create the singleton rows."""
    with db.engine.begin() as conn:
        cfg = alembic_config(db.url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with db.write() as conn:
        if conn.execute(sa.select(models.sync_counter.c.id)).first() is None:
            conn.execute(models.sync_counter.insert().values(id=1, seq=0))
        if conn.execute(sa.select(models.server_meta.c.id)).first() is None:
            conn.execute(
                models.server_meta.insert().values(
                    id=1, epoch=uuid.uuid4().hex, created_at=utcnow()
                )
            )


def new_epoch(db: Database) -> str:
    """Give the server a new epoch (after a restore): every client resyncs (410)."""
    epoch = uuid.uuid4().hex
    with db.write() as conn:
        conn.execute(
            sa.update(models.server_meta).where(models.server_meta.c.id == 1).values(epoch=epoch)
        )
    return epoch


def get_epoch(conn: Connection) -> str:
    """The server epoch (raises if the database was never initialised)."""
    return str(conn.execute(sa.select(models.server_meta.c.epoch)).scalar_one())
