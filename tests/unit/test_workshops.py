from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme, WorkshopFormat, WorkshopStatus
from mediator_app.core.errors import ValidationError
from mediator_app.local_store.schema import outbox
from mediator_app.local_store.services.workshops import WorkshopFilter, WorkshopService


def _cafe(**kw: object) -> Workshop:
    values: dict[str, object] = dict(
        format=WorkshopFormat.CAFE_DES_PARENTS,
        title="Café des parents : Pronote",
        date=date(2026, 12, 3),
        themes=(Theme.PARENTALITE,),
        capacity=12,
    )
    values.update(kw)
    return Workshop(**values)  # type: ignore[arg-type]


def _ops(store):  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return conn.execute(select(outbox).order_by(outbox.c.client_seq)).mappings().all()


def test_create_records_create_op_in_same_transaction(store) -> None:  # type: ignore[no-untyped-def]
    svc = WorkshopService(store)
    res = svc.create(_cafe())
    assert res.changes == {"workshop"}
    assert res.value.department_code == "95"
    ops = _ops(store)
    assert [(o["entity"], o["kind"], o["row_id"]) for o in ops] == [
        ("workshop", "create", res.value.id)
    ]
    assert ops[0]["changes"]["title"] == "Café des parents : Pronote"
    assert ops[0]["changes"]["themes"] == ["parentalite"]


def test_invalid_workshop_saves_nothing(store) -> None:  # type: ignore[no-untyped-def]
    svc = WorkshopService(store)
    with pytest.raises(ValidationError) as err:
        svc.create(_cafe(themes=(), capacity=0))
    assert err.value.errors["themes"] == "Choisissez au moins une thématique."
    assert "capacity" in err.value.errors
    assert _ops(store) == []
    assert svc.list(WorkshopFilter()).total == 0


def test_updates_coalesce_while_pending_and_keep_first_base(store) -> None:  # type: ignore[no-untyped-def]
    svc = WorkshopService(store)
    w = svc.create(_cafe()).value
    svc.update(w.id, title="Titre 2")
    svc.update(w.id, title="Titre 3", notes="n")
    ops = _ops(store)
    assert len(ops) == 1  # the create absorbed both edits: nothing was sent yet
    assert ops[0]["changes"]["title"] == "Titre 3"
    with store.engine.begin() as conn:
        conn.execute(outbox.update().values(state="inflight"))
    svc.update(w.id, title="Titre 4")
    svc.update(w.id, title="Titre 5")
    ops = _ops(store)
    assert [o["kind"] for o in ops] == ["create", "update"]
    assert ops[1]["base"] == {"title": "Titre 3"}
    assert ops[1]["changes"] == {"title": "Titre 5"}


def test_mark_held_needs_someone_present(store) -> None:  # type: ignore[no-untyped-def]
    svc = WorkshopService(store)
    w = svc.create(_cafe()).value
    with pytest.raises(ValidationError) as err:
        svc.mark_held(w.id)
    assert "status" in err.value.errors
    svc.set_anonymous_counts(w.id, total=4, gender_female=3)
    held = svc.mark_held(w.id).value
    assert held.status is WorkshopStatus.HELD
    row = svc.row(w.id)
    assert row is not None and row.anonymous_total == 4


def test_anonymous_breakdown_cannot_exceed_total(store) -> None:  # type: ignore[no-untyped-def]
    svc = WorkshopService(store)
    w = svc.create(_cafe()).value
    with pytest.raises(ValidationError) as err:
        svc.set_anonymous_counts(w.id, total=3, age_25_39=2, age_40_59=2)
    assert "tranches d’âge" in err.value.errors["age"]
    counts = svc.set_anonymous_counts(w.id, total=5, gender_female=2).value
    assert counts.gender_unknown == 3


def test_list_filters_and_pages(store) -> None:  # type: ignore[no-untyped-def]
    svc = WorkshopService(store)
    for day in range(1, 11):
        svc.create(
            _cafe(
                date=date(2026, 11, day),
                title=f"Atelier {day}",
                format=WorkshopFormat.ATELIER if day % 2 else WorkshopFormat.CAFE_DES_PARENTS,
            )
        )
    page = svc.list(WorkshopFilter(format=WorkshopFormat.ATELIER), limit=3)
    assert page.total == 5 and len(page.rows) == 3 and page.has_more
    assert page.rows[0].workshop.date == date(2026, 11, 9)
    assert svc.list(WorkshopFilter(text="atelier 10")).total == 1
    assert svc.list(WorkshopFilter(theme="parentalite")).total == 10
    assert svc.list(WorkshopFilter(theme="email")).total == 0
    dup = svc.duplicate(page.rows[0].workshop.id, date(2027, 1, 5)).value
    assert dup.status is WorkshopStatus.PLANNED and dup.id != page.rows[0].workshop.id
