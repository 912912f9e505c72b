"""Notices on a coordinator's laptop (the real server over HTTP, SQLite and PostgreSQL).
What a coordinator writes is the review decision of a workshop (``review_status``,
``review_comment``) and the département's programme (partnerships, instalments, school
targets); ``core.rules`` lets coordinators and the national team (``admin``) write both,
and both are ``auto`` fields: a later edit by another coordinator of the département, or
by the national team, replaces the first. The coordinator whose decision was replaced reads
it in « À traiter » and may restore it, as a mediator does."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

import sqlalchemy as sa

from mediator_app.core.entities import Partnership, Workshop
from mediator_app.core.enums import ReviewStatus, Role, Theme, WorkshopFormat
from mediator_app.core.rules import programme_write_allowed, review_write_allowed
from mediator_app.local_store.rows import entity_from_row
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.local_store.services.review import ReviewService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.status import sync_status
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"


def _sync_until(laptop: Client, done: Callable[[], bool]) -> int:
    """Sync until ``done()`` (a pull on PostgreSQL may hold back a row a moment, never
    skips it: docs/protocol.md, « Pull without gaps »); the notices these runs opened."""
    notices = 0
    for _ in range(50):
        notices += laptop.sync().notices
        if done():
            return notices
        time.sleep(0.1)
    raise AssertionError("the server's change never reached this laptop")


def _laptop(server: LiveServer, tmp_path: Path, name: str, role: str) -> Client:
    server.create_user(f"{name}@tne.test", PASSWORD, role, display_name=name.capitalize())
    laptop = make_client(tmp_path, name)
    laptop.login(server.base_url, f"{name}@tne.test", PASSWORD)
    return laptop


def _review(laptop: Client, workshop_id: UUID) -> tuple[ReviewStatus, str] | None:
    found = WorkshopService(laptop.store).get(workshop_id)
    return None if found is None else (found.review_status, found.review_comment)


def test_the_writers_of_what_a_coordinator_writes() -> None:
    """Who else may replace a coordinator's review decision or partnership (the rulebook
    both the laptop and the server apply)."""
    decision = {"review_status": ReviewStatus.VALIDATED.value}
    assert [r for r in Role if review_write_allowed(r, "workshop", decision)] == [
        Role.COORDINATOR,
        Role.ADMIN,
    ]
    assert [r for r in Role if programme_write_allowed(r)] == [Role.COORDINATOR, Role.ADMIN]


def test_a_review_decision_replaced_by_another_coordinator_leaves_a_notice(
    server: LiveServer, tmp_path: Path
) -> None:
    partner = server.create_structure("Association Médiation 95")
    server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=partner)
    mediator = make_client(tmp_path, "m")
    mediator.login(server.base_url, "m@tne.test", PASSWORD)
    claire, karim = (_laptop(server, tmp_path, n, "coordinator") for n in ("claire", "karim"))
    try:
        w = (
            WorkshopService(mediator.store)
            .create(
                Workshop(
                    format=WorkshopFormat.ATELIER,
                    title="Atelier Pronote",
                    date=date(2026, 10, 8),
                    themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
                    commune="Cergy",
                )
            )
            .value
        )
        mediator.sync()
        for c in (claire, karim):
            _sync_until(c, lambda c=c: _review(c, w.id) is not None)  # type: ignore[misc]
        # Both coordinators review it offline; Claire reaches the server first, Karim's
        # later decision wins.
        ReviewService(claire.store).validate(w.id)
        ReviewService(karim.store).send_back(w.id, "Merci de préciser le lieu.")
        assert claire.sync().parked == 0
        assert karim.sync().parked == 0
        sent_back = (ReviewStatus.NEEDS_CORRECTION, "Merci de préciser le lieu.")
        notices = _sync_until(claire, lambda: _review(claire, w.id) == sent_back)
        (notice,) = AttentionService(claire.store).cards()
        assert notice.kind == "notice" and notice.field_name == "review_status"
        assert notice.message.startswith("Statut de validation : un autre poste a enregistré")
        assert (notice.mine, notice.theirs) == ("Validé", "À corriger")
        assert notice.can_restore
        assert notices == 1 == sync_status(claire.store).to_handle
        assert claire.sync().notices == 0
        assert AttentionService(karim.store).cards() == []  # the winner: nothing to tell
        # The mediator is not told of the coordinators' exchange as a notice of theirs.
        mediator.sync()
        assert [c for c in AttentionService(mediator.store).cards() if c.kind == "notice"] == []

        # « Rétablir ma valeur »: Claire's decision again, as a later edit.
        AttentionService(claire.store).restore_mine(notice.id)
        assert sync_status(claire.store).to_handle == 0
        assert claire.sync().parked == 0
        _sync_until(karim, lambda: _review(karim, w.id) == (ReviewStatus.VALIDATED, sent_back[1]))
        assert AttentionService(claire.store).cards() == []
    finally:
        for laptop in (mediator, claire, karim):
            laptop.close()


def test_a_partnership_edit_replaced_by_the_national_team_leaves_a_notice(
    server: LiveServer, tmp_path: Path
) -> None:
    partner = server.create_structure("Association Médiation 95")
    claire, gip = (
        _laptop(server, tmp_path, "claire", "coordinator"),
        _laptop(server, tmp_path, "gip", "admin"),
    )
    try:
        convention = (
            ProgrammeService(claire.store)
            .save_partnership(
                Partnership(
                    school_year="2026-2027",
                    partner_structure_id=partner,
                    title="Convention 2026-2027",
                    objective_workshops=20,
                )
            )
            .value
        )
        assert claire.sync().parked == 0

        def held(laptop: Client) -> Partnership | None:
            table = entity_tables["partnership"]
            with laptop.store.read() as conn:
                row = (
                    conn.execute(sa.select(table).where(table.c.id == convention.id))
                    .mappings()
                    .first()
                )
            return None if row is None else entity_from_row(Partnership, row)

        _sync_until(gip, lambda: held(gip) is not None)
        mine = held(claire)
        theirs = held(gip)
        assert mine is not None and theirs is not None
        ProgrammeService(claire.store).save_partnership(
            dataclasses.replace(mine, objective_workshops=24)
        )
        ProgrammeService(gip.store).save_partnership(
            dataclasses.replace(theirs, objective_workshops=30)
        )
        assert claire.sync().parked == 0
        assert gip.sync().parked == 0
        notices = _sync_until(claire, lambda: held(claire).objective_workshops == 30)  # type: ignore[union-attr]
        (notice,) = AttentionService(claire.store).cards()
        assert notice.kind == "notice" and notice.field_name == "objective_workshops"
        assert (notice.mine, notice.theirs) == ("24", "30")
        assert notices == 1 == sync_status(claire.store).to_handle
        assert AttentionService(gip.store).cards() == []
        AttentionService(claire.store).dismiss(notice.id)
        assert sync_status(claire.store).to_handle == 0
        assert held(claire).objective_workshops == 30  # type: ignore[union-attr]
    finally:
        claire.close()
        gip.close()
