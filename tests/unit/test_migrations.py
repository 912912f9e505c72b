"""The Alembic migrations of the local store build exactly the tables of ``schema.py``."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, insert, inspect, select, update

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import AgeBand, Theme
from mediator_app.local_store import Store
from mediator_app.local_store.db import (
    alembic_config,
    head_revision,
    known_revisions,
    make_engine,
    migrate,
    revision_graph,
)
from mediator_app.local_store.schema import attention_item, entity_tables, metadata, outbox
from mediator_app.local_store.services.workshops import WorkshopService

P = entity_tables["participant"]
W = entity_tables["workshop"]


def _diffs(path: Path) -> list[object]:
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            return list(compare_metadata(ctx, metadata))
    finally:
        engine.dispose()


def test_the_start_path_reads_the_revisions_as_alembic_does() -> None:
    # The window's start reads the scripts' text instead of loading Alembic: the same graph.
    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    walked = list(scripts.walk_revisions())
    assert known_revisions() == {s.revision for s in walked}
    downs = {s.revision: s.down_revision for s in walked}
    assert revision_graph() == {
        rev: () if down is None else (down,) if isinstance(down, str) else tuple(down)
        for rev, down in downs.items()
    }
    assert len(walked) >= 7


def test_empty_database_migrated_to_head_matches_metadata(tmp_path: Path) -> None:
    path = tmp_path / "vide.sqlite3"
    engine = make_engine(path)
    migrate(engine)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert set(metadata.tables) <= tables
    assert tables - set(metadata.tables) == {"alembic_version"}
    assert _diffs(path) == []


def test_downgrade_to_base_and_back_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "allers-retours.sqlite3"
    engine = make_engine(path)
    migrate(engine)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    engine.dispose()
    assert _diffs(path) == []


def test_a_column_missing_from_the_database_is_detected(tmp_path: Path) -> None:
    """The comparison itself can fail: drop a column and it must report it."""
    path = tmp_path / "incomplet.sqlite3"
    engine = make_engine(path)
    migrate(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE workshop DROP COLUMN notes")
    engine.dispose()
    diffs = _diffs(path)
    assert any(d[0] == "add_column" and d[3].name == "notes" for d in diffs)  # type: ignore[index]


def _at(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        if revision == "head":
            command.upgrade(cfg, revision)
        else:
            command.downgrade(cfg, revision)


def test_0003_rewrites_rows_lists_unsent_ops_and_attention_to_coop_values(store: Store) -> None:
    """Back to 0002 (the old spellings), then up again: rows, theme lists, ops never sent
    and « À traiter » take La Coop's values; an op already sent keeps its bytes."""
    workshops = WorkshopService(store)
    w = workshops.create(
        Workshop(
            title="Titres de séjour en ligne",
            date=date(2026, 11, 5),
            themes=(Theme.ETRANGERS_EUROPE, Theme.ASSOCIATIONS, Theme.PARENTALITE),
        )
    ).value
    with store.write() as tx:
        p = tx.insert(Participant(first_name="Awa", last_name="Traoré", age_band=AgeBand.DE_25_39))
    item = uuid.uuid4()
    with store.engine.begin() as conn:
        conn.execute(
            insert(attention_item).values(
                id=item,
                kind="conflict",
                entity="participant",
                row_id=p.id,
                field_name="age_band",
                mine="vingt_cinq_trente_neuf",
                theirs="quarante_cinquante_neuf",
                created_at=datetime.now(UTC),
            )
        )
    _at(store.engine, "0002")
    with store.engine.connect() as conn:
        assert conn.execute(select(P.c.age_band)).scalar_one() == "de_25_a_39_ans"
        assert conn.execute(select(W.c.themes)).scalar_one() == [
            "etrangers_europeens",
            "parentalite",
        ]
        ops = {r.entity: r for r in conn.execute(select(outbox))}
        assert ops["participant"].changes["age_band"] == "de_25_a_39_ans"
        assert ops["workshop"].changes["themes"] == ["etrangers_europeens", "parentalite"]
        # One op went out once before the update (its bytes may be on the server's ledger).
        conn.execute(
            update(outbox)
            .where(outbox.c.client_seq == ops["participant"].client_seq)
            .values(attempts=1)
        )
        conn.commit()
    _at(store.engine, "head")
    with store.engine.connect() as conn:
        assert conn.execute(select(P.c.age_band)).scalar_one() == "vingt_cinq_trente_neuf"
        assert conn.execute(select(W.c.themes)).scalar_one() == ["etrangers_europe", "parentalite"]
        ops = {r.entity: r for r in conn.execute(select(outbox))}
        assert ops["workshop"].changes["themes"] == ["etrangers_europe", "parentalite"]
        assert ops["participant"].changes["age_band"] == "de_25_a_39_ans"
        att = conn.execute(select(attention_item).where(attention_item.c.id == item)).one()
        assert (att.mine, att.theirs) == ("vingt_cinq_trente_neuf", "quarante_cinquante_neuf")
    # What the laptop reads is La Coop's value, whatever spelling a kept op carries.
    assert AgeBand("de_25_a_39_ans") is AgeBand.DE_25_39
    assert workshops.get(w.id).themes == (Theme.ETRANGERS_EUROPE, Theme.PARENTALITE)


def test_a_store_with_registrations_and_attendance_upgrades(tmp_path: Path) -> None:
    """A laptop with data: SQLite alters ``workshop`` by copying and dropping it, which the
    registrations and attendance point at. With the foreign keys checked during the
    migration, the commit failed (« FOREIGN KEY constraint failed ») and the laptop could
    not start; the upgrade now runs as SQLite's ALTER TABLE procedure prescribes."""
    from alembic import command as alembic_command
    from sqlalchemy import func

    from mediator_app.local_store import open_local_store
    from mediator_app.local_store.db import run_migration
    from mediator_app.local_store.demo_data import generate

    store, _ = open_local_store(tmp_path / "data")
    generate(store, seed=3, scale="test")
    tables = ("workshop", "registration", "attendance", "handout", "participant")
    with store.engine.connect() as conn:
        before = {
            t: conn.execute(select(func.count()).select_from(entity_tables[t])).scalar_one()
            for t in tables
        }
    assert before["registration"] > 0 and before["attendance"] > 0
    # Back to the revision before the last change of ``workshop`` (its columns dropped:
    # the table copied and dropped again), then up to head as a laptop does at start.
    run_migration(store.engine, lambda cfg: alembic_command.downgrade(cfg, "0006"))
    migrate(store.engine)
    with store.engine.connect() as conn:
        after = {
            t: conn.execute(select(func.count()).select_from(entity_tables[t])).scalar_one()
            for t in tables
        }
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == (
            head_revision()
        )
    assert after == before
    store.engine.dispose()
