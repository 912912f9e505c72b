"""Nothing silent across two laptops (two real stores, the real server over HTTP): a value
this laptop typed and another laptop's later edit replaced, and a registration the server
moved to the waitlist, each leave a notice in « À traiter » that the person reads in French,
restores or dismisses; the chip and the sync report count exactly what is shown."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Gender, RegistrationStatus, Theme
from mediator_app.local_store.services.attention import AttentionService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.status import sync_status
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"


def _two_laptops(server: LiveServer, tmp_path: Path) -> tuple[Client, Client]:
    structure = server.create_structure("Centre social Les Tilleuls", kind="centre_social")
    server.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    for laptop in (a, b):
        laptop.login(server.base_url, "amina@tne.test", PASSWORD)
    return a, b


def _workshop(laptop: Client, **kw: object) -> Workshop:
    values: dict[str, object] = {
        "title": "Café des parents",
        "date": date(2026, 12, 10),
        "themes": (Theme.PARENTALITE,),
        "commune": "Cergy",
    }
    values.update(kw)
    return WorkshopService(laptop.store).create(Workshop(**values)).value  # type: ignore[arg-type]


def _sync_until(laptop: Client, done: Callable[[], bool]) -> int:
    """Sync until ``done()`` (a pull on PostgreSQL may hold back a row committed while
    another transaction of the cluster runs: it delays, never skips — docs/protocol.md,
    « Pull without gaps »); the notices these runs opened."""
    notices = 0
    for _ in range(50):
        notices += laptop.sync().notices
        if done():
            return notices
        time.sleep(0.1)
    raise AssertionError("the server's change never reached this laptop")


def _title(laptop: Client, workshop_id: UUID) -> str | None:
    found = WorkshopService(laptop.store).get(workshop_id)
    return None if found is None else found.title


def _shown(laptop: Client) -> int:
    attention = AttentionService(laptop.store)
    return len(attention.cards()) + len(attention.corrections())


def test_an_overwritten_title_leaves_a_notice_and_my_value_can_be_restored(
    server: LiveServer, tmp_path: Path
) -> None:
    a, b = _two_laptops(server, tmp_path)
    try:
        w = _workshop(a)
        a.sync()
        _sync_until(b, lambda: _title(b, w.id) is not None)
        # Both laptops rename the workshop offline; A reaches the server first, B's later
        # edit wins (an ``auto`` field: last writer wins).
        WorkshopService(a.store).update(w.id, title="Café des parents — numérique")
        WorkshopService(b.store).update(w.id, title="Café des parents du jeudi")
        a.sync()
        b.sync()
        notices = _sync_until(a, lambda: _title(a, w.id) == "Café des parents du jeudi")
        (notice,) = AttentionService(a.store).cards()
        assert notice.kind == "notice"
        assert notice.message.startswith("Titre : un autre poste a enregistré une autre valeur")
        assert (notice.mine, notice.theirs) == (
            "Café des parents — numérique",
            "Café des parents du jeudi",
        )
        assert notice.can_restore
        assert notices == 1 == sync_status(a.store).to_handle == _shown(a)
        # The winner and a re-pull see nothing more.
        assert AttentionService(b.store).cards() == []
        assert a.sync().notices == 0 and len(AttentionService(a.store).cards()) == 1

        AttentionService(a.store).restore_mine(notice.id)
        assert sync_status(a.store).to_handle == 0 == _shown(a)
        a.sync()
        _sync_until(b, lambda: _title(b, w.id) == "Café des parents — numérique")
        assert _title(a, w.id) == "Café des parents — numérique"
        # Restoring is an ordinary later edit (made on top of B's value): nothing to
        # tell B, and A's notice does not come back.
        assert AttentionService(b.store).cards() == []
        assert AttentionService(a.store).cards() == []
    finally:
        a.close()
        b.close()


def test_a_registration_moved_to_the_waitlist_by_capacity_says_so(
    server: LiveServer, tmp_path: Path
) -> None:
    a, b = _two_laptops(server, tmp_path)
    try:
        w = _workshop(a, title="Atelier Pronote", capacity=1)
        a.sync()
        _sync_until(b, lambda: _title(b, w.id) is not None)
        awa = ParticipantService(a.store).create(
            Participant(first_name="Awa", last_name="Diallo", gender=Gender.FEMININ)
        )
        lina = ParticipantService(b.store).create(
            Participant(first_name="Lina", last_name="Martin", gender=Gender.FEMININ)
        )
        # The last place, taken on both laptops offline; A reaches the server first.
        RegistrationService(a.store).register(w.id, awa.value.id)
        reg_b = RegistrationService(b.store).register(w.id, lina.value.id).value
        assert reg_b.status is RegistrationStatus.REGISTERED
        a.sync()

        def waitlisted() -> bool:
            rows = {r.registration.id: r for r in RegistrationService(b.store).list(w.id)}
            return rows[reg_b.id].registration.status is RegistrationStatus.WAITLIST

        notices = _sync_until(b, waitlisted)
        (notice,) = AttentionService(b.store).cards()
        assert notice.kind == "notice" and not notice.can_restore
        assert notice.message == (
            "Mme Lina Martin est passée en liste d’attente pour l’atelier « Atelier "
            "Pronote » du 10/12/2026 : complet (un autre poste avait déjà rempli les "
            "places)."
        )
        assert notices == 1 == sync_status(b.store).to_handle == _shown(b)
        assert b.sync().notices == 0
        assert AttentionService(a.store).cards() == []
        AttentionService(b.store).dismiss(notice.id)
        assert sync_status(b.store).to_handle == 0 == _shown(b)
        assert AttentionService(b.store).cards() == []
    finally:
        a.close()
        b.close()
