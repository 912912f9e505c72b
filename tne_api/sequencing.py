"""How push transactions get their ``seq`` values, and how far a pull may read.

A pull returns the rows after its cursor in ``seq`` order, so the one thing sequencing must
guarantee is that no row ever commits *behind* a cursor already handed out
(docs/protocol.md, "Pull without gaps"). Two ways to keep that promise:

* ``CounterSequencer`` — one writer at a time: every push transaction first locks the
  ``sync_counter`` row (SQLite: ``BEGIN IMMEDIATE``), so transactions commit in ``seq``
  order and a pull may read everything it sees. SQLite uses it (it has a single writer
  anyway); on PostgreSQL it is kept for the benchmark's baseline only.
* ``XactSequencer`` — PostgreSQL: no shared row. A transaction's seqs are derived from its
  own transaction id (``pg_current_xact_id()``), so ``seq`` order is transaction-id order,
  and a pull reads only the seqs of transactions below its snapshot's horizon (the oldest
  transaction of this database still in progress): every one of those has finished, so
  nothing can ever commit below what the pull returned.
  Push transactions run side by side; those that touch the same rows queue on
  transaction advisory locks taken in one global order (``lock``).

``SyncService`` takes one of them (``default_sequencer`` by dialect); only the concurrency
test and the benchmark inject another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tne_api import models

#: The largest ``seq`` a (64-bit) column holds.
MAX_SEQ = 2**63 - 1

#: Bits of a seq left to the rows of one PostgreSQL transaction (``XactSequencer``): up to
#: 1,048,576 rows per transaction, and 2⁴³ (8.8 × 10¹²) write transactions after revision
#: 0008 before the 63-bit column is full (about 280 years at 1,000 a second).
TX_BITS = 20


class SequenceExhausted(RuntimeError):
    """A transaction wrote more rows than its seq range holds (a bug, or a data migration
    that must be split)."""


def lock_key(kind: str, value: object) -> int:
    """A signed 64-bit key for ``pg_advisory_xact_lock`` naming one thing a push writes or
    reads to decide (a row, a device, a client). Two names may share a key: that only makes
    two transactions wait for each other."""
    digest = hashlib.sha256(f"tne-push:{kind}:{value}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Sequencer:
    """The interface ``SyncService`` writes through; see the module docstring."""

    #: How many seqs one transaction may take (``first_seq`` … ``first_seq + max_per_tx - 1``).
    max_per_tx: int = MAX_SEQ

    def lock(self, conn: Connection, keys: Iterable[int]) -> None:
        """Called first in every push transaction, with the lock keys of what it will read
        to decide and write; may be called again with more keys found later."""
        raise NotImplementedError

    def first_seq(self, conn: Connection) -> int:
        """The first seq of this transaction (its ``tx_seq``); the following ones are
        consecutive. Called once, before the first row is written."""
        raise NotImplementedError

    def finish(self, conn: Connection, last_seq: int | None) -> None:
        """Called just before commit with the last seq the transaction used."""

    def horizon(self, conn: Connection) -> int | None:
        """The exclusive upper bound of the seqs a pull in this snapshot may return (every
        row below it has committed for good), or ``None`` when it may return all it sees."""
        raise NotImplementedError

    def read_horizon(self, conn: Connection) -> tuple[int | None, bool]:
        """``horizon`` and whether it is held back by a transaction that ended before its
        database could be seen: a read taken afresh would place it (``SyncService``'s
        pull then reads once more)."""
        return self.horizon(conn), False


class CounterSequencer(Sequencer):
    """Seqs from the ``sync_counter`` row, locked for the whole transaction."""

    def lock(self, conn: Connection, keys: Iterable[int]) -> None:
        # The counter row serialises every push: the keys are not needed (on SQLite the
        # write transaction already began IMMEDIATE; FOR UPDATE is a no-op there).
        conn.execute(
            sa.select(models.sync_counter.c.seq)
            .where(models.sync_counter.c.id == 1)
            .with_for_update()
        ).scalar_one()

    def first_seq(self, conn: Connection) -> int:
        current = conn.execute(
            sa.select(models.sync_counter.c.seq).where(models.sync_counter.c.id == 1)
        ).scalar_one()
        return int(current) + 1

    def finish(self, conn: Connection, last_seq: int | None) -> None:
        if last_seq is not None:
            conn.execute(
                sa.update(models.sync_counter)
                .where(models.sync_counter.c.id == 1)
                .values(seq=last_seq)
            )

    def horizon(self, conn: Connection) -> int | None:
        return None


class XactSequencer(Sequencer):
    """PostgreSQL seqs derived from transaction ids, read below the snapshot's horizon.

    ``seq = seq_base + ((xid - xid_base) << TX_BITS) + n`` for the n-th row of the
    transaction ``xid`` (``sync_origin``, written by revision 0008: ``seq_base`` is above
    every seq the counter gave before, ``xid_base`` is the migration's own transaction).
    """

    max_per_tx = 1 << TX_BITS

    def __init__(self) -> None:
        self._origin: tuple[int, int] | None = None

    def _bases(self, conn: Connection) -> tuple[int, int]:
        if self._origin is None:
            o = models.sync_origin.c
            seq_base, xid_base = conn.execute(
                sa.select(o.seq_base, o.xid_base).where(o.id == 1)
            ).one()
            self._origin = (int(seq_base), int(xid_base))
        return self._origin

    def _seq_of(self, conn: Connection, xid: int) -> int:
        seq_base, xid_base = self._bases(conn)
        return seq_base + (max(0, xid - xid_base) << TX_BITS)

    def lock(self, conn: Connection, keys: Iterable[int]) -> None:
        ordered = sorted(set(keys))
        if ordered:
            # One round trip; the array is scanned in order, so every transaction takes
            # its locks in the same global order and two never wait for each other in a
            # circle (a late extra key can, and is retried: SyncService.push).
            conn.execute(
                sa.text(
                    "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS bigint[])) AS k"
                ),
                {"keys": ordered},
            )

    def first_seq(self, conn: Connection) -> int:
        xid = int(conn.execute(sa.text("SELECT pg_current_xact_id()::text")).scalar_one())
        seq = self._seq_of(conn, xid)
        if seq + self.max_per_tx > MAX_SEQ:
            raise SequenceExhausted("the 63-bit seq range is exhausted")
        return seq

    def horizon(self, conn: Connection) -> int | None:
        return self.read_horizon(conn)[0]

    def read_horizon(self, conn: Connection) -> tuple[int | None, bool]:
        # Transaction ids are the cluster's, not the database's: a write transaction open
        # in another database of the same cluster would hold the snapshot's xmin back and
        # delay every pull here for as long as it stays open. So the bound is the oldest
        # transaction still in progress in this snapshot (``xip``) that is *not* known to
        # run in another database, or ``xmax`` when there is none. Only a positive
        # sighting in ``pg_stat_activity`` (read after the snapshot was taken, in the same
        # statement) excludes a transaction: one that finished since, or whose session is
        # hidden from this role, still holds the bound back, as before. A transaction can
        # only write in the database it is connected to, so an excluded one never writes
        # rows this pull could miss. The second value says the bound is held by a
        # transaction no session shows any more (it ended meanwhile, maybe in another
        # database): a new snapshot no longer has it in progress.
        row = conn.execute(
            sa.text(
                "SELECT pg_snapshot_xmax(s)::text, ARRAY("
                " SELECT x::text || CASE WHEN (x::text::bigint % 4294967296) IN ("
                "  SELECT a.backend_xid::text::bigint FROM pg_stat_activity AS a"
                "  WHERE a.backend_xid IS NOT NULL) THEN '' ELSE '?' END"
                " FROM pg_snapshot_xip(s) AS x"
                " WHERE (x::text::bigint % 4294967296) NOT IN ("
                "  SELECT a.backend_xid::text::bigint FROM pg_stat_activity AS a"
                "  WHERE a.backend_xid IS NOT NULL AND a.datid IS NOT NULL"
                "  AND a.datid <> (SELECT oid FROM pg_database"
                "                  WHERE datname = current_database())))"
                " FROM (SELECT pg_current_snapshot() AS s) AS snap"
            )
        ).one()
        held = {int(x.rstrip("?")): x.endswith("?") for x in row[1]}
        bound = min([int(row[0]), *held])
        return self._seq_of(conn, bound), held.get(bound, False)


def default_sequencer(is_sqlite: bool) -> Sequencer:
    """The sequencer of a database: the counter on SQLite, transaction ids on PostgreSQL."""
    return CounterSequencer() if is_sqlite else XactSequencer()
