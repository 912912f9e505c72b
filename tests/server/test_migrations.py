"""The committed Alembic migrations produce exactly the tables of the metadata."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tne_api import models
from tne_api.db import Database, alembic_config, init_db
from tne_api.models import metadata


def test_migrations_match_metadata(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    try:
        init_db(db)
        init_db(db)  # idempotent
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
    finally:
        db.dispose()


def _rows(conn: sa.Connection) -> tuple[object, object, object]:
    p, w, c = (models.SYNCED[n] for n in ("participant", "workshop", "sync_conflict"))
    return (
        conn.execute(sa.select(p.c.age_band)).scalar_one(),
        conn.execute(sa.select(w.c.themes)).scalar_one(),
        conn.execute(sa.select(c.c.base_value, c.c.server_value, c.c.client_value)).one(),
    )


def test_0006_rewrites_age_bands_theme_lists_and_conflicts_to_coop_values(
    empty_db_url: str,
) -> None:
    """Rows written under 0004's spellings read La Coop's after 0006, versions untouched;
    a downgrade gives the old spellings back."""
    db = Database(empty_db_url)
    try:
        cfg = alembic_config(db.url)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
        sync = {
            "version": 3,
            "field_versions": {"age_band": 2, "themes": 3},
            "tx_seq": 1,
            "deleted": False,
            "scope_department": "95",
            "server_updated_at": datetime.now(UTC),
        }
        wid, pid = uuid.uuid4(), uuid.uuid4()
        with db.engine.begin() as conn:
            conn.execute(
                models.SYNCED["participant"]
                .insert()
                .values(id=pid, age_band="de_40_a_59_ans", seq=1, **sync)
            )
            conn.execute(
                models.SYNCED["workshop"]
                .insert()
                .values(id=wid, themes=["etrangers_europeens", "parentalite"], seq=2, **sync)
            )
            conn.execute(
                models.SYNCED["sync_conflict"]
                .insert()
                .values(
                    id=uuid.uuid4(),
                    entity="participant",
                    row_id=pid,
                    field_name="age_band",
                    base_value='"de_25_a_39_ans"',
                    server_value='"de_40_a_59_ans"',
                    client_value='"plus_de_70_ans"',
                    seq=3,
                    **sync,
                )
            )
        init_db(db)
        w = models.SYNCED["workshop"]
        with db.engine.connect() as conn:
            assert _rows(conn) == (
                "quarante_cinquante_neuf",
                ["etrangers_europe", "parentalite"],
                ('"vingt_cinq_trente_neuf"', '"quarante_cinquante_neuf"', '"soixante_dix_plus"'),
            )
            versions = conn.execute(sa.select(w.c.version, w.c.seq, w.c.field_versions)).one()
            assert tuple(versions) == (3, 2, {"age_band": 2, "themes": 3})
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
        with db.engine.connect() as conn:
            assert _rows(conn) == (
                "de_40_a_59_ans",
                ["etrangers_europeens", "parentalite"],
                ('"de_25_a_39_ans"', '"de_40_a_59_ans"', '"plus_de_70_ans"'),
            )
    finally:
        db.dispose()


def test_0007_gives_existing_tokens_a_family_and_a_device(empty_db_url: str) -> None:
    """Tokens issued before refresh rotation keep working: each refresh token starts its
    own family, each access token takes its refresh token's device (or its client's)."""
    import uuid
    from datetime import UTC, datetime, timedelta

    import sqlalchemy as sa
    from alembic import command

    from tne_api import models
    from tne_api.db import alembic_config

    db = Database(empty_db_url)
    try:
        with db.engine.begin() as conn:
            cfg = alembic_config(db.url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0006")
        user, client = uuid.uuid4(), uuid.uuid4()
        now = datetime.now(UTC)
        later = now + timedelta(days=1)
        with db.engine.begin() as conn:
            # Only the columns revision 0004 has (the tables' newer columns left out).
            conn.execute(
                models.users.insert().values(
                    id=user,
                    email="a@b.fr",
                    password_hash="h",
                    role="mediator",
                    display_name="A",
                    department_code="95",
                    actor_id=uuid.uuid4(),
                    active=True,
                    created_at=now,
                )
            )
            conn.execute(
                models.sync_client.insert().values(
                    client_id=client,
                    user_id=user,
                    device_id="pc-2",
                    device_name="PC",
                    app_version="0.1",
                    schema_version=1,
                    last_client_seq=0,
                    revoked=False,
                    created_at=now,
                )
            )
            conn.execute(
                models.refresh_token.insert().values(
                    token_hash="r1",
                    user_id=user,
                    device_id="pc-1",
                    expires_at=later,
                    revoked=False,
                    created_at=now,
                )
            )
            for token, refresh, client_id in (("a1", "r1", None), ("a2", None, client)):
                conn.execute(
                    models.access_token.insert().values(
                        token_hash=token,
                        user_id=user,
                        refresh_hash=refresh,
                        client_id=client_id,
                        expires_at=later,
                        revoked=False,
                        created_at=now,
                    )
                )
        init_db(db)
        with db.engine.connect() as conn:
            assert conn.execute(
                sa.text("SELECT family_id, rotated_at FROM refresh_token")
            ).all() == [("r1", None)]
            devices = dict(
                conn.execute(sa.text("SELECT token_hash, device_id FROM access_token")).all()
            )
        assert devices == {"a1": "pc-1", "a2": "pc-2"}
    finally:
        db.dispose()


def test_0012_builds_the_snapshot_indexes_and_keeps_one_built_beforehand(
    empty_db_url: str,
) -> None:
    """docs/deploy.md: an operator may build an index of 0012 beforehand (CONCURRENTLY on
    PostgreSQL); the upgrade leaves it and builds the others, on every synced table."""
    db = Database(empty_db_url)
    try:
        with db.engine.begin() as conn:
            cfg = alembic_config(db.url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0011")
            conn.exec_driver_sql(
                "CREATE INDEX ix_attendance_scope_department_id "
                "ON attendance (scope_department, id)"
            )
        init_db(db)
        with db.engine.connect() as conn:
            inspector = sa.inspect(conn)
            for table in models.SYNCED:
                columns = {i["name"]: i["column_names"] for i in inspector.get_indexes(table)}
                for scope in ("scope_department", "scope_structure"):
                    assert columns[f"ix_{table}_{scope}_id"] == [scope, "id"]
    finally:
        db.dispose()
