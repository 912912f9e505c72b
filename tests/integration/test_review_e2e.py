"""The coordinator's review round trip through the real server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import ReviewStatus, Theme, WorkshopFormat
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.local_store.services.review import ReviewService
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopService
from tests.support.clients import Client, make_client
from tests.support.live_server import live_server, sqlite_url

PASSWORD = "correct-horse-42"


@pytest.fixture
def clients(tmp_path: Path) -> Iterator[tuple[str, Client, Client, Client]]:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        s1 = server.create_structure("Collège Paul Éluard")
        s2 = server.create_structure("Médiathèque de Cergy", kind="mediatheque")
        server.create_user("m1@tne.test", PASSWORD, "mediator", structure_id=s1)
        server.create_user("m2@tne.test", PASSWORD, "mediator", structure_id=s2)
        server.create_user("c@tne.test", PASSWORD, "coordinator", display_name="Claire")
        m1, m2, c = (make_client(tmp_path, n) for n in ("m1", "m2", "c"))
        m1.login(server.base_url, "m1@tne.test", PASSWORD)
        m2.login(server.base_url, "m2@tne.test", PASSWORD)
        c.login(server.base_url, "c@tne.test", PASSWORD)
        yield server.base_url, m1, m2, c
        for x in (m1, m2, c):
            x.close()


def _w(title: str) -> Workshop:
    return Workshop(
        format=WorkshopFormat.ATELIER,
        title=title,
        date=date(2026, 10, 8),
        themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
        commune="Cergy",
    )


def test_validate_send_back_and_correction_returns_to_queue(
    clients: tuple[str, Client, Client, Client],
) -> None:
    _url, m1, m2, c = clients
    a = WorkshopService(m1.store).create(_w("Atelier EduConnect")).value
    b = WorkshopService(m2.store).create(_w("Atelier Pronote")).value
    m1.sync()
    m2.sync()
    c.sync()
    review = ReviewService(c.store)
    assert review.counts().to_review == 2
    with pytest.raises(BusinessRuleError):
        ReviewService(m1.store).validate(a.id)
    with pytest.raises(ValidationError):
        review.send_back(b.id, "  ")
    review.validate(a.id)
    review.send_back(b.id, "Merci de préciser le nombre de parents présents.")
    report = c.sync()
    assert report.parked == 0 and report.pushed == 2
    m1.sync()
    m2.sync()
    assert WorkshopService(m1.store).get(a.id).review_status is ReviewStatus.VALIDATED  # type: ignore[union-attr]
    back = WorkshopService(m2.store).get(b.id)
    assert back is not None
    assert back.review_status is ReviewStatus.NEEDS_CORRECTION
    assert back.review_comment == "Merci de préciser le nombre de parents présents."
    flagged = WorkshopService(m2.store).list(
        WorkshopFilter(review_status=ReviewStatus.NEEDS_CORRECTION)
    )
    assert [r.workshop.id for r in flagged.rows] == [b.id]
    # The correction goes back to the coordinator's queue.
    WorkshopService(m2.store).update(b.id, notes="12 parents présents")
    m2.sync()
    c.sync()
    counts = review.counts()
    assert (counts.to_review, counts.needs_correction, counts.validated) == (1, 0, 1)
